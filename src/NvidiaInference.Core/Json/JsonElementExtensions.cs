using System;
using System.Text.Json;

namespace NvidiaInference.Json
{
    /// <summary>
    /// Tolerant getters: a missing member and an explicit null read the same. The overloads that take a UTF-8 name
    /// ("choices"u8) are for the per-chunk path: they skip transcoding the name on every lookup.
    /// </summary>
    internal static class JsonElementExtensions
    {
        public static bool TryGet(this JsonElement element, string name, out JsonElement value)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            value = default;
            return false;
        }

        public static bool TryGet(this JsonElement element, ReadOnlySpan<byte> utf8Name, out JsonElement value)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(utf8Name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            value = default;
            return false;
        }

        public static string? GetStringOrNull(this JsonElement element, string name) =>
            element.TryGet(name, out JsonElement value) ? value.AsText() : null;

        public static string? GetStringOrNull(this JsonElement element, ReadOnlySpan<byte> utf8Name) =>
            element.TryGet(utf8Name, out JsonElement value) ? value.AsText() : null;

        /// <summary>True when the member is the string <paramref name="utf8Value"/>; no string is made to find out.</summary>
        public static bool HasString(this JsonElement element, ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> utf8Value) =>
            element.TryGet(utf8Name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(utf8Value);

        /// <summary>A string as itself; a number or boolean as its JSON text (stop_reason and code may be numbers).</summary>
        public static string? AsText(this JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };

        public static long GetInt64OrZero(this JsonElement element, string name) =>
            element.TryGet(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : 0;
    }
}
