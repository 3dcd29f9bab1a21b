using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Responses
{
    /// <summary>Reads chat and legacy completion logprobs into <see cref="TokenLogprobs"/> entries.</summary>
    internal static class LogprobsReader
    {
        /// <summary>
        /// Chat: one entry per item of <c>logprobs.content</c>, its map built from <c>top_logprobs</c>, or from the
        /// sampled token itself when that list is empty (docs/responses.md, Logprobs). Null when there are none.
        /// </summary>
        public static IReadOnlyList<TokenLogprobs>? ReadChat(JsonElement choice)
        {
            if (!choice.TryGet("logprobs"u8, out JsonElement logprobs) || !logprobs.TryGet("content", out JsonElement content) || content.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var entries = new List<TokenLogprobs>(content.GetArrayLength());
            foreach (JsonElement item in content.EnumerateArray())
            {
                string token = item.GetStringOrNull("token") ?? string.Empty;
                double? logprob = item.TryGet("logprob", out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : (double?)null;
                var byToken = new Dictionary<string, double>();
                if (item.TryGet("top_logprobs", out JsonElement top) && top.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement alternative in top.EnumerateArray())
                    {
                        if (alternative.GetStringOrNull("token") is string altToken && alternative.TryGet("logprob", out JsonElement altValue) && altValue.ValueKind == JsonValueKind.Number)
                        {
                            byToken[altToken] = altValue.GetDouble();
                        }
                    }
                }

                if (byToken.Count == 0 && logprob is double own)
                {
                    byToken[token] = own;
                }

                entries.Add(new TokenLogprobs(token, logprob, byToken));
            }

            return entries.Count == 0 ? null : entries;
        }

        /// <summary>
        /// Legacy completions: parallel arrays tokens, token_logprobs and top_logprobs (maps token to logprob); or, as
        /// llama-server writes them, the chat form <c>logprobs.content</c>.
        /// </summary>
        public static IReadOnlyList<TokenLogprobs>? ReadCompletion(JsonElement choice)
        {
            if (!choice.TryGet("logprobs", out JsonElement logprobs) || logprobs.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (logprobs.TryGet("content", out JsonElement content) && content.ValueKind == JsonValueKind.Array)
            {
                return ReadChat(choice);
            }

            JsonElement tokens = logprobs.TryGet("tokens", out JsonElement t) && t.ValueKind == JsonValueKind.Array ? t : default;
            JsonElement values = logprobs.TryGet("token_logprobs", out JsonElement v) && v.ValueKind == JsonValueKind.Array ? v : default;
            JsonElement tops = logprobs.TryGet("top_logprobs", out JsonElement tl) && tl.ValueKind == JsonValueKind.Array ? tl : default;
            int count = tokens.ValueKind == JsonValueKind.Array ? tokens.GetArrayLength() : tops.ValueKind == JsonValueKind.Array ? tops.GetArrayLength() : 0;
            if (count == 0)
            {
                return null;
            }

            var entries = new List<TokenLogprobs>(count);
            for (int i = 0; i < count; i++)
            {
                string token = tokens.ValueKind == JsonValueKind.Array && i < tokens.GetArrayLength() ? tokens[i].AsText() ?? string.Empty : string.Empty;
                double? logprob = values.ValueKind == JsonValueKind.Array && i < values.GetArrayLength() && values[i].ValueKind == JsonValueKind.Number ? values[i].GetDouble() : (double?)null;
                var byToken = new Dictionary<string, double>();
                if (tops.ValueKind == JsonValueKind.Array && i < tops.GetArrayLength() && tops[i].ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty alternative in tops[i].EnumerateObject())
                    {
                        if (alternative.Value.ValueKind == JsonValueKind.Number)
                        {
                            byToken[alternative.Name] = alternative.Value.GetDouble();
                        }
                    }
                }

                if (byToken.Count == 0 && logprob is double own)
                {
                    byToken[token] = own;
                }

                entries.Add(new TokenLogprobs(token, logprob, byToken));
            }

            return entries;
        }
    }
}
