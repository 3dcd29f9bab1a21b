using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NimTestServer
{
    /// <summary>
    /// The routes. A test picks a behaviour with the first path segment of its base URI, e.g.
    /// http://127.0.0.1:PORT/replay~chat-stream-text.sse/v1; parts are separated by '~' (see <see cref="Scenario"/>).
    /// </summary>
    public static class Routes
    {
        public static void Map(WebApplication app)
        {
            app.MapGet("/_requests", (RequestLog log) => Results.Json(log.All()));
            app.MapDelete("/_requests", (RequestLog log) => { log.Clear(); return Results.NoContent(); });
            app.MapGet("/_open/{name}", (string name, Gates gates) => { gates.Open(name); return Results.NoContent(); });
            app.Map("/{scenario}/v1/{**rest}", Handle);
            GatewayScenario.Map(app);
        }

        private static async Task Handle(HttpContext context, string scenario, string rest)
        {
            var services = context.RequestServices;
            string body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var log = services.GetRequiredService<RequestLog>();
            log.Add(new LoggedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            var run = new Scenario(scenario, rest, body, context, services.GetRequiredService<Fixtures>(), services.GetRequiredService<Gates>(), log.CountFor(scenario));
            await run.Play();
        }
    }

    /// <summary>One request played by a scenario: kind~arg~arg...</summary>
    public sealed class Scenario(string spec, string rest, string requestBody, HttpContext context, Fixtures fixtures, Gates gates, int requestNumber)
    {
        private readonly string[] _parts = spec.Split('~');

        private string Kind => _parts[0];

        private string Arg(int index, string fallback = "") => index < _parts.Length ? _parts[index] : fallback;

        private int IntArg(int index, int fallback) => index < _parts.Length && int.TryParse(_parts[index], out int value) ? value : fallback;

        public async Task Play()
        {
            switch (Kind)
            {
                case "ok":
                    await Ok();
                    break;
                case "replay":
                    await Stream(fixtures.Events(Arg(1)), events => events);
                    break;
                case "llamacpp":
                    await Replay(fixtures.LlamaCpp(Arg(1)));
                    break;
                case "llamacpp-reasoning":
                    await Replay(fixtures.LlamaCpp(Arg(1), "llamacpp-reasoning"));
                    break;
                case "reasoning":
                    await new ReasoningScenario(Arg(1, "content"), rest, requestBody, context).Play();
                    break;
                case "strict":
                    await Strict();
                    break;
                case "json":
                    await Json(200, fixtures.Read(Arg(1)));
                    break;
                case "status":
                    await Status(IntArg(1, 500), Arg(2, "empty"), 3);
                    break;
                case "flaky":
                    if (requestNumber <= IntArg(1, 1))
                    {
                        await Status(IntArg(2, 503), Arg(3, "empty"), 4);
                    }
                    else
                    {
                        await Ok();
                    }

                    break;
                case "drop":
                    // Give the client time to read what was sent: a reset discards data still unread in its socket.
                    await StreamThen(IntArg(1, 1), Arg(2), async () => { await Task.Delay(300); context.Abort(); });
                    break;
                case "stall":
                    await StreamThen(IntArg(1, 1), Arg(2), () => Task.Delay(IntArg(3, 5000), context.RequestAborted), sendRest: true);
                    break;
                case "gate":
                    await StreamThen(IntArg(2, 2), Arg(3), () => gates.Get(Arg(1)).WaitAsync(TimeSpan.FromSeconds(20), context.RequestAborted), sendRest: true);
                    break;
                case "drip":
                    await Drip(fixtures.Read(Arg(1)));
                    break;
                case "never":
                    await Never();
                    break;
                case "bulk":
                    await Bulk(IntArg(1, 1000), Arg(2) == "thinking");
                    break;
                case "slow":
                    await Task.Delay(IntArg(1, 1000), context.RequestAborted);
                    await Ok();
                    break;
                case "llamaserver":
                    await Replay(fixtures.LlamaCpp(LlamaServerExchange()));
                    break;
                case "dialect":
                    await new DialectScenario(_parts.Skip(1).ToArray(), rest, requestBody, context).Play();
                    break;
                case "echo":
                    await Echo();
                    break;
                case "structured":
                    await Json(200, ChatCompletion("{\"name\":\"Ada\",\"age\":36}"));
                    break;
                case "evilargs":
                    await Json(200, requestBody.Contains("\"role\":\"tool\"", StringComparison.Ordinal)
                        ? ChatCompletion("Done.")
                        : fixtures.Read("chat-response-tool-calls.json").Replace("\\\"format\\\": \\\"celsius\\\"", "\\\"OutVariable\\\": \\\"pwned\\\""));
                    break;
                case "toolloop":
                    await ToolLoop();
                    break;
                case "gateway":
                    await GatewayScenario.Accept(context, _parts);
                    break;
                case "retrieval":
                    await new RetrievalScenario(_parts.Skip(1).ToArray(), rest, requestBody, context, fixtures, requestNumber).Play();
                    break;
                case "html":
                    context.Response.StatusCode = IntArg(1, 502);
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");
                    break;
                default:
                    await Json(400, "{\"error\":\"unknown test scenario " + spec + "\"}");
                    break;
            }
        }

        private bool WantsStream()
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(requestBody);
                return document.RootElement.TryGetProperty("stream", out JsonElement stream) && stream.ValueKind == JsonValueKind.True;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>A well-behaved server: models, chat and completions, plain or streamed.</summary>
        private Task Ok()
        {
            if (rest.StartsWith("models", StringComparison.Ordinal))
            {
                return Json(200, fixtures.Read("models-list-nim.json"));
            }

            if (rest == "embeddings" || rest == "ranking")
            {
                return new RetrievalScenario([], rest, requestBody, context, fixtures, requestNumber).Play();
            }

            bool chat = rest.StartsWith("chat", StringComparison.Ordinal);
            if (chat && ReasoningForm() is string form)
            {
                return new ReasoningScenario(form, rest, requestBody, context).Play();
            }

            return WantsStream()
                ? Stream(fixtures.Events(chat ? "chat-stream-text.sse" : "completion-stream-text.sse"), events => events)
                : Json(200, fixtures.Read(chat ? "chat-response-text-nim2.json" : "completion-response-text.json"));
        }

        /// <summary>
        /// The well-behaved server's reasoning models, so that documentation examples show thinking: Nemotron 3 Nano sends
        /// reasoning_content, DeepSeek R1 leaves its thinking inline in think tags.
        /// </summary>
        private string? ReasoningForm()
        {
            using JsonDocument request = JsonDocument.Parse(requestBody);
            string? model = request.RootElement.TryGetProperty("model", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return model switch
            {
                "nvidia/nemotron-3-nano-30b-a3b" => request.RootElement.TryGetProperty("tools", out _) ? "tools" : "content",
                "deepseek-ai/deepseek-r1" => "tags",
                _ => null,
            };
        }

        /// <summary>llama-server as recorded: each kind of request gets the recorded exchange of the same kind.</summary>
        private string LlamaServerExchange()
        {
            if (context.Request.Method == "GET")
            {
                return rest.StartsWith("health", StringComparison.Ordinal) ? "nim-health-ready" : "models";
            }

            if (rest.StartsWith("completions", StringComparison.Ordinal))
            {
                return "cmpl-basic";
            }

            using JsonDocument request = JsonDocument.Parse(requestBody);
            JsonElement root = request.RootElement;
            bool stream = WantsStream();
            return root.TryGetProperty("tools", out _) ? (stream ? "chat-stream-tools-required" : "chat-tools-named")
                : root.TryGetProperty("logprobs", out _) ? "chat-logprobs"
                : root.TryGetProperty("response_format", out _) || root.TryGetProperty("nvext", out _) || root.TryGetProperty("guided_json", out _) ? "chat-json-schema"
                : stream ? "chat-stream-usage" : "chat-basic";
        }

        /// <summary>Answers with the last message's text, after waiting as many milliseconds as that text says (if it is a number).</summary>
        private async Task Echo()
        {
            using JsonDocument request = JsonDocument.Parse(requestBody);
            JsonElement messages = request.RootElement.GetProperty("messages");
            string text = messages[messages.GetArrayLength() - 1].GetProperty("content").GetString() ?? string.Empty;
            if (int.TryParse(text, out int delay))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            await Json(200, ChatCompletion(text));
        }

        private static string ChatCompletion(string content) => JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });

        /// <summary>A model that calls get_current_weather until it has a tool result, then answers in text.</summary>
        private Task ToolLoop()
        {
            bool answered = requestBody.Contains("\"role\":\"tool\"", StringComparison.Ordinal);
            if (WantsStream())
            {
                return Stream(fixtures.Events(answered ? "chat-stream-text.sse" : "chat-stream-nim-complete-tool-call.sse"), events => events);
            }

            return Json(200, fixtures.Read(answered ? "chat-response-text-nim2.json" : "chat-response-tool-calls.json"));
        }

        /// <summary>A recorded exchange as it was: its status, its content type and its body, a stream event by event.</summary>
        private async Task Replay(RecordedExchange exchange)
        {
            context.Response.StatusCode = exchange.Status;
            context.Response.ContentType = exchange.ContentType;
            foreach (string part in exchange.Events ?? new[] { exchange.Body })
            {
                await context.Response.WriteAsync(part, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }

        /// <summary>
        /// A hosted model that forbids unknown fields: a body with nvext gets 422 extra_forbidden, anything else is played
        /// by the rest of the scenario (strict~llamacpp~chat-basic).
        /// </summary>
        private Task Strict()
        {
            using JsonDocument request = JsonDocument.Parse(requestBody);
            return request.RootElement.TryGetProperty("nvext", out _)
                ? Json(422, fixtures.Read("error-422-hosted-extra-forbidden.json"))
                : new Scenario(string.Join('~', _parts.Skip(1)), rest, requestBody, context, fixtures, gates, requestNumber).Play();
        }

        private async Task Status(int status, string bodyFile, int firstHeaderArg)
        {
            context.Response.StatusCode = status;
            for (int i = firstHeaderArg; i < _parts.Length; i++)
            {
                AddHeader(_parts[i]);
            }

            if (bodyFile == "empty")
            {
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fixtures.Read(bodyFile));
        }

        /// <summary>Header codes: raN (Retry-After: N seconds), ramsN (retry-after-ms: N), radateN (Retry-After as an HTTP date N s ahead), www (WWW-Authenticate), reqid (x-request-id).</summary>
        private void AddHeader(string code)
        {
            if (code.StartsWith("rams", StringComparison.Ordinal))
            {
                context.Response.Headers["retry-after-ms"] = code.Substring(4);
            }
            else if (code.StartsWith("radate", StringComparison.Ordinal))
            {
                context.Response.Headers["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(int.Parse(code.Substring(6))).ToString("r");
            }
            else if (code.StartsWith("ra", StringComparison.Ordinal))
            {
                context.Response.Headers["Retry-After"] = code.Substring(2);
            }
            else if (code == "www")
            {
                context.Response.Headers["WWW-Authenticate"] = "Bearer error=\"invalid_token\"";
            }
            else if (code == "reqid")
            {
                context.Response.Headers["x-request-id"] = "req-test-123";
            }
        }

        private async Task Json(int status, string json)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }

        private async Task Stream(IReadOnlyList<string> events, Func<IReadOnlyList<string>, IEnumerable<string>> select)
        {
            StartStream();
            foreach (string sseEvent in select(events))
            {
                await context.Response.WriteAsync(sseEvent, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }

        private async Task StreamThen(int count, string file, Func<Task> between, bool sendRest = false)
        {
            IReadOnlyList<string> events = fixtures.Events(file);
            await Stream(events, all => all.Take(count));
            await between();
            if (sendRest && !context.RequestAborted.IsCancellationRequested)
            {
                await Stream(events, all => all.Skip(count));
            }
        }

        private async Task Drip(string text)
        {
            StartStream();
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }

        /// <summary>
        /// N generated text chunks, then one with finish_reason and usage, then [DONE], sent as fast as the connection
        /// takes them (the benchmarks' load): the first event is flushed alone, the rest in 64 KB writes. The stream is
        /// generated as it is sent, so a million chunks never sit in memory. bulk~N~thinking: a reasoning model's stream,
        /// the first 80% of its chunks thinking (reasoning_content).
        /// </summary>
        private async Task Bulk(int count, bool thinking)
        {
            string[] tokens = [" The", " GPU", " runs", " thousands", " of", " threads", " at", " once", ",", " so", " matrix", " math", " is", " fast", ".", "\\n"];
            byte[][] chunks = tokens.Select(token => Encoding.UTF8.GetBytes(BulkChunk("\"content\":\"" + token + "\"", "null", string.Empty))).ToArray();
            byte[][] thoughts = tokens.Select(token => Encoding.UTF8.GetBytes(BulkChunk("\"reasoning_content\":\"" + token + "\"", "null", string.Empty))).ToArray();
            int thought = thinking ? count * 4 / 5 : 0;
            byte[] end = Encoding.UTF8.GetBytes(BulkChunk(string.Empty, "\"stop\"", $",\"usage\":{{\"prompt_tokens\":12,\"completion_tokens\":{count},\"total_tokens\":{count + 12}}}") + "data: [DONE]\n\n");
            StartStream();
            var buffer = new MemoryStream(64 * 1024 + 1024);
            for (int i = 0; i < count; i++)
            {
                buffer.Write((i < thought ? thoughts : chunks)[i % chunks.Length]);
                if (i == 0 || buffer.Length >= 64 * 1024)
                {
                    await Send(buffer);
                }
            }

            buffer.Write(end);
            await Send(buffer);
        }

        private static string BulkChunk(string delta, string finishReason, string usage) =>
            "data: {\"id\":\"chat-bulk\",\"object\":\"chat.completion.chunk\",\"created\":1767026600,\"model\":\"meta/llama-3.1-8b-instruct\",\"choices\":[{\"index\":0,\"delta\":{" + delta
            + "},\"logprobs\":null,\"finish_reason\":" + finishReason + "}]" + usage + "}\n\n";

        private async Task Send(MemoryStream buffer)
        {
            await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            buffer.SetLength(0);
        }

        /// <summary>A stream that never ends: keep-alive comments every 100 ms until the client goes away.</summary>
        private async Task Never()
        {
            StartStream();
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": ping\n\n", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(100, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void StartStream()
        {
            if (context.Response.HasStarted)
            {
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
        }
    }
}
