using System;
using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Responses
{
    /// <summary>Reads GET /v1/models: {"object":"list","data":[...]} (or a bare list, as some servers send).</summary>
    internal static class ModelListConverter
    {
        private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

        public static IReadOnlyList<NimModel> Convert(string json)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new NimProtocolException("The model list is not valid JSON: " + e.Message, json, e);
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                JsonElement data = root.ValueKind == JsonValueKind.Array ? root : root.TryGet("data", out JsonElement d) ? d : default;
                if (data.ValueKind != JsonValueKind.Array)
                {
                    throw new NimProtocolException("The model list has no data list.", json);
                }

                var models = new List<NimModel>(data.GetArrayLength());
                foreach (JsonElement item in data.EnumerateArray())
                {
                    if (item.GetStringOrNull("id") is not string id)
                    {
                        continue;
                    }

                    // A time outside what DateTimeOffset can hold (years 1 to 9999) is no time at all.
                    DateTimeOffset? created = item.TryGet("created", out JsonElement c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out long seconds)
                        && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds
                        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                        : (DateTimeOffset?)null;
                    long? maxLength = item.TryGet("max_model_len", out JsonElement m) && m.ValueKind == JsonValueKind.Number && m.TryGetInt64(out long length) ? length : (long?)null;
                    models.Add(new NimModel(id, item.GetStringOrNull("owned_by"), created, item.GetStringOrNull("root"), item.GetStringOrNull("parent"), maxLength));
                }

                return models;
            }
        }
    }
}
