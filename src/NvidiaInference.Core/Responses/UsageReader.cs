using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Responses
{
    /// <summary>Reads a usage object; null when the chunk or response carries none.</summary>
    internal static class UsageReader
    {
        public static Usage? Read(JsonElement parent)
        {
            if (!parent.TryGet("usage"u8, out JsonElement usage) || usage.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            long prompt = usage.GetInt64OrZero("prompt_tokens");
            long completion = usage.GetInt64OrZero("completion_tokens");
            long total = usage.TryGet("total_tokens", out _) ? usage.GetInt64OrZero("total_tokens") : prompt + completion;
            long? reasoning = usage.TryGet("completion_tokens_details"u8, out JsonElement details) && details.ValueKind == JsonValueKind.Object
                && details.TryGet("reasoning_tokens"u8, out JsonElement count) && count.ValueKind == JsonValueKind.Number
                ? details.GetInt64OrZero("reasoning_tokens")
                : null;
            return new Usage(prompt, completion, total, reasoning);
        }
    }
}
