using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Compares JSON as parsed values (member order and number spelling do not matter).</summary>
    internal static class JsonAssert
    {
        public static void Equal(string expectedJson, string actualJson) => Equal(JsonNode.Parse(expectedJson), JsonNode.Parse(actualJson));

        public static void Equal(JsonNode? expected, JsonNode? actual)
        {
            if (!JsonNode.DeepEquals(expected, actual))
            {
                Assert.Fail($"JSON differs.\nExpected: {expected?.ToJsonString() ?? "null"}\nActual:   {actual?.ToJsonString() ?? "null"}");
            }
        }

        /// <summary>Plain .NET values (dictionaries, lists, scalars) as a JSON node, converted here rather than by the code under test.</summary>
        public static JsonNode? FromPlain(object? value)
        {
            JsonNode? node = ToNode(value);
            return node is null ? null : JsonNode.Parse(node.ToJsonString());
        }

        private static JsonNode? ToNode(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return JsonValue.Create(text);
                case bool flag:
                    return JsonValue.Create(flag);
                case long or int:
                    return JsonValue.Create(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case decimal exact:
                    return JsonValue.Create(exact);
                case double number:
                    return JsonValue.Create(number);
                case IDictionary dictionary:
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        obj[(string)entry.Key] = ToNode(entry.Value);
                    }

                    return obj;
                case IEnumerable items:
                    var array = new JsonArray();
                    foreach (object? item in items)
                    {
                        array.Add(ToNode(item));
                    }

                    return array;
                default:
                    Assert.Fail($"Unexpected plain value type {value.GetType()}");
                    return null;
            }
        }
    }
}
