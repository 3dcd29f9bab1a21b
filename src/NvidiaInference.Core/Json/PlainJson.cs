using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace NvidiaInference.Json
{
    /// <summary>
    /// Converts between JSON text and plain .NET values: dictionaries (string keys, case-insensitive unless the
    /// object has keys that differ only in case), lists, strings, numbers (long, then decimal, then double),
    /// booleans and null. Keeps System.Text.Json out of the public surface.
    /// </summary>
    internal static class PlainJson
    {
        private static readonly JsonWriterOptions CompactWriter = new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };

        /// <summary>Parses JSON text into plain values.</summary>
        /// <exception cref="FormatException">The text is not valid JSON.</exception>
        public static object? Parse(string json)
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                return ToPlain(document.RootElement);
            }
            catch (JsonException e)
            {
                throw new FormatException($"Not valid JSON: {e.Message}", e);
            }
        }

        /// <summary>Writes plain values (dictionaries, lists, strings, numbers, booleans, null) as compact JSON text.</summary>
        public static string Serialize(object? value) => WriteToString(writer => Write(writer, value));

        internal static string Compact(JsonElement element) => WriteToString(writer => element.WriteTo(writer));

        /// <summary>Runs <paramref name="write"/> on a compact writer and returns the JSON text it wrote.</summary>
        internal static string WriteToString(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream(256);
            using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
            {
                write(writer);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        internal static object? ToPlain(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return ToDictionary(element);
                case JsonValueKind.Array:
                    var list = new List<object?>(element.GetArrayLength());
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        list.Add(ToPlain(item));
                    }

                    return list;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out long whole))
                    {
                        return whole;
                    }

                    if (element.TryGetDecimal(out decimal exact) && !element.GetRawText().Contains("e") && !element.GetRawText().Contains("E"))
                    {
                        return exact;
                    }

                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        internal static Dictionary<string, object?> ToDictionary(JsonElement element)
        {
            var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (result.ContainsKey(property.Name) && !ContainsExactKey(result, property.Name))
                {
                    // Keys that differ only in case: keep them all, at the price of case-sensitive lookups.
                    return ToCaseSensitiveDictionary(element);
                }

                result[property.Name] = ToPlain(property.Value);
            }

            return result;
        }

        private static bool ContainsExactKey(Dictionary<string, object?> dictionary, string key)
        {
            foreach (string existing in dictionary.Keys)
            {
                if (string.Equals(existing, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static Dictionary<string, object?> ToCaseSensitiveDictionary(JsonElement element)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                result[property.Name] = ToPlain(property.Value);
            }

            return result;
        }

        internal static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case char character:
                    writer.WriteStringValue(character.ToString());
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case Enum enumValue:
                    writer.WriteStringValue(enumValue.ToString());
                    break;
                case byte or sbyte or short or ushort or int or uint or long:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ulong unsignedLong:
                    writer.WriteNumberValue(unsignedLong);
                    break;
                case decimal exact:
                    writer.WriteNumberValue(exact);
                    break;
                case float or double:
                    double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(number) || double.IsInfinity(number))
                    {
                        throw new ArgumentException($"{number} cannot be written as JSON.");
                    }

                    writer.WriteNumberValue(number);
                    break;
                case DateTime time:
                    writer.WriteStringValue(time);
                    break;
                case DateTimeOffset timeWithOffset:
                    writer.WriteStringValue(timeWithOffset);
                    break;
                case Guid guid:
                    writer.WriteStringValue(guid);
                    break;
                case Uri uri:
                    writer.WriteStringValue(uri.OriginalString);
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    writer.WriteStartObject();
                    foreach (KeyValuePair<string, object?> pair in pairs)
                    {
                        writer.WritePropertyName(pair.Key);
                        Write(writer, pair.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (object? item in items)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    throw new ArgumentException($"A value of type {value.GetType().FullName} cannot be written as JSON; use dictionaries, lists, strings, numbers and booleans.");
            }
        }
    }
}
