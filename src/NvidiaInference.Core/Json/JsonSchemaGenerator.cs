using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace NvidiaInference.Json
{
    /// <summary>
    /// Generates a JSON schema for a .NET type (a C# or PowerShell class), for guided output. Public readable instance
    /// properties become properties, all required except those of a Nullable type; additionalProperties is false, as
    /// OpenAI's strict mode requires. (System.Text.Json's JsonSchemaExporter needs .NET 9; the module targets 8.)
    /// </summary>
    public static class JsonSchemaGenerator
    {
        private const int MaxDepth = 16;

        /// <summary>The schema of <paramref name="type"/> as compact JSON text.</summary>
        /// <exception cref="ArgumentException">The type cannot be described (nested deeper than 16 levels, or recursive).</exception>
        public static string FromType(Type type) =>
            PlainJson.Serialize(Describe(type ?? throw new ArgumentNullException(nameof(type)), new HashSet<Type>(), 0));

        private static Dictionary<string, object?> Describe(Type type, HashSet<Type> path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException($"The type {type.FullName} is nested more than {MaxDepth} levels deep.");
            }

            Type effective = Nullable.GetUnderlyingType(type) ?? type;
            if (effective == typeof(object))
            {
                return new Dictionary<string, object?>();
            }

            if (Scalar(effective) is Dictionary<string, object?> scalar)
            {
                return scalar;
            }

            if (effective.IsEnum)
            {
                return new Dictionary<string, object?> { ["type"] = "string", ["enum"] = Enum.GetNames(effective).ToList<object?>() };
            }

            if (DictionaryValueType(effective) is Type valueType)
            {
                return new Dictionary<string, object?> { ["type"] = "object", ["additionalProperties"] = Describe(valueType, path, depth + 1) };
            }

            if (ElementType(effective) is Type elementType)
            {
                return new Dictionary<string, object?> { ["type"] = "array", ["items"] = Describe(elementType, path, depth + 1) };
            }

            if (!path.Add(effective))
            {
                throw new ArgumentException($"The type {effective.FullName} refers to itself, which a JSON schema for guided output cannot express.");
            }

            var properties = new Dictionary<string, object?>();
            var required = new List<object?>();
            foreach (PropertyInfo property in effective.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanRead || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                properties[property.Name] = Describe(property.PropertyType, path, depth + 1);
                if (Nullable.GetUnderlyingType(property.PropertyType) is null)
                {
                    required.Add(property.Name);
                }
            }

            path.Remove(effective);
            var schema = new Dictionary<string, object?> { ["type"] = "object", ["properties"] = properties };
            if (required.Count > 0)
            {
                schema["required"] = required;
            }

            schema["additionalProperties"] = false;
            return schema;
        }

        private static Dictionary<string, object?>? Scalar(Type type)
        {
            string? jsonType = Type.GetTypeCode(type) switch
            {
                TypeCode.String or TypeCode.Char => "string",
                TypeCode.Boolean => "boolean",
                TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "integer",
                TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "number",
                _ => null,
            };
            if (type.IsEnum)
            {
                return null;
            }

            if (jsonType is not null)
            {
                return new Dictionary<string, object?> { ["type"] = jsonType };
            }

            if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            {
                return new Dictionary<string, object?> { ["type"] = "string", ["format"] = "date-time" };
            }

            if (type == typeof(Guid))
            {
                return new Dictionary<string, object?> { ["type"] = "string", ["format"] = "uuid" };
            }

            if (type == typeof(Uri))
            {
                return new Dictionary<string, object?> { ["type"] = "string", ["format"] = "uri" };
            }

            return null;
        }

        private static Type? DictionaryValueType(Type type)
        {
            foreach (Type candidate in new[] { type }.Concat(type.GetInterfaces()))
            {
                if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>) && candidate.GetGenericArguments()[0] == typeof(string))
                {
                    return candidate.GetGenericArguments()[1];
                }
            }

            return typeof(IDictionary).IsAssignableFrom(type) ? typeof(object) : null;
        }

        private static Type? ElementType(Type type)
        {
            if (type.IsArray)
            {
                return type.GetElementType();
            }

            foreach (Type candidate in new[] { type }.Concat(type.GetInterfaces()))
            {
                if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                {
                    return candidate.GetGenericArguments()[0];
                }
            }

            return null;
        }
    }
}
