using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NimTestServer
{
    /// <summary>
    /// NVIDIA's hosted gateway (NVCF) playing "come back later": gateway~N~ok answers the request with HTTP 202 and an
    /// NVCF-REQID, then answers N-1 polls of /v2/nvcf/pexec/status/{id} (on this server's origin) with 202 again, then
    /// with the chat completion; gateway~N~status~CODE ends with that error status and a problem-details body instead.
    /// Polls are logged like every other request, so tests see their paths and headers.
    /// </summary>
    public static class GatewayScenario
    {
        private static readonly ConcurrentDictionary<string, Pending> Requests = new();

        public static void Map(WebApplication app) => app.MapGet("/v2/nvcf/pexec/status/{id}", Poll);

        public static Task Accept(HttpContext context, string[] parts)
        {
            int accepted = parts.Length > 1 && int.TryParse(parts[1], out int n) && n > 0 ? n : 2;
            string outcome = parts.Length > 2 ? parts[2] : "ok";
            int status = parts.Length > 3 && int.TryParse(parts[3], out int code) ? code : 500;
            string id = Guid.NewGuid().ToString();
            Requests[id] = new Pending(accepted - 1, outcome, status, 0);
            return Accepted(context, id);
        }

        private static async Task Poll(HttpContext context, string id, RequestLog log)
        {
            log.Add(new LoggedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync()));
            if (!Requests.TryGetValue(id, out Pending? pending))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsJsonAsync(new { status = 404, title = "Not Found", detail = $"No request {id}." });
                return;
            }

            if (pending.Left > 0)
            {
                Requests[id] = pending with { Left = pending.Left - 1, Polls = pending.Polls + 1 };
                await Accepted(context, id);
                return;
            }

            Requests.TryRemove(id, out _);
            if (pending.Outcome == "ok")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    id = "chatcmpl-gateway",
                    @object = "chat.completion",
                    model = "test-model",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = $"Finished after {pending.Polls + 1} poll(s)." }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 1, completion_tokens = 4, total_tokens = 5 },
                }));
                return;
            }

            context.Response.StatusCode = pending.Status;
            context.Response.Headers["NVCF-REQID"] = id;
            context.Response.Headers["NVCF-STATUS"] = "errored";
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { status = pending.Status, title = "Function failed", detail = "The function failed while running the request." }));
        }

        private static Task Accepted(HttpContext context, string id)
        {
            context.Response.StatusCode = 202;
            context.Response.Headers["NVCF-REQID"] = id;
            context.Response.Headers["NVCF-STATUS"] = "pending-evaluation";
            return Task.CompletedTask;
        }

        private sealed record Pending(int Left, string Outcome, int Status, int Polls);
    }
}
