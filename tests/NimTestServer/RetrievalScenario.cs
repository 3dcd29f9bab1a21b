using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace NimTestServer
{
    /// <summary>
    /// A retriever NIM: POST /v1/embeddings and POST /v1/ranking in NIM's shapes, really reading the request:
    /// retrieval~FLAG~FLAG... Each text's vector is a bag of its words (each word hashed into one of 32 dimensions,
    /// then normalised), so texts that share words are close, and a passage's logit grows with the words it shares with
    /// the query. Flags: asym (400 without input_type, as the embedqa models), maxN (413 for more than N inputs or
    /// passages), rateN (the first N requests of the scenario get 429 with Retry-After: 1), shuffle (data in reverse
    /// order), fixed (400 for dimensions), noembeddings / noranking (404 there), llamacpp~NAME (replay the recorded llama-server exchange NAME of
    /// tests/fixtures/llamacpp-embeddings). GET /v1/models lists one model; chat is not served (404). A text "drop-connection" makes its request's connection drop mid-answer.
    /// </summary>
    public sealed class RetrievalScenario(IReadOnlyList<string> flags, string rest, string requestBody, HttpContext context, Fixtures fixtures, int requestNumber)
    {
        private const int Dimensions = 32;
        private const string DropMarker = "drop-connection";

        private bool Has(string flag) => flags.Contains(flag);

        private int? Number(string prefix) =>
            flags.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && f.Length > prefix.Length && char.IsDigit(f[prefix.Length]))
                .Select(f => (int?)int.Parse(f.Substring(prefix.Length), CultureInfo.InvariantCulture)).FirstOrDefault();

        public Task Play()
        {
            if (flags.Count > 1 && flags[0] == "llamacpp")
            {
                return Replay(fixtures.LlamaCpp(flags[1], "llamacpp-embeddings"));
            }

            if (Number("rate") is int limited && requestNumber <= limited)
            {
                context.Response.Headers["Retry-After"] = "1";
                return Json(429, "{\"error\":{\"message\":\"Too many requests: slow down.\",\"type\":\"rate_limit_exceeded\",\"code\":429}}");
            }

            if (context.Request.Method == "GET")
            {
                return rest == "models"
                    ? Json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"nvidia/test-retriever\",\"object\":\"model\",\"owned_by\":\"test\"}]}")
                    : Error(404, $"Not found: /v1/{rest}");
            }

            if (Has("no" + rest))
            {
                return Error(404, $"Not found: /v1/{rest}");
            }

            JsonObject request;
            try
            {
                request = JsonNode.Parse(requestBody)!.AsObject();
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                return Error(400, "The request body is not a JSON object.");
            }

            return rest switch
            {
                "embeddings" => Embeddings(request),
                "ranking" => Ranking(request),
                _ => Error(404, $"Not found: /v1/{rest}"),
            };
        }

        private Task Embeddings(JsonObject request)
        {
            string[] texts = request["input"] switch
            {
                JsonValue one => new[] { one.ToString() },
                JsonArray many => many.Select(t => t?.ToString() ?? string.Empty).ToArray(),
                _ => Array.Empty<string>(),
            };
            if (texts.Length == 0)
            {
                return Error(400, "input must not be empty.");
            }

            if (Has("asym") && request["input_type"] is null)
            {
                return Error(400, "'input_type' parameter is required for asymmetric models.");
            }

            if (Number("max") is int max && texts.Length > max)
            {
                return Error(413, $"Too many inputs: {texts.Length} given, this model takes at most {max} per request.");
            }

            if (texts.Any(t => t.Length == 0))
            {
                return Error(400, "Input content cannot be empty");
            }

            int size = Dimensions;
            if (request["dimensions"] is JsonNode dimensions)
            {
                if (Has("fixed"))
                {
                    return Error(400, "This model does not support 'dimensions'.");
                }

                size = dimensions.GetValue<int>();
            }

            bool base64 = request["encoding_format"]?.ToString() == "base64";
            var data = texts.Select((text, index) => (index, vector: Vector(text, size))).ToList();
            if (Has("shuffle"))
            {
                data.Reverse();
            }

            var body = new StringBuilder("{\"object\":\"list\",\"data\":[");
            body.Append(string.Join(",", data.Select(d =>
                "{\"object\":\"embedding\",\"index\":" + d.index.ToString(CultureInfo.InvariantCulture) + ",\"embedding\":" + (base64 ? "\"" + Base64(d.vector) + "\"" : Floats(d.vector)) + "}")));
            body.Append("],\"model\":").Append(JsonSerializer.Serialize(request["model"]?.ToString() ?? "test-embedding-model"));
            int tokens = texts.Sum(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            body.Append(",\"usage\":{\"prompt_tokens\":").Append(tokens).Append(",\"total_tokens\":").Append(tokens).Append("}}");
            return texts.Contains(DropMarker) ? DropMidway(body.ToString()) : Json(200, body.ToString());
        }

        private Task Ranking(JsonObject request)
        {
            string query = request["query"]?["text"]?.ToString() ?? string.Empty;
            string[] passages = (request["passages"] as JsonArray)?.Select(p => p?["text"]?.ToString() ?? string.Empty).ToArray() ?? Array.Empty<string>();
            if (query.Length == 0 || passages.Length == 0)
            {
                return Error(400, "query.text and passages are required.");
            }

            if (Number("max") is int max && passages.Length > max)
            {
                return Error(413, $"Too many passages: {passages.Length} given, this model takes at most {max} per request.");
            }

            float[] q = Vector(query, Dimensions);
            var rankings = passages.Select((passage, index) => (index, logit: Logit(q, Vector(passage, Dimensions))))
                .OrderByDescending(r => r.logit).ThenBy(r => r.index);
            string body = "{\"rankings\":[" + string.Join(",", rankings.Select(r =>
                "{\"index\":" + r.index.ToString(CultureInfo.InvariantCulture) + ",\"logit\":" + r.logit.ToString("R", CultureInfo.InvariantCulture) + "}")) + "]}";
            return passages.Contains(DropMarker) ? DropMidway(body) : Json(200, body);
        }

        /// <summary>A logit from -8 (nothing shared) to 8 (the same words), as a reranking model's range.</summary>
        private static double Logit(float[] query, float[] passage)
        {
            double dot = 0;
            for (int i = 0; i < query.Length; i++)
            {
                dot += query[i] * passage[i];
            }

            return Math.Round((16 * dot) - 8, 4) + 0.0; // + 0.0 turns -0 into 0
        }

        /// <summary>The words of the text, lower-cased, each hashed (FNV-1a) into one dimension; the counts normalised to length 1.</summary>
        internal static float[] Vector(string text, int size)
        {
            var vector = new float[size];
            foreach (string word in text.ToLowerInvariant().Split(new[] { ' ', '\t', '\r', '\n', '.', ',', '?', '!', ':', ';', '"', '\'', '(', ')' }, StringSplitOptions.RemoveEmptyEntries))
            {
                uint hash = 2166136261;
                foreach (char c in word)
                {
                    hash = (hash ^ c) * 16777619;
                }

                vector[hash % (uint)size] += 1;
            }

            double norm = Math.Sqrt(vector.Sum(x => (double)x * x));
            for (int i = 0; i < size && norm > 0; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }

            return vector;
        }

        private static string Base64(float[] vector)
        {
            var bytes = new byte[vector.Length * 4];
            for (int i = 0; i < vector.Length; i++)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), BitConverter.SingleToInt32Bits(vector[i]));
            }

            return Convert.ToBase64String(bytes);
        }

        private static string Floats(float[] vector) => "[" + string.Join(",", vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";

        /// <summary>Sends the status and half the body, then drops the connection.</summary>
        private async Task DropMidway(string body)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Encoding.UTF8.GetByteCount(body);
            await context.Response.WriteAsync(body.Substring(0, body.Length / 2));
            await context.Response.Body.FlushAsync();
            await Task.Delay(300);
            context.Abort();
        }

        private async Task Replay(RecordedExchange exchange)
        {
            context.Response.StatusCode = exchange.Status;
            context.Response.ContentType = exchange.ContentType;
            await context.Response.WriteAsync(exchange.Body);
        }

        private Task Error(int status, string message) =>
            Json(status, "{\"object\":\"error\",\"message\":" + JsonSerializer.Serialize(message) + ",\"type\":\"BadRequestError\",\"code\":" + status.ToString(CultureInfo.InvariantCulture) + "}");

        private async Task Json(int status, string json)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }
}
