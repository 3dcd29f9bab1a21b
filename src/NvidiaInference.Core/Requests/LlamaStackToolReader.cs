using System.Collections;

namespace NvidiaInference.Requests
{
    /// <summary>
    /// Reads a tool definition: Llama Stack's form (<c>tool_name</c>, <c>description</c>, <c>parameters</c> as
    /// NAME to {param_type, description, required, default}), or OpenAI's form (<c>{type: function, function:
    /// {name, description, parameters}}</c>) whose parameters are a JSON schema sent as given.
    /// </summary>
    public static class LlamaStackToolReader
    {
        /// <summary>Reads one tool.</summary>
        /// <exception cref="NimInvalidRequestException">The tool is not valid; the field is named.</exception>
        public static ToolDefinition Read(object? value, int index)
        {
            string field = $"tools[{index}]";
            if (value is ToolDefinition typed)
            {
                return typed;
            }

            IDictionary tool = PlainValue.AsObject(value, field);
            if (PlainValue.TryGet(tool, "function", out object? function))
            {
                return ReadOpenAiFunction(PlainValue.AsObject(function, field + ".function"), field + ".function");
            }

            object? nameValue = PlainValue.TryGet(tool, "tool_name", out object? toolName) ? toolName
                : PlainValue.TryGet(tool, "name", out object? name) ? name
                : throw new NimInvalidRequestException(field + ".tool_name", $"Tool {index} has no tool_name.");
            var definition = NewDefinition(nameValue, field + ".tool_name");
            if (PlainValue.TryGet(tool, "description", out object? description))
            {
                definition.Description = PlainValue.AsString(description, field + ".description");
            }

            if (PlainValue.TryGet(tool, "input_schema", out object? inputSchema))
            {
                definition.ParametersSchemaJson = SchemaText(inputSchema, field + ".input_schema");
            }
            else if (PlainValue.TryGet(tool, "parameters", out object? parameters))
            {
                ReadParameters(definition, parameters, field + ".parameters");
            }

            return definition;
        }

        private static ToolDefinition ReadOpenAiFunction(IDictionary function, string field)
        {
            var definition = NewDefinition(PlainValue.TryGet(function, "name", out object? name) ? name : null, field + ".name");
            if (PlainValue.TryGet(function, "description", out object? description))
            {
                definition.Description = PlainValue.AsString(description, field + ".description");
            }

            if (PlainValue.TryGet(function, "parameters", out object? parameters))
            {
                definition.ParametersSchemaJson = SchemaText(parameters, field + ".parameters");
            }

            return definition;
        }

        private static ToolDefinition NewDefinition(object? nameValue, string field)
        {
            string name = PlainValue.AsString(nameValue, field);
            return name.Length > 0 ? new ToolDefinition(name) : throw new NimInvalidRequestException(field, $"{field} is empty; a tool needs a name.");
        }

        private static void ReadParameters(ToolDefinition definition, object? value, string field)
        {
            if (value is string json)
            {
                definition.ParametersSchemaJson = json;
                return;
            }

            IDictionary parameters = PlainValue.AsObject(value, field);

            // A JSON schema has a string "type" at the top; a Llama Stack parameter is always an object.
            if (parameters["type"] is string)
            {
                definition.ParametersSchemaJson = PlainValue.ToJson(parameters, field);
                return;
            }

            foreach (DictionaryEntry entry in parameters)
            {
                string name = entry.Key?.ToString() ?? string.Empty;
                string parameterField = $"{field}.{name}";
                IDictionary parameter = PlainValue.AsObject(entry.Value, parameterField);
                string type = PlainValue.TryGet(parameter, "param_type", out object? paramType) || PlainValue.TryGet(parameter, "type", out paramType)
                    ? PlainValue.AsString(paramType, parameterField + ".param_type")
                    : throw new NimInvalidRequestException(parameterField + ".param_type", $"The tool parameter '{name}' has no param_type.");
                var definitionParameter = new ToolParameter(name, type);
                if (PlainValue.TryGet(parameter, "description", out object? description))
                {
                    definitionParameter.Description = PlainValue.AsString(description, parameterField + ".description");
                }

                if (PlainValue.TryGet(parameter, "required", out object? required))
                {
                    definitionParameter.Required = PlainValue.AsBool(required, parameterField + ".required");
                }

                if (PlainValue.TryGet(parameter, "default", out object? defaultValue))
                {
                    // Checked here, so a default JSON cannot hold is refused with its field rather than when the body is written.
                    PlainValue.ToJson(defaultValue, parameterField + ".default");
                    definitionParameter.SetDefault(defaultValue);
                }

                definition.Parameters.Add(definitionParameter);
            }
        }

        private static string SchemaText(object? value, string field) =>
            value is string json ? json : PlainValue.ToJson(PlainValue.AsObject(value, field), field);
    }
}
