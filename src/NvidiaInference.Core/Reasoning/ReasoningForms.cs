using System;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Responses;

namespace NvidiaInference.Reasoning
{
    /// <summary>Tells in which form a whole chat answer carried the model's thinking, for Test-NvEndpoint (docs/reasoning.md).</summary>
    internal static class ReasoningForms
    {
        /// <summary>
        /// reasoning_content, reasoning, inline think tags, content up to a closing tag; null when the answer, read as the
        /// module reads it, holds no thinking (an empty <c>&lt;think&gt;&lt;/think&gt;</c> block is none).
        /// </summary>
        public static string? Detect(string chatCompletionJson)
        {
            try
            {
                if (ResponseConverter.ConvertChat(chatCompletionJson).Reasoning is null)
                {
                    return null;
                }

                using JsonDocument document = JsonDocument.Parse(chatCompletionJson);
                if (!document.RootElement.TryGet("choices", out JsonElement choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                    || !choices[0].TryGet("message", out JsonElement message) || message.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (string field in new[] { "reasoning_content", "reasoning" })
                {
                    if (!string.IsNullOrEmpty(message.GetStringOrNull(field)))
                    {
                        return field;
                    }
                }

                string content = message.GetStringOrNull("content") ?? string.Empty;
                return content.StartsWith(ThinkTagSplitter.OpenTag, StringComparison.Ordinal) ? "inline <think> tags"
                    : ThinkTagSplitter.SplitAtClosingTag(content) is not null ? "content up to </think>"
                    : null;
            }
            catch (Exception e) when (e is JsonException || e is NimProtocolException || e is NimStreamException)
            {
                return null;
            }
        }
    }
}
