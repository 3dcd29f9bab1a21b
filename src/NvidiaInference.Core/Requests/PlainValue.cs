using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using NvidiaInference.Json;

namespace NvidiaInference.Requests
{
    /// <summary>Reads typed values out of plain .NET values (JSON-like dictionaries, lists and scalars), naming the field when one is of the wrong kind.</summary>
    internal static class PlainValue
    {
        public static bool TryGet(IDictionary dictionary, string key, out object? value)
        {
            if (dictionary.Contains(key) && dictionary[key] is object present)
            {
                value = present;
                return true;
            }

            value = null;
            return false;
        }

        /// <summary>Writes a value as JSON text; one JSON cannot hold (NaN, infinity, an unknown type) names the field.</summary>
        public static string ToJson(object? value, string field)
        {
            try
            {
                return PlainJson.Serialize(value);
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
            {
                throw new NimInvalidRequestException(field, $"{field} cannot be sent as JSON: {e.Message}");
            }
        }

        public static IDictionary AsObject(object? value, string field) =>
            value as IDictionary ?? throw new NimInvalidRequestException(field, $"{field} must be an object; it is {Describe(value)}.");

        public static IList<object?> AsList(object? value, string field)
        {
            if (value is string || value is IDictionary || value is not IEnumerable items)
            {
                throw new NimInvalidRequestException(field, $"{field} must be a list; it is {Describe(value)}.");
            }

            var list = new List<object?>();
            foreach (object? item in items)
            {
                list.Add(item);
            }

            return list;
        }

        public static string AsString(object? value, string field) => value switch
        {
            string text => text,
            Enum or char => value.ToString()!,
            _ => throw new NimInvalidRequestException(field, $"{field} must be a string; it is {Describe(value)}."),
        };

        public static double AsDouble(object? value, string field)
        {
            try
            {
                return value switch
                {
                    double or float or decimal or long or int or short or byte or sbyte or uint or ulong or ushort => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    string text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                    _ => throw new FormatException(),
                };
            }
            catch (Exception e) when (e is FormatException || e is OverflowException)
            {
                throw new NimInvalidRequestException(field, $"{field} must be a number; it is {Describe(value)}.");
            }
        }

        public static int AsInt(object? value, string field)
        {
            double number = AsDouble(value, field);
            if (number != Math.Floor(number) || number > int.MaxValue || number < int.MinValue)
            {
                throw new NimInvalidRequestException(field, $"{field} must be a whole number; it is {Describe(value)}.");
            }

            return (int)number;
        }

        public static bool AsBool(object? value, string field) => value switch
        {
            bool flag => flag,
            string text when bool.TryParse(text, out bool parsed) => parsed,
            _ => throw new NimInvalidRequestException(field, $"{field} must be true or false; it is {Describe(value)}."),
        };

        public static string Describe(object? value) => value switch
        {
            null => "null",
            string text => $"the string \"{(text.Length > 60 ? text.Substring(0, 60) + "..." : text)}\"",
            IDictionary => "an object",
            IEnumerable => "a list",
            _ => $"{value} ({value.GetType().Name})",
        };
    }
}
