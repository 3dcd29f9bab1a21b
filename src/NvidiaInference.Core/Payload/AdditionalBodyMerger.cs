using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using NvidiaInference.Json;

namespace NvidiaInference.Payload
{
    /// <summary>
    /// Merges a caller's additional JSON object into a built request body, last: a member that is an object on both
    /// sides merges key by key (so extra nvext fields join the module's nvext), anything else replaces the module's
    /// value, and a null removes the member. Each member the module had set and the addition changes is reported.
    /// </summary>
    internal static class AdditionalBodyMerger
    {
        public static string Merge(string body, string additionalBody, Action<string>? reportOverride)
        {
            JsonObject root = ParseObject(body, "body");
            JsonObject addition = ParseObject(additionalBody, "AdditionalBody");
            if (addition.ContainsKey("stream"))
            {
                // How the answer is read follows the payload's Stream, so the body cannot say otherwise.
                throw new NimInvalidRequestException("AdditionalBody", "-AdditionalBody cannot set stream: the answer is read as a stream or as one document by -Stream, so give -Stream instead.");
            }

            MergeInto(root, addition, string.Empty, reportOverride);
            return PlainJson.WriteToString(writer => root.WriteTo(writer));
        }

        private static void MergeInto(JsonObject target, JsonObject addition, string path, Action<string>? reportOverride)
        {
            // A snapshot: moving a node out of the addition changes the collection.
            foreach (KeyValuePair<string, JsonNode?> member in addition.ToList())
            {
                string name = path.Length == 0 ? member.Key : path + "." + member.Key;
                JsonNode? value = member.Value;
                bool present = target.TryGetPropertyValue(member.Key, out JsonNode? existing);
                if (present && existing is JsonObject existingObject && value is JsonObject valueObject)
                {
                    MergeInto(existingObject, valueObject, name, reportOverride);
                    continue;
                }

                if (present)
                {
                    reportOverride?.Invoke(value is null
                        ? $"-AdditionalBody removes {name}, which the module had set."
                        : $"-AdditionalBody replaces {name}, which the module had set, with {value.ToJsonString()}.");
                }

                if (value is null)
                {
                    target.Remove(member.Key);
                    continue;
                }

                addition.Remove(member.Key);
                target[member.Key] = value;
            }
        }

        private static JsonObject ParseObject(string json, string field)
        {
            try
            {
                return JsonNode.Parse(json) as JsonObject
                    ?? throw new NimInvalidRequestException(field, $"{field} must be a JSON object.");
            }
            catch (JsonException e)
            {
                throw new NimInvalidRequestException(field, $"{field} is not valid JSON: {e.Message}");
            }
        }
    }
}
