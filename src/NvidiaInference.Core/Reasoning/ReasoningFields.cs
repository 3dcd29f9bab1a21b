using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Reasoning
{
    /// <summary>
    /// Reads the thinking a server parsed out of the content: <c>reasoning_content</c> (DeepSeek, llama.cpp, vLLM up to
    /// 0.10, hosted NIM) or <c>reasoning</c> (newer vLLM, OpenRouter), on a message or a stream delta. A server that sends
    /// both names sends the same text twice, so the first name wins and the text counts once (docs/reasoning.md).
    /// </summary>
    internal static class ReasoningFields
    {
        public static string? Read(JsonElement messageOrDelta)
        {
            if (messageOrDelta.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return Choose(messageOrDelta.GetStringOrNull("reasoning_content"u8), messageOrDelta.GetStringOrNull("reasoning"u8));
        }

        /// <summary>The thinking of a message or delta from the values of its two fields: the first that is not empty.</summary>
        public static string? Choose(string? reasoningContent, string? reasoning) =>
            !string.IsNullOrEmpty(reasoningContent) ? reasoningContent : string.IsNullOrEmpty(reasoning) ? null : reasoning;
    }
}
