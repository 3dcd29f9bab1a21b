using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using NvidiaInference.Responses;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Reads a recorded OpenAI-style request body back into the module's typed request, and says how the body the module
    /// builds from it may differ from the recorded one.
    /// </summary>
    internal static class RecordedRequest
    {
        /// <summary>
        /// The recorded body as the module must send it. These are the only differences allowed, each harmless to the
        /// server that accepted the recording:
        /// <list type="number">
        /// <item><c>stream</c> and <c>n</c> are always sent; a recording without them got the defaults false and 1.</item>
        /// <item><c>response_format.json_schema</c> is named "response" and asks for <c>strict: true</c>: the name is a
        /// label no server interprets, and llama-server accepted strict in chat-json-schema.</item>
        /// <item>An assistant turn without text is sent with <c>content: ""</c> rather than null: NIM 1.0 accepts only
        /// string content (docs/requests.md, Messages).</item>
        /// <item>In the OpenAI dialect a stream asks for usage (<c>stream_options: {include_usage: true}</c>), as
        /// llama-server accepted in chat-stream-usage; OpenAI and llama-server report no usage in a stream otherwise.</item>
        /// </list>
        /// </summary>
        public static JsonObject AsTheModuleSendsIt(JsonObject recorded, ExtensionPlacement placement)
        {
            var expected = (JsonObject)recorded.DeepClone();
            bool stream = expected["stream"] is JsonValue streamValue && streamValue.GetValue<bool>();
            expected["stream"] = stream;
            expected["n"] = expected["n"]?.DeepClone() ?? 1;
            if (expected["response_format"]?["json_schema"] is JsonObject jsonSchema)
            {
                jsonSchema["name"] = "response";
                jsonSchema["strict"] = true;
            }

            foreach (JsonNode? message in expected["messages"] as JsonArray ?? new JsonArray())
            {
                if ((string?)message!["role"] == "assistant" && message["content"] is null)
                {
                    message["content"] = string.Empty;
                }
            }

            if (placement == ExtensionPlacement.OpenAI && stream && !expected.ContainsKey("stream_options"))
            {
                expected["stream_options"] = new JsonObject { ["include_usage"] = true };
            }

            return expected;
        }

        /// <summary>Builds the module's payload for a recorded chat or completion request.</summary>
        /// <exception cref="NotExpressibleException">The recording holds something the module has no way to send.</exception>
        /// <exception cref="NimInvalidRequestException">The module refuses the request, as it must.</exception>
        public static NimPayload Build(JsonObject recorded, bool completion, ExtensionPlacement placement)
        {
            var reader = new Reader(recorded);
            string model = reader.Take("model") is JsonNode m ? Text(m, "model") : string.Empty;
            NimPayload payload;
            if (completion)
            {
                var request = new CompletionRequest(model, reader.Take("prompt") is JsonNode p ? Text(p, "prompt") : null!)
                {
                    Stream = reader.TakeBool("stream"),
                    Logprobs = reader.Take("logprobs") is JsonNode k ? k.GetValue<int>() : null,
                };
                reader.ReadShared(out SamplingOptions? sampling, out string? schema);
                request.Sampling = sampling;
                request.JsonSchema = schema;
                reader.EnsureAllRead();
                payload = NimPayloadBuilder.BuildCompletion(request, placement);
            }
            else
            {
                var request = new ChatCompletionRequest(model) { Stream = reader.TakeBool("stream") };
                foreach (JsonNode? message in reader.Take("messages") as JsonArray ?? new JsonArray())
                {
                    request.Messages.Add(ReadMessage(message!.AsObject()));
                }

                if (reader.Take("logprobs") is JsonNode logprobs)
                {
                    request.Logprobs = logprobs.GetValue<bool>() && reader.Take("top_logprobs") is JsonNode top
                        ? top.GetValue<int>()
                        : throw new NotExpressibleException("logprobs without top_logprobs: the module always sends top_logprobs with logprobs");
                }

                foreach (JsonNode? tool in reader.Take("tools") as JsonArray ?? new JsonArray())
                {
                    request.Tools.Add(ReadTool(tool!["function"]!.AsObject()));
                }

                request.ParallelToolCalls = reader.Take("parallel_tool_calls") is JsonNode parallel ? parallel.GetValue<bool>() : null;
                request.ToolChoice = reader.Take("tool_choice") switch
                {
                    null => null,
                    JsonValue choice => choice.GetValue<string>(),
                    JsonNode named => Text(named["function"]!["name"]!, "tool_choice"),
                };
                reader.ReadShared(out SamplingOptions? sampling, out string? schema);
                request.Sampling = sampling;
                request.JsonSchema = schema;
                reader.EnsureAllRead();
                payload = NimPayloadBuilder.BuildChat(request, placement);
            }

            return payload;
        }

        private static Message ReadMessage(JsonObject message)
        {
            MessageContent? content = message["content"] switch
            {
                null => null,
                JsonArray parts => MessageContent.FromItems(parts.Select(ReadPart)),
                JsonValue value when value.TryGetValue(out string? text) => MessageContent.FromText(text!),
                JsonNode other => throw new NotExpressibleException($"content {other.ToJsonString()}: content is text or a list of parts"),
            };
            switch ((string?)message["role"])
            {
                case "user":
                    return Message.User(content!);
                case "system":
                    return Message.System(content!);
                case "assistant":
                    IEnumerable<ToolCall> calls = (message["tool_calls"] as JsonArray ?? new JsonArray()).Select(c =>
                        ToolCallParser.Parse((string)c!["id"]!, (string)c["function"]!["name"]!, (string)c["function"]!["arguments"]!));
                    return Message.Assistant(content, calls.ToList());
                case "tool":
                    return Message.ToolResult((string)message["tool_call_id"]!, content!);
                default:
                    throw new NotExpressibleException($"role {message["role"]?.ToJsonString()}: a message is user, system, assistant or tool");
            }
        }

        private static ContentItem ReadPart(JsonNode? part) => (string?)part!["type"] switch
        {
            "text" => new TextContentItem((string)part["text"]!),
            "image_url" => ImageContentItem.FromUri((string)part["image_url"]!["url"]!),
            _ => throw new NotExpressibleException($"content part {part.ToJsonString()}"),
        };

        private static ToolDefinition ReadTool(JsonObject function)
        {
            if (function["name"] is null)
            {
                throw new NotExpressibleException("a tool without a name: ToolDefinition requires one");
            }

            return new ToolDefinition((string)function["name"]!)
            {
                Description = (string?)function["description"],
                ParametersSchemaJson = function["parameters"]?.ToJsonString(),
            };
        }

        private static string Text(JsonNode node, string field) =>
            node is JsonValue value && value.TryGetValue(out string? text) ? text! : throw new NotExpressibleException($"{field} {node.ToJsonString()}: not a string");

        /// <summary>Takes the recorded members one by one, so that a member the module cannot send is never overlooked.</summary>
        private sealed class Reader
        {
            /// <summary>Members the module does not send, by the rule of <see cref="AsTheModuleSendsIt"/>.</summary>
            private static readonly string[] NotSent = { "n", "stream_options" };

            private readonly Dictionary<string, JsonNode?> _members;

            public Reader(JsonObject body)
            {
                _members = ((JsonObject)body.DeepClone()).ToDictionary(p => p.Key, p => p.Value);
                if (_members.TryGetValue("n", out JsonNode? n) && n is not null && n.GetValue<int>() != 1)
                {
                    throw new NotExpressibleException("n other than 1: the module follows one choice and always sends n: 1");
                }

                foreach (string name in NotSent)
                {
                    _members.Remove(name);
                }
            }

            public JsonNode? Take(string name)
            {
                _members.Remove(name, out JsonNode? value);
                return value;
            }

            public bool TakeBool(string name) => Take(name) is JsonNode value && value.GetValue<bool>();

            /// <summary>Sampling, stop and structured output, at the top level or in nvext.</summary>
            public void ReadShared(out SamplingOptions? sampling, out string? schema)
            {
                JsonObject? nvext = Take("nvext") as JsonObject;
                var options = new SamplingOptions();
                bool any = false;
                if (Take("max_tokens") is JsonNode maxTokens)
                {
                    options.MaxTokens = maxTokens is JsonValue v && v.TryGetValue(out int tokens) ? tokens : throw new NotExpressibleException($"max_tokens {maxTokens.ToJsonString()}: an integer parameter");
                    any = true;
                }

                if (Take("seed") is JsonNode seed)
                {
                    options.Seed = seed.GetValue<long>();
                    any = true;
                }

                if (Take("frequency_penalty") is JsonNode frequencyPenalty)
                {
                    options.FrequencyPenalty = frequencyPenalty.GetValue<double>();
                    any = true;
                }

                if (Take("presence_penalty") is JsonNode presencePenalty)
                {
                    options.PresencePenalty = presencePenalty.GetValue<double>();
                    any = true;
                }

                if (Take("temperature") is JsonNode temperature)
                {
                    options.Temperature = temperature.GetValue<double>();
                    any = true;
                }

                if (Take("top_p") is JsonNode topP)
                {
                    options.TopP = topP.GetValue<double>();
                    any = true;
                }

                if ((Take("top_k") ?? Extension(nvext, "top_k")) is JsonNode topK)
                {
                    options.TopK = topK.GetValue<int>();
                    any = true;
                }

                if ((Take("repetition_penalty") ?? Extension(nvext, "repetition_penalty")) is JsonNode penalty)
                {
                    options.RepetitionPenalty = penalty.GetValue<double>();
                    any = true;
                }

                switch (Take("stop"))
                {
                    case JsonArray stops:
                        foreach (JsonNode? stop in stops)
                        {
                            options.Stop.Add((string)stop!);
                        }

                        any = true;
                        break;
                    case JsonValue stop:
                        options.Stop.Add((string)stop!);
                        any = true;
                        break;
                }

                sampling = any ? options : null;
                schema = (Extension(nvext, "guided_json") ?? Take("guided_json"))?.ToJsonString();
                if (Take("response_format") is JsonNode format)
                {
                    schema = (string?)format["type"] == "json_schema" && format["json_schema"]?["schema"] is JsonObject s
                        ? s.ToJsonString()
                        : throw new NotExpressibleException($"response_format {format.ToJsonString()}: the module asks only for a JSON schema");
                }

                if (nvext is not null && nvext.Count > 0)
                {
                    throw new NotExpressibleException($"nvext.{string.Join(", nvext.", nvext.Select(p => p.Key))} has no parameter");
                }
            }

            public void EnsureAllRead()
            {
                if (_members.Count > 0)
                {
                    throw new NotExpressibleException($"{string.Join(", ", _members.Keys)} has no parameter");
                }
            }

            private static JsonNode? Extension(JsonObject? nvext, string name)
            {
                if (nvext is null)
                {
                    return null;
                }

                nvext.Remove(name, out JsonNode? value);
                return value;
            }
        }
    }

    /// <summary>A recorded request holds something the module has no way to send.</summary>
    internal sealed class NotExpressibleException : Exception
    {
        public NotExpressibleException(string what)
            : base(what)
        {
        }
    }
}
