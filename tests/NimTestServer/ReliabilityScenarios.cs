using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NimTestServer
{
    /// <summary>
    /// The scenarios of the reliability suite, picked like the others by the first path segment of the base URI:
    /// <list type="bullet">
    /// <item><c>seq~STEP~STEP...</c>: the n-th request to the scenario plays step n (the last step repeats). A step is
    /// <c>STATUS,BODY,HEADER...</c>: BODY is a fixture file, <c>empty</c> or <c>html</c>; a 200 step answers like
    /// <c>ok</c>. Header codes as for <c>status</c> (raN, ramsN, radateN); every answer carries x-request-id step-N.</item>
    /// <item><c>http~FILE</c>: replays a raw HTTP response file (.http): its status, headers and body.</item>
    /// <item><c>marker~COUNT~DELAYMS</c>: streams COUNT text events "MARKER:i ", MARKER being the content of the request's
    /// last message, DELAYMS apart, then a finish reason and [DONE]; without stream, one response with the marker.</item>
    /// <item><c>big~BYTES</c>: an answer with BYTES characters of text: streamed, the event "a" and then one event that
    /// big; otherwise one chat.completion that big. <c>big~BYTES~error</c>: HTTP 500 with a body that big. Generated as
    /// it is sent.</item>
    /// </list>
    /// </summary>
    public static class ReliabilityScenarios
    {
        /// <summary>The route constraint that sends a scenario here instead of to <see cref="Routes"/>.</summary>
        public const string Pattern = "/{scenario:regex(^(seq|http|marker|big)~)}/v1/{**rest}";

        public static async Task Handle(HttpContext context, string scenario, string rest)
        {
            string body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var log = context.RequestServices.GetRequiredService<RequestLog>();
            log.Add(new LoggedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            var fixtures = context.RequestServices.GetRequiredService<Fixtures>();
            string[] parts = scenario.Split('~');
            switch (parts[0])
            {
                case "seq":
                    int number = log.CountFor(scenario);
                    await Step(context, fixtures, parts[Math.Min(number, parts.Length - 1)].Split(','), number, rest, body);
                    break;
                case "http":
                    await Replay(context, fixtures.Read(parts[1]));
                    break;
                case "big":
                    await Big(context, body, Int(parts, 1, 1000), parts.Length > 2 && parts[2] == "error");
                    break;
                case "marker":
                    await Marker(context, body, Int(parts, 1, 5), Int(parts, 2, 20));
                    break;
            }
        }

        private static int Int(string[] parts, int index, int fallback) =>
            index < parts.Length && int.TryParse(parts[index], out int value) ? value : fallback;

        private static async Task Step(HttpContext context, Fixtures fixtures, string[] step, int number, string rest, string requestBody)
        {
            int status = int.Parse(step[0], CultureInfo.InvariantCulture);
            context.Response.Headers["x-request-id"] = "step-" + number.ToString(CultureInfo.InvariantCulture);
            foreach (string code in step.Skip(2))
            {
                if (code.StartsWith("rams", StringComparison.Ordinal))
                {
                    context.Response.Headers["retry-after-ms"] = code.Substring(4);
                }
                else if (code.StartsWith("radate", StringComparison.Ordinal))
                {
                    context.Response.Headers["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(int.Parse(code.Substring(6), CultureInfo.InvariantCulture)).ToString("r", CultureInfo.InvariantCulture);
                }
                else if (code.StartsWith("ra", StringComparison.Ordinal))
                {
                    context.Response.Headers["Retry-After"] = code.Substring(2);
                }
            }

            string bodyKind = step.Length > 1 ? step[1] : "empty";
            context.Response.StatusCode = status;
            if (status == 200)
            {
                bool stream = requestBody.Contains("\"stream\":true", StringComparison.Ordinal);
                bool chat = rest.StartsWith("chat", StringComparison.Ordinal);
                context.Response.ContentType = stream ? "text/event-stream" : "application/json";
                string file = stream ? (chat ? "chat-stream-text.sse" : "completion-stream-text.sse") : (chat ? "chat-response-text-nim2.json" : "completion-response-text.json");
                await context.Response.WriteAsync(fixtures.Read(file));
            }
            else if (bodyKind == "html")
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"<html><body><h1>{status} from the proxy</h1><hr>nginx</body></html>");
            }
            else if (bodyKind != "empty")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(fixtures.Read(bodyKind));
            }
        }

        /// <summary>Plays a raw HTTP/1.1 response: status line, headers (framing headers left to the server), body.</summary>
        private static async Task Replay(HttpContext context, string raw)
        {
            string[] halves = raw.Replace("\r\n", "\n").Split("\n\n", 2);
            string[] head = halves[0].Split('\n');
            context.Response.StatusCode = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
            foreach (string line in head.Skip(1))
            {
                int colon = line.IndexOf(':');
                string name = line.Substring(0, colon).Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Date", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                context.Response.Headers.Append(name, line.Substring(colon + 1).Trim());
            }

            if (halves.Length > 1 && halves[1].Length > 0)
            {
                await context.Response.WriteAsync(halves[1]);
            }
        }

        private static async Task Marker(HttpContext context, string requestBody, int count, int delayMilliseconds)
        {
            using JsonDocument request = JsonDocument.Parse(requestBody);
            JsonElement messages = request.RootElement.GetProperty("messages");
            string marker = messages[messages.GetArrayLength() - 1].GetProperty("content").GetString() ?? string.Empty;
            bool stream = request.RootElement.TryGetProperty("stream", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;
            if (!stream)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Chunk("chat.completion", "message", marker, "\"stop\""));
                return;
            }

            context.Response.ContentType = "text/event-stream";
            for (int i = 1; i <= count; i++)
            {
                await context.Response.WriteAsync("data: " + Chunk("chat.completion.chunk", "delta", $"{marker}:{i} ", "null") + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(delayMilliseconds, context.RequestAborted);
            }

            await context.Response.WriteAsync("data: " + Chunk("chat.completion.chunk", "delta", string.Empty, "\"stop\"") + "\n\ndata: [DONE]\n\n", context.RequestAborted);
        }

        private static async Task Big(HttpContext context, string requestBody, int size, bool error)
        {
            bool stream = requestBody.Contains("\"stream\":true", StringComparison.Ordinal);
            context.Response.StatusCode = error ? 500 : 200;
            context.Response.ContentType = stream && !error ? "text/event-stream" : "application/json";
            string head = stream ? "data: " + Chunk("chat.completion.chunk", "delta", "a", "null") + "\n\ndata: " : string.Empty;
            string[] halves = Chunk(stream ? "chat.completion.chunk" : "chat.completion", stream ? "delta" : "message", "#", "\"stop\"").Split('#');
            await context.Response.WriteAsync(error ? "{\"error\":{\"message\":\"" : head + halves[0], context.RequestAborted);
            string block = new string('x', 64 * 1024);
            for (int left = size; left > 0; left -= block.Length)
            {
                await context.Response.WriteAsync(left >= block.Length ? block : block.Substring(0, left), context.RequestAborted);
            }

            await context.Response.WriteAsync(error ? "\"}}" : halves[1] + (stream ? "\n\ndata: [DONE]\n\n" : string.Empty), context.RequestAborted);
        }

        private static string Chunk(string objectType, string member, string content, string finishReason) =>
            $"{{\"id\":\"echo\",\"object\":\"{objectType}\",\"model\":\"m\",\"choices\":[{{\"index\":0,\"{member}\":{{\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(content)}}},\"finish_reason\":{finishReason}}}]}}";
    }
}
