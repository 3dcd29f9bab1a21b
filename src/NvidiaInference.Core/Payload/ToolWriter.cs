using System;
using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Payload
{
    /// <summary>Writes tool definitions and tool_choice (docs/requests.md, Tools).</summary>
    internal static class ToolWriter
    {
        public static void WriteTools(Utf8JsonWriter writer, IList<ToolDefinition> tools)
        {
            writer.WritePropertyName("tools");
            writer.WriteStartArray();
            for (int i = 0; i < tools.Count; i++)
            {
                ToolDefinition tool = tools[i];
                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WritePropertyName("function");
                writer.WriteStartObject();
                writer.WriteString("name", tool.Name);
                if (!string.IsNullOrEmpty(tool.Description))
                {
                    writer.WriteString("description", tool.Description);
                }

                if (tool.ParametersSchemaJson is not null)
                {
                    writer.WritePropertyName("parameters");
                    writer.WriteRawValue(RequestValidation.CheckJsonObject(tool.ParametersSchemaJson, $"tools[{i}].parameters"));
                }
                else if (tool.Parameters.Count > 0)
                {
                    WriteParameters(writer, tool.Parameters, i);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        public static void WriteToolChoice(Utf8JsonWriter writer, string toolChoice)
        {
            switch (toolChoice)
            {
                case "auto":
                case "required":
                case "none":
                    writer.WriteString("tool_choice", toolChoice);
                    break;
                default:
                    writer.WritePropertyName("tool_choice");
                    writer.WriteStartObject();
                    writer.WriteString("type", "function");
                    writer.WritePropertyName("function");
                    writer.WriteStartObject();
                    writer.WriteString("name", toolChoice);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        private static void WriteParameters(Utf8JsonWriter writer, IList<ToolParameter> parameters, int toolIndex)
        {
            writer.WritePropertyName("parameters");
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WritePropertyName("properties");
            writer.WriteStartObject();
            var required = new List<string>();
            foreach (ToolParameter parameter in parameters)
            {
                writer.WritePropertyName(parameter.Name);
                writer.WriteStartObject();
                WriteType(writer, parameter.ParamType, $"tools[{toolIndex}].parameters.{parameter.Name}.param_type");
                if (!string.IsNullOrEmpty(parameter.Description))
                {
                    writer.WriteString("description", parameter.Description);
                }

                if (parameter.HasDefault)
                {
                    writer.WritePropertyName("default");
                    PlainJson.Write(writer, parameter.Default);
                }

                writer.WriteEndObject();
                if (parameter.Required)
                {
                    required.Add(parameter.Name);
                }
            }

            writer.WriteEndObject();
            if (required.Count > 0)
            {
                writer.WritePropertyName("required");
                writer.WriteStartArray();
                foreach (string name in required)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        /// <summary>Writes "type" (and "items" for lists) for a Python-style or JSON Schema type name.</summary>
        internal static void WriteType(Utf8JsonWriter writer, string paramType, string field)
        {
            string name = paramType.Trim();
            if (name.Length == 0)
            {
                throw new NimInvalidRequestException(field, "A tool parameter needs a type.");
            }

            string lower = name.ToLowerInvariant();
            if (lower.StartsWith("list[", StringComparison.Ordinal) && lower.EndsWith("]", StringComparison.Ordinal))
            {
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                writer.WriteStartObject();
                WriteType(writer, name.Substring(5, name.Length - 6), field);
                writer.WriteEndObject();
                return;
            }

            writer.WriteString("type", MapScalar(lower, name));
        }

        private static string MapScalar(string lower, string original)
        {
            switch (lower)
            {
                case "str":
                    return "string";
                case "int":
                    return "integer";
                case "float":
                    return "number";
                case "bool":
                    return "boolean";
                case "list":
                    return "array";
                case "dict":
                    return "object";
            }

            if (lower.StartsWith("dict[", StringComparison.Ordinal))
            {
                return "object";
            }

            // JSON Schema names (string, integer, number, boolean, array, object, null) and anything else pass through.
            return original;
        }
    }
}
