using System;
using System.Collections;
using System.Collections.Generic;
using NvidiaInference.Json;

namespace NvidiaInference.Requests
{
    /// <summary>
    /// Reads a Llama Stack ChatCompletionRequest or CompletionRequest document (JSON text, or plain .NET
    /// dictionaries and lists) into a typed request (docs/requests.md, Request documents). A <c>content</c> field instead of
    /// <c>messages</c> means a completion request.
    /// </summary>
    public static class LlamaStackRequestReader
    {
        private static readonly HashSet<string> ChatFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "model", "messages", "sampling_params", "tools", "tool_config", "tool_choice", "tool_prompt_format",
            "response_format", "stream", "logprobs",
        };

        private static readonly HashSet<string> CompletionFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "model", "content", "sampling_params", "response_format", "stream", "logprobs",
        };

        private static readonly HashSet<string> SamplingFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "strategy", "max_tokens", "repetition_penalty", "stop",
        };

        /// <summary>Reads a document given as JSON text.</summary>
        /// <exception cref="NimInvalidRequestException">The text is not JSON or the document is not a valid request.</exception>
        public static RequestDocument ReadJson(string json)
        {
            object? document;
            try
            {
                document = PlainJson.Parse(json);
            }
            catch (FormatException e)
            {
                throw new NimInvalidRequestException("request", $"The request document is not valid JSON: {e.Message}");
            }

            return Read(document);
        }

        /// <summary>Reads a document given as plain .NET values (a dictionary at the top).</summary>
        /// <exception cref="NimInvalidRequestException">The document is not a valid request.</exception>
        public static RequestDocument Read(object? document)
        {
            if (document is string json)
            {
                return ReadJson(json);
            }

            IDictionary root = PlainValue.AsObject(document, "request");
            var warnings = new List<string>();
            if (!PlainValue.TryGet(root, "model", out object? modelValue))
            {
                throw new NimInvalidRequestException("model", "The request document has no model.");
            }

            string model = PlainValue.AsString(modelValue, "model");
            bool hasMessages = root.Contains("messages");
            if (!hasMessages && root.Contains("content"))
            {
                WarnUnknown(root, CompletionFields, "request", warnings);
                return new RequestDocument(null, ReadCompletion(root, model, warnings), warnings);
            }

            if (!hasMessages)
            {
                throw new NimInvalidRequestException("messages", "The request document has neither messages (a chat request) nor content (a completion request).");
            }

            WarnUnknown(root, ChatFields, "request", warnings);
            var request = new ChatCompletionRequest(model);
            IList<object?> messages = PlainValue.AsList(root["messages"], "messages");
            for (int i = 0; i < messages.Count; i++)
            {
                request.Messages.Add(LlamaStackMessageReader.Read(messages[i], i));
            }

            request.Sampling = ReadSampling(root, warnings);
            request.Stream = PlainValue.TryGet(root, "stream", out object? stream) && PlainValue.AsBool(stream, "stream");
            request.JsonSchema = ReadResponseFormat(root);
            request.Logprobs = ReadLogprobs(root);
            if (PlainValue.TryGet(root, "tools", out object? tools))
            {
                IList<object?> list = PlainValue.AsList(tools, "tools");
                for (int i = 0; i < list.Count; i++)
                {
                    request.Tools.Add(LlamaStackToolReader.Read(list[i], i));
                }
            }

            request.ToolChoice = ReadToolChoice(root);
            if (request.ToolChoice is null && request.Tools.Count > 0)
            {
                // Llama Stack's default tool choice; older vLLM-based servers read a missing tool_choice as none.
                request.ToolChoice = "auto";
            }

            return new RequestDocument(request, null, warnings);
        }

        private static CompletionRequest ReadCompletion(IDictionary root, string model, List<string> warnings)
        {
            object? content = root["content"];
            string prompt = content switch
            {
                string text => text,
                IDictionary item when LlamaStackMessageReader.ReadContentItem(item, "content", 0) is TextContentItem text => text.Text,
                _ => throw new NimInvalidRequestException("content", "A completion request's content must be text; images and lists of items cannot be sent to /completions."),
            };

            return new CompletionRequest(model, prompt)
            {
                Sampling = ReadSampling(root, warnings),
                Stream = PlainValue.TryGet(root, "stream", out object? stream) && PlainValue.AsBool(stream, "stream"),
                JsonSchema = ReadResponseFormat(root),
                Logprobs = ReadLogprobs(root),
            };
        }

        /// <summary>
        /// A missing sampling_params means greedy with repetition_penalty 1.0, as in Llama Stack; sampling_params written
        /// out as null means no sampling parameters at all, so the server's defaults apply.
        /// </summary>
        private static SamplingOptions? ReadSampling(IDictionary root, List<string> warnings)
        {
            if (!root.Contains("sampling_params"))
            {
                SamplingOptions greedy = SamplingOptions.ForGreedy();
                greedy.RepetitionPenalty = 1.0;
                return greedy;
            }

            if (!PlainValue.TryGet(root, "sampling_params", out object? value))
            {
                return null;
            }

            IDictionary sampling = PlainValue.AsObject(value, "sampling_params");
            WarnUnknown(sampling, SamplingFields, "sampling_params", warnings);
            SamplingOptions options = PlainValue.TryGet(sampling, "strategy", out object? strategy)
                ? ReadStrategy(PlainValue.AsObject(strategy, "sampling_params.strategy"))
                : SamplingOptions.ForGreedy();
            options.RepetitionPenalty = PlainValue.TryGet(sampling, "repetition_penalty", out object? penalty)
                ? PlainValue.AsDouble(penalty, "sampling_params.repetition_penalty")
                : 1.0;
            if (PlainValue.TryGet(sampling, "max_tokens", out object? maxTokens))
            {
                int max = PlainValue.AsInt(maxTokens, "sampling_params.max_tokens");
                if (max < 0)
                {
                    throw new NimInvalidRequestException("sampling_params.max_tokens", $"sampling_params.max_tokens must be 0 (not set) or more; it is {max}.");
                }

                options.MaxTokens = max > 0 ? max : (int?)null;
            }

            if (PlainValue.TryGet(sampling, "stop", out object? stop))
            {
                IList<object?> stops = stop is string single ? new List<object?> { single } : PlainValue.AsList(stop, "sampling_params.stop");
                for (int i = 0; i < stops.Count; i++)
                {
                    options.Stop.Add(PlainValue.AsString(stops[i], $"sampling_params.stop[{i}]"));
                }
            }

            return options;
        }

        private static SamplingOptions ReadStrategy(IDictionary strategy)
        {
            const string field = "sampling_params.strategy";
            string type = PlainValue.TryGet(strategy, "type", out object? typeValue) ? PlainValue.AsString(typeValue, field + ".type") : "greedy";
            switch (type)
            {
                case "greedy":
                    return SamplingOptions.ForGreedy();
                case "top_p":
                    if (!PlainValue.TryGet(strategy, "temperature", out object? temperatureValue))
                    {
                        throw new NimInvalidRequestException(field + ".temperature", "The top_p strategy needs a temperature.");
                    }

                    double temperature = PlainValue.AsDouble(temperatureValue, field + ".temperature");
                    if (!(temperature > 0))
                    {
                        throw new NimInvalidRequestException(field + ".temperature", $"The top_p strategy needs a temperature above 0; it is {temperature}.");
                    }

                    double topP = PlainValue.TryGet(strategy, "top_p", out object? topPValue) ? PlainValue.AsDouble(topPValue, field + ".top_p") : 0.95;
                    return SamplingOptions.ForTopP(temperature, topP);
                case "top_k":
                    if (!PlainValue.TryGet(strategy, "top_k", out object? topKValue))
                    {
                        throw new NimInvalidRequestException(field + ".top_k", "The top_k strategy needs top_k.");
                    }

                    int topK = PlainValue.AsInt(topKValue, field + ".top_k");
                    if (topK < 1 && topK != -1)
                    {
                        throw new NimInvalidRequestException(field + ".top_k", $"top_k must be -1 or at least 1; it is {topK}.");
                    }

                    return SamplingOptions.ForTopK(topK);
                default:
                    throw new NimInvalidRequestException(field + ".type", $"Unknown sampling strategy '{type}'; use greedy, top_p or top_k.");
            }
        }

        private static string? ReadResponseFormat(IDictionary root)
        {
            if (!PlainValue.TryGet(root, "response_format", out object? value))
            {
                return null;
            }

            IDictionary format = PlainValue.AsObject(value, "response_format");
            string type = PlainValue.TryGet(format, "type", out object? typeValue) ? PlainValue.AsString(typeValue, "response_format.type") : "json_schema";
            if (type != "json_schema")
            {
                throw new NimInvalidRequestException("response_format.type", $"Unsupported response format '{type}': only json_schema can be sent.");
            }

            if (!PlainValue.TryGet(format, "json_schema", out object? schema))
            {
                throw new NimInvalidRequestException("response_format.json_schema", "A json_schema response format needs json_schema.");
            }

            return schema is string text ? text : PlainValue.ToJson(PlainValue.AsObject(schema, "response_format.json_schema"), "response_format.json_schema");
        }

        private static int? ReadLogprobs(IDictionary root)
        {
            if (!PlainValue.TryGet(root, "logprobs", out object? value))
            {
                return null;
            }

            if (value is bool wanted)
            {
                return wanted ? 0 : (int?)null;
            }

            if (value is not IDictionary config)
            {
                return PlainValue.AsInt(value, "logprobs");
            }

            return PlainValue.TryGet(config, "top_k", out object? topK) ? PlainValue.AsInt(topK, "logprobs.top_k") : 0;
        }

        private static string? ReadToolChoice(IDictionary root)
        {
            if (PlainValue.TryGet(root, "tool_config", out object? config) &&
                PlainValue.TryGet(PlainValue.AsObject(config, "tool_config"), "tool_choice", out object? choice))
            {
                return PlainValue.AsString(choice, "tool_config.tool_choice");
            }

            return PlainValue.TryGet(root, "tool_choice", out object? legacy) ? PlainValue.AsString(legacy, "tool_choice") : null;
        }

        private static void WarnUnknown(IDictionary dictionary, HashSet<string> known, string where, List<string> warnings)
        {
            foreach (object key in dictionary.Keys)
            {
                string name = key?.ToString() ?? string.Empty;
                if (!known.Contains(name))
                {
                    warnings.Add($"The field '{name}' in {where} is not part of a Llama Stack request and was ignored.");
                }
            }
        }
    }
}
