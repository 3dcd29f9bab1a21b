using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace NimTestServer
{
    /// <summary>
    /// A synthetic server that really reads the request, for probing: dialect~FLAG~FLAG... Flags: nvext, toplevel, rf
    /// (which structured-output fields it honours), strict (422 on an nvext field), notools (ignores tools),
    /// nologprobs, usage (usage in every stream), usageopt (usage only with stream_options), broken (streams stop
    /// before finishing), health (serves /v1/health/ready), nocompletions, nomodels.
    /// </summary>
    public sealed class DialectScenario(IReadOnlyCollection<string> flags, string rest, string requestBody, HttpContext context)
    {
        private const string PlainAnswer = "Sure, water is wet.";

        private bool Has(string flag) => flags.Contains(flag);

        public Task Play()
        {
            if (context.Request.Method == "GET")
            {
                return rest switch
                {
                    "models" when !Has("nomodels") => Json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\",\"owned_by\":\"test\"}]}"),
                    "health/ready" when Has("health") => Json(200, "{\"object\":\"health.response\",\"message\":\"Service is ready.\"}"),
                    _ => Json(404, "{\"error\":{\"message\":\"Not found\",\"type\":\"NotFoundError\",\"code\":404}}"),
                };
            }

            JsonObject request = JsonNode.Parse(requestBody)!.AsObject();
            if (Has("strict") && request.ContainsKey("nvext"))
            {
                return Json(422, "{\"error\":\"[{'type': 'extra_forbidden', 'loc': ('body', 'nvext'), 'msg': 'Extra inputs are not permitted'}]\"}");
            }

            if (rest == "completions")
            {
                return Has("nocompletions")
                    ? Json(404, "{\"error\":{\"message\":\"Not found\",\"type\":\"NotFoundError\",\"code\":404}}")
                    : Json(200, "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"model\":\"test-model\",\"choices\":[{\"index\":0,\"text\":\" Paris.\",\"finish_reason\":\"stop\"}]}");
            }

            string? tool = !Has("notools") && request["tools"] is JsonArray tools && tools.Count > 0 ? tools[0]!["function"]!["name"]!.GetValue<string>() : null;
            string content = tool is not null ? string.Empty : HonouredSchema(request) is JsonNode schema ? SchemaAnswer(schema) : PlainAnswer;
            bool logprobs = !Has("nologprobs") && request["logprobs"]?.GetValue<bool>() == true;
            bool stream = request["stream"]?.GetValue<bool>() == true;
            return stream ? Stream(content, tool, logprobs, request) : Json(200, Completion(content, tool, logprobs));
        }

        /// <summary>The schema the request asks for in a field this dialect honours, if any.</summary>
        private JsonNode? HonouredSchema(JsonObject request) =>
            (Has("nvext") ? request["nvext"]?["guided_json"] : null)
            ?? (Has("toplevel") ? request["guided_json"] : null)
            ?? (Has("rf") ? request["response_format"]?["json_schema"]?["schema"] : null);

        /// <summary>An answer that follows the schema: its "answer" property set to the first value its enum allows.</summary>
        private static string SchemaAnswer(JsonNode schema) =>
            new JsonObject { ["answer"] = schema["properties"]?["answer"]?["enum"]?[0]?.GetValue<string>() ?? "yes" }.ToJsonString();

        private static string Completion(string content, string? tool, bool logprobs)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
            if (tool is not null)
            {
                message["tool_calls"] = new JsonArray(ToolCall(tool));
            }

            var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = tool is null ? "stop" : "tool_calls" };
            if (logprobs)
            {
                choice["logprobs"] = new JsonObject { ["content"] = new JsonArray(Logprob("Sure")) };
            }

            return new JsonObject
            {
                ["id"] = "chatcmpl-dialect", ["object"] = "chat.completion", ["model"] = "test-model",
                ["choices"] = new JsonArray(choice),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["completion_tokens"] = 3, ["total_tokens"] = 8 },
            }.ToJsonString();
        }

        private async Task Stream(string content, string? tool, bool logprobs, JsonObject request)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            var deltas = new List<JsonObject> { new JsonObject { ["role"] = "assistant", ["content"] = string.Empty } };
            deltas.AddRange(tool is not null
                ? new[] { new JsonObject { ["tool_calls"] = new JsonArray(ToolCall(tool)) } }
                : content.Split(' ').Select((word, i) => new JsonObject { ["content"] = (i == 0 ? string.Empty : " ") + word }));
            int sent = 0;
            foreach (JsonObject delta in deltas)
            {
                if (Has("broken") && sent == 2)
                {
                    return;
                }

                var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null };
                if (logprobs && delta["content"]?.GetValue<string>() is { Length: > 0 } token)
                {
                    choice["logprobs"] = new JsonObject { ["content"] = new JsonArray(Logprob(token)) };
                }

                await Event(new JsonObject { ["id"] = "chatcmpl-dialect", ["object"] = "chat.completion.chunk", ["choices"] = new JsonArray(choice) });
                sent++;
            }

            await Event(new JsonObject
            {
                ["id"] = "chatcmpl-dialect", ["object"] = "chat.completion.chunk",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = tool is null ? "stop" : "tool_calls" }),
            });
            if (Has("usage") || (Has("usageopt") && request["stream_options"]?["include_usage"]?.GetValue<bool>() == true))
            {
                await Event(new JsonObject
                {
                    ["id"] = "chatcmpl-dialect", ["object"] = "chat.completion.chunk", ["choices"] = new JsonArray(),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["completion_tokens"] = 3, ["total_tokens"] = 8 },
                });
            }

            await context.Response.WriteAsync("data: [DONE]\n\n");
        }

        private async Task Event(JsonObject chunk)
        {
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await context.Response.Body.FlushAsync();
        }

        private static JsonObject ToolCall(string name) => new JsonObject
        {
            ["index"] = 0, ["id"] = "call-dialect-1", ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "{\"city\": \"Paris\"}" },
        };

        private static JsonObject Logprob(string token) => new JsonObject
        {
            ["token"] = token, ["logprob"] = -0.25,
            ["top_logprobs"] = new JsonArray(new JsonObject { ["token"] = token, ["logprob"] = -0.25 }, new JsonObject { ["token"] = "No", ["logprob"] = -1.75 }),
        };

        private async Task Json(int status, string json)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }
}
