using System;
using System.Text.Json;

namespace NvidiaInference
{
    /// <summary>Tells in which form a whole chat answer carried the model's thinking, for Test-NvEndpoint (docs/reasoning.md).</summary>
    internal static class ReasoningForms
    {
        /// <summary>reasoning_content, reasoning, inline think tags, content up to a closing tag; null when the answer holds no thinking.</summary>
        public static string? Detect(string chatCompletionJson)
        {
            try
            {
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
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
