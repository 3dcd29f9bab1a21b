using System;
using System.Collections.Generic;
using System.Linq;
using NvidiaInference.Json;

namespace NvidiaInference
{
    /// <summary>A tool the model may call.</summary>
    public sealed class ToolDefinition
    {
        /// <summary>Creates a tool definition.</summary>
        public ToolDefinition(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A tool needs a name.", nameof(name));
            }

            Name = name;
        }

        /// <summary>The function name the model calls.</summary>
        public string Name { get; }

        /// <summary>What the tool does, for the model.</summary>
        public string? Description { get; set; }

        /// <summary>The parameters in Llama Stack's form, in order; converted to a JSON schema on the wire.</summary>
        public IList<ToolParameter> Parameters { get; } = new List<ToolParameter>();

        /// <summary>
        /// A complete JSON schema (JSON text) for the parameters; when set it is sent as given and
        /// <see cref="Parameters"/> is not used.
        /// </summary>
        public string? ParametersSchemaJson { get; set; }

        /// <summary>The names of the parameters the tool declares: its schema's properties, or its Llama Stack parameters.</summary>
        public IReadOnlyCollection<string> DeclaredParameterNames()
        {
            if (ParametersSchemaJson is null)
            {
                return Parameters.Select(p => p.Name).ToArray();
            }

            try
            {
                return PlainJson.Parse(ParametersSchemaJson) is IDictionary<string, object?> schema && schema.TryGetValue("properties", out object? properties)
                    && properties is IDictionary<string, object?> names
                    ? names.Keys.ToArray()
                    : Array.Empty<string>();
            }
            catch (FormatException)
            {
                return Array.Empty<string>();
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>One parameter of a tool, in Llama Stack's form.</summary>
    public sealed class ToolParameter
    {
        /// <summary>Creates a parameter.</summary>
        public ToolParameter(string name, string paramType)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            ParamType = paramType ?? throw new ArgumentNullException(nameof(paramType));
        }

        /// <summary>The parameter's name.</summary>
        public string Name { get; }

        /// <summary>The type: a Python-style name (str, int, float, bool, list[T], dict) or a JSON Schema type.</summary>
        public string ParamType { get; }

        /// <summary>What the parameter means, for the model.</summary>
        public string? Description { get; set; }

        /// <summary>Whether the model must give it (Llama Stack's default is true).</summary>
        public bool Required { get; set; } = true;

        /// <summary>Whether a default was given; a default may be a falsy value such as 0, false or "".</summary>
        public bool HasDefault { get; private set; }

        /// <summary>The default as a plain .NET value.</summary>
        public object? Default { get; private set; }

        /// <summary>Sets the default value.</summary>
        public void SetDefault(object? value)
        {
            Default = value;
            HasDefault = true;
        }
    }
}
