using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace NvidiaInference.Retrieval
{
    /// <summary>Reads a reranking response, <c>{"rankings":[{"index":3,"logit":-1.24},...]}</c>, into scored passages.</summary>
    public static class RankingResponseReader
    {
        /// <summary>The passages of <paramref name="request"/> the answer scores, best first, with their position in the request as Index.</summary>
        /// <exception cref="NimProtocolException">Not a reranking response, or an index outside the request's passages.</exception>
        public static IReadOnlyList<RankedPassage> Read(ReadOnlySpan<byte> utf8Json, RankingRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            string shown = Encoding.UTF8.GetString(utf8Json.Slice(0, Math.Min(utf8Json.Length, 200)).ToArray());
            var reader = new Utf8JsonReader(utf8Json);
            JsonDocument document;
            try
            {
                document = JsonDocument.ParseValue(ref reader);
            }
            catch (JsonException e)
            {
                throw new NimProtocolException($"The reranking answer is not valid JSON: {e.Message}", shown, e);
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rankings", out JsonElement rankings) || rankings.ValueKind != JsonValueKind.Array)
                {
                    throw new NimProtocolException("The answer has no rankings list: it is not a reranking response.", shown);
                }

                var passages = new List<RankedPassage>(rankings.GetArrayLength());
                var seen = new bool[request.Passages.Count];
                foreach (JsonElement ranking in rankings.EnumerateArray())
                {
                    if (ranking.ValueKind != JsonValueKind.Object
                        || !ranking.TryGetProperty("index", out JsonElement indexElement) || !indexElement.TryGetInt32(out int index)
                        || !ranking.TryGetProperty("logit", out JsonElement logitElement) || logitElement.ValueKind != JsonValueKind.Number)
                    {
                        throw new NimProtocolException($"Ranking {passages.Count} has no whole-number index and numeric logit.", shown);
                    }

                    if (index < 0 || index >= seen.Length || seen[index])
                    {
                        throw new NimProtocolException($"Ranking {passages.Count} points at the passage {index}, but the request held {seen.Length} passage(s), each ranked once.", shown);
                    }

                    seen[index] = true;
                    passages.Add(new RankedPassage(index, logitElement.GetDouble(), request.Passages[index]));
                }

                return passages;
            }
        }
    }
}
