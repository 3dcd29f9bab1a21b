using System;
using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Reasoning;

namespace NvidiaInference.Responses
{
    /// <summary>Converts whole (non-streamed) chat and text completions (docs/responses.md, Whole responses; thinking: docs/reasoning.md).</summary>
    public static class ResponseConverter
    {
        /// <summary>Converts a chat.completion JSON body.</summary>
        /// <exception cref="NimProtocolException">The body is not JSON, or lacks the message or finish_reason.</exception>
        /// <exception cref="NimStreamErrorException">The body is an error object.</exception>
        public static ChatCompletionResponse ConvertChat(string json) => ConvertChat(json, ChatReadOptions.Default);

        /// <summary>Converts a chat.completion JSON body, read as <paramref name="options"/> say.</summary>
        /// <exception cref="NimProtocolException">The body is not JSON, or lacks the message or finish_reason.</exception>
        /// <exception cref="NimStreamErrorException">The body is an error object.</exception>
        public static ChatCompletionResponse ConvertChat(string json, ChatReadOptions options)
        {
            using JsonDocument document = Parse(json);
            return ConvertChat(document.RootElement, json, options ?? ChatReadOptions.Default);
        }

        /// <summary>Converts a text_completion JSON body.</summary>
        /// <exception cref="NimProtocolException">The body is not JSON or not a text completion.</exception>
        public static CompletionResponse ConvertCompletion(string json)
        {
            using JsonDocument document = Parse(json);
            return ConvertCompletion(document.RootElement, json);
        }

        internal static ChatCompletionResponse ConvertChat(JsonElement root, string payload, ChatReadOptions options)
        {
            JsonElement choice = FirstChoice(root, payload);
            if (!choice.TryGet("message", out JsonElement message))
            {
                throw new NimProtocolException("error in server response: message not found.", payload);
            }

            string? finishReason = choice.GetStringOrNull("finish_reason");
            if (finishReason is null)
            {
                throw new NimProtocolException("error in server response: finish_reason not found.", payload);
            }

            string content = message.TryGet("content", out JsonElement text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : string.Empty;
            string? reasoning = ReasoningFields.Read(message);
            if (!options.RawContent)
            {
                // Tags are taken off the answer either way; a server that also sent the thinking in a field (llama.cpp's
                // deepseek-legacy) sent it twice, and the field wins.
                (string? inline, string answer) = ThinkTagSplitter.Split(content);
                (reasoning, content) = ThinkTagSplitter.Finish(answer, string.IsNullOrEmpty(reasoning) ? inline : reasoning, inline is not null);
            }

            var calls = new List<ToolCall>();
            if (message.TryGet("tool_calls", out JsonElement toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement call in toolCalls.EnumerateArray())
                {
                    JsonElement function = call.TryGet("function", out JsonElement f) ? f : default;
                    string arguments = function.ValueKind == JsonValueKind.Object && function.TryGet("arguments", out JsonElement a)
                        ? (a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText())
                        : string.Empty;
                    string name = function.ValueKind == JsonValueKind.Object ? function.GetStringOrNull("name") ?? string.Empty : string.Empty;
                    calls.Add(ToolCallParser.Parse(call.GetStringOrNull("id") ?? string.Empty, name, arguments));
                }
            }

            return new ChatCompletionResponse(content, StopReasons.FromFinishReason(finishReason), calls, LogprobsReader.ReadChat(choice),
                UsageReader.Read(root), root.GetStringOrNull("model"), root.GetStringOrNull("id"), reasoning);
        }

        internal static CompletionResponse ConvertCompletion(JsonElement root, string payload)
        {
            JsonElement choice = FirstChoice(root, payload);
            string content = choice.GetStringOrNull("text") ?? string.Empty;
            return new CompletionResponse(content, StopReasons.FromFinishReason(choice.GetStringOrNull("finish_reason")), LogprobsReader.ReadCompletion(choice),
                UsageReader.Read(root), root.GetStringOrNull("model"), root.GetStringOrNull("id"));
        }

        private static JsonElement FirstChoice(JsonElement root, string payload)
        {
            if (ServerErrorReader.IsErrorObject(root) && ServerErrorReader.TryRead(root, out ServerError? error) && error is not null)
            {
                throw new NimStreamErrorException(error, payload, string.Empty, Array.Empty<ToolCall>());
            }

            if (!root.TryGet("choices", out JsonElement choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw new NimProtocolException("error in server response: the response has no choices.", payload);
            }

            return choices[0];
        }

        private static JsonDocument Parse(string json)
        {
            try
            {
                json = json ?? throw new ArgumentNullException(nameof(json));
                return JsonDocument.Parse(LoneSurrogateEscapes.Repair(json));
            }
            catch (JsonException e)
            {
                throw new NimProtocolException("The response is not valid JSON: " + e.Message, json, e);
            }
        }
    }
}
