using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NvidiaInference.Json;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Describes a PowerShell command as a tool: the parameters of its default parameter set (common parameters left
    /// out), their types as JSON schema, mandatory ones required, ValidateSet values as an enum, and help text (the
    /// parameter's HelpMessage, else Get-Help) as descriptions.
    /// </summary>
    internal static class CommandTool
    {
        private static readonly HashSet<string> CommonParameters = new HashSet<string>(
            Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);

        private static readonly ScriptBlock GetHelp = ScriptBlock.Create(
            "param($__name) $h = Get-Help -Name $__name -Full -ErrorAction Ignore; if ($h -isnot [string]) { $h }");

        public static ToolDefinition Describe(PSCmdlet cmdlet, CommandInfo command, string? name)
        {
            PSObject? help = cmdlet.InvokeCommand.InvokeScript(false, GetHelp, null, command.Name).FirstOrDefault();
            var tool = new ToolDefinition(name ?? command.Name) { Description = Synopsis(help, command) };
            var properties = new Dictionary<string, object?>();
            var required = new List<object?>();
            foreach (CommandParameterInfo parameter in (IEnumerable<CommandParameterInfo>?)DefaultSet(command)?.Parameters ?? Array.Empty<CommandParameterInfo>())
            {
                if (CommonParameters.Contains(parameter.Name))
                {
                    continue;
                }

                Dictionary<string, object?> schema = TypeSchema(parameter.ParameterType);
                if (parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault() is ValidateSetAttribute set)
                {
                    schema["enum"] = set.ValidValues.Cast<object?>().ToList();
                }

                if ((parameter.HelpMessage ?? ParameterHelp(help, parameter.Name)) is string description && description.Length > 0)
                {
                    schema["description"] = description;
                }

                properties[parameter.Name] = schema;
                if (parameter.IsMandatory)
                {
                    required.Add(parameter.Name);
                }
            }

            var parameters = new Dictionary<string, object?> { ["type"] = "object", ["properties"] = properties };
            if (required.Count > 0)
            {
                parameters["required"] = required;
            }

            tool.ParametersSchemaJson = PlainJson.Serialize(parameters);
            return tool;
        }

        private static CommandParameterSetInfo? DefaultSet(CommandInfo command)
        {
            IReadOnlyList<CommandParameterSetInfo> sets = command.ParameterSets;
            return sets.FirstOrDefault(s => s.IsDefault) ?? sets.FirstOrDefault();
        }

        private static Dictionary<string, object?> TypeSchema(Type type)
        {
            if (type == typeof(SwitchParameter))
            {
                return new Dictionary<string, object?> { ["type"] = "boolean" };
            }

            if (type == typeof(object) || type == typeof(PSObject) || type == typeof(ScriptBlock))
            {
                return new Dictionary<string, object?>();
            }

            try
            {
                return PlainJson.Parse(JsonSchemaGenerator.FromType(type)) as Dictionary<string, object?> ?? new Dictionary<string, object?>();
            }
            catch (ArgumentException)
            {
                // A type too deep or recursive to describe: let the model send any value.
                return new Dictionary<string, object?>();
            }
        }

        /// <summary>The synopsis from help, unless it is only the syntax line PowerShell makes up for commands without help.</summary>
        private static string? Synopsis(PSObject? help, CommandInfo command)
        {
            string? synopsis = help?.Properties["Synopsis"]?.Value?.ToString()?.Trim();
            return string.IsNullOrEmpty(synopsis) || synopsis!.StartsWith(command.Name, StringComparison.OrdinalIgnoreCase) ? null : synopsis;
        }

        private static string? ParameterHelp(PSObject? help, string parameterName)
        {
            object? parameters = (help?.Properties["parameters"]?.Value as PSObject)?.Properties["parameter"]?.Value;
            IEnumerable entries = parameters is PSObject single && single.BaseObject is not IEnumerable ? new[] { single } : parameters as IEnumerable ?? Array.Empty<object>();
            foreach (object entry in entries)
            {
                var item = PSObject.AsPSObject(entry);
                if (string.Equals(item.Properties["name"]?.Value?.ToString(), parameterName, StringComparison.OrdinalIgnoreCase))
                {
                    object? description = item.Properties["description"]?.Value;
                    IEnumerable lines = description is IEnumerable list && description is not string ? list : new[] { description };
                    string text = string.Join(" ", lines.Cast<object?>().Select(l => PSObject.AsPSObject(l ?? string.Empty).Properties["Text"]?.Value?.ToString()).Where(t => !string.IsNullOrWhiteSpace(t)));
                    return text.Trim();
                }
            }

            return null;
        }
    }
}
