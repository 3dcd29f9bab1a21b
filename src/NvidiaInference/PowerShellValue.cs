using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace NvidiaInference
{
    /// <summary>
    /// Turns what PowerShell users hand over (hashtables, PSCustomObjects from ConvertFrom-Json, arrays, PSObject
    /// wrappers) into the plain dictionaries, lists and scalars the core reads.
    /// </summary>
    internal static class PowerShellValue
    {
        private const int MaxDepth = 100;

        public static object? ToPlain(object? value) => ToPlain(value, 0);

        /// <summary>The items of a parameter value: the elements of a list, or the value itself (a string or a dictionary is one item).</summary>
        public static IEnumerable AsItems(object? plain) =>
            plain is IEnumerable list && plain is not string && plain is not IDictionary ? list : new[] { plain };

        private static object? ToPlain(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException($"The value is nested more than {MaxDepth} levels deep.");
            }

            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (PSPropertyInfo property in wrapped.Properties)
                    {
                        properties[property.Name] = ToPlain(property.Value, depth + 1);
                    }

                    return properties;
                }

                value = wrapped.BaseObject;
            }

            switch (value)
            {
                case null:
                case string:
                case ValueType:
                case Message:
                case ToolDefinition:
                case ToolCall:
                case ChatCompletionResponse:
                case byte[]:
                    return value;
                case IDictionary dictionary:
                    var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        result[entry.Key?.ToString() ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                    }

                    return result;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (object? item in items)
                    {
                        list.Add(ToPlain(item, depth + 1));
                    }

                    return list;
                default:
                    return value;
            }
        }
    }
}
