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
    /// A reasoning model: reasoning~FORM. It thinks, then answers "Yes, 17 is prime.", plain or streamed as asked. FORM is
    /// where the thinking goes: content (reasoning_content), field (reasoning, with reasoning_tokens in usage), both (both
    /// names, the same text), tags (inline &lt;think&gt; tags, split across chunks), open (content that starts inside the
    /// thinking and holds only &lt;/think&gt;), budget (max_tokens ends the answer while thinking), tools (thinks, then calls
    /// the first tool it was given with city Oslo; once the history holds a tool result it answers, and it answers "lost the thread" unless the turn
    /// that called the tool carried its reasoning_content back). chat_template_kwargs.enable_thinking false switches
    /// the thinking off. It lists one model and serves nothing but chat.
    /// </summary>
    public sealed class ReasoningScenario(string form, string rest, string requestBody, HttpContext context)
    {
        private const string Thought = "The user asks whether 17 is prime. It has no divisor between 2 and 4, so it is.";
        private const string Answer = "Yes, 17 is prime.";

        public Task Play()
        {
            if (context.Request.Method == "GET" && rest == "models")
            {
                return Write(200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"nvidia/nemotron-3-nano-30b-a3b\",\"object\":\"model\",\"owned_by\":\"nvidia\"}]}");
            }

            if (!rest.StartsWith("chat", StringComparison.Ordinal))
            {
                return Write(404, "application/json", "{\"error\":{\"message\":\"Not found\",\"type\":\"NotFoundError\",\"code\":404}}");
            }

            JsonObject request = JsonNode.Parse(requestBody)!.AsObject();
            bool stream = request["stream"]?.GetValue<bool>() == true;
            bool thinking = request["chat_template_kwargs"]?["enable_thinking"]?.GetValue<bool>() != false;
            (string? reasoning, string content, string finish, JsonObject? toolCall) = Decide(request, thinking);
            return stream ? Stream(reasoning, content, finish, toolCall) : Whole(reasoning, content, finish, toolCall);
        }

        private (string? Reasoning, string Content, string Finish, JsonObject? ToolCall) Decide(JsonObject request, bool thinking)
        {
            if (form == "tools")
            {
                JsonArray messages = request["messages"]!.AsArray();
                if (!messages.Any(m => m?["role"]?.GetValue<string>() == "tool"))
                {
                    string name = request["tools"]?[0]?["function"]?["name"]?.GetValue<string>() ?? "get_weather";
                    var call = new JsonObject { ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "{\"city\":\"Oslo\"}" } };
                    return (thinking ? "The user wants the weather; call the tool." : null, string.Empty, "tool_calls", call);
                }

                bool keptThread = messages.Any(m => m?["role"]?.GetValue<string>() == "assistant" && m["tool_calls"] is not null && m["reasoning_content"] is not null);
                return (thinking ? "The tool answered." : null, keptThread ? "It snows in Oslo." : "I lost the thread.", "stop", null);
            }

            if (!thinking)
            {
                return (null, Answer, "stop", null);
            }

            return form == "budget" ? (Thought, string.Empty, "length", null) : (Thought, Answer, "stop", null);
        }

        private Task Whole(string? reasoning, string content, string finish, JsonObject? toolCall)
        {
            var message = new JsonObject { ["role"] = "assistant" };
            if (reasoning is not null && (form == "tags" || form == "open"))
            {
                content = (form == "tags" ? "<think>\n" : string.Empty) + reasoning + "\n</think>\n\n" + content;
            }
            else if (reasoning is not null)
            {
                foreach (string name in FieldNames())
                {
                    message[name] = reasoning;
                }
            }

            message["content"] = content;
            if (toolCall is not null)
            {
                message["tool_calls"] = new JsonArray(toolCall);
            }

            var response = new JsonObject
            {
                ["id"] = "chatcmpl-reasoning",
                ["object"] = "chat.completion",
                ["model"] = "nvidia/nemotron-3-nano-30b-a3b",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                ["usage"] = Usage(reasoning),
            };
            return Write(200, "application/json", response.ToJsonString());
        }

        private Task Stream(string? reasoning, string content, string finish, JsonObject? toolCall)
        {
            var events = new List<string>();
            void Delta(JsonObject delta, string? finishReason = null) => events.Add(Chunk(delta, finishReason, null));
            Delta(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty });
            if (reasoning is not null && (form == "tags" || form == "open"))
            {
                string inline = (form == "tags" ? "<think>\n" : string.Empty) + reasoning + "\n</think>\n\n" + content;
                foreach (string piece in Pieces(inline, 5))
                {
                    Delta(new JsonObject { ["content"] = piece });
                }
            }
            else
            {
                foreach (string piece in reasoning is null ? Array.Empty<string>() : Words(reasoning))
                {
                    var delta = new JsonObject();
                    foreach (string name in FieldNames())
                    {
                        delta[name] = piece;
                    }

                    Delta(delta);
                }

                foreach (string piece in Words(content))
                {
                    Delta(new JsonObject { ["content"] = piece });
                }
            }

            if (toolCall is not null)
            {
                toolCall["index"] = 0;
                Delta(new JsonObject { ["tool_calls"] = new JsonArray(toolCall) });
            }

            Delta(new JsonObject(), finish);
            events.Add(Chunk(null, null, Usage(reasoning)));
            events.Add("data: [DONE]\n\n");
            return Write(200, "text/event-stream", string.Concat(events));
        }

        private string[] FieldNames() => form switch
        {
            "field" => new[] { "reasoning" },
            "both" => new[] { "reasoning_content", "reasoning" },
            _ => new[] { "reasoning_content" },
        };

        private JsonObject Usage(string? reasoning)
        {
            var usage = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 30, ["total_tokens"] = 42 };
            if (form == "field" && reasoning is not null)
            {
                usage["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 21 };
            }

            return usage;
        }

        private static string Chunk(JsonObject? delta, string? finishReason, JsonObject? usage)
        {
            var chunk = new JsonObject { ["id"] = "chatcmpl-reasoning", ["object"] = "chat.completion.chunk", ["model"] = "nvidia/nemotron-3-nano-30b-a3b" };
            chunk["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }

            return "data: " + chunk.ToJsonString() + "\n\n";
        }

        /// <summary>Words with their leading space, as tokens come.</summary>
        private static IEnumerable<string> Words(string text) =>
            text.Length == 0 ? Array.Empty<string>() : text.Split(' ').Select((word, i) => i == 0 ? word : " " + word);

        /// <summary>Pieces of a fixed size, so that tags are cut across chunks (&lt;thi + nk&gt;).</summary>
        private static IEnumerable<string> Pieces(string text, int size)
        {
            for (int i = 0; i < text.Length; i += size)
            {
                yield return text.Substring(i, Math.Min(size, text.Length - i));
            }
        }

        private async Task Write(int status, string contentType, string body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }
}
