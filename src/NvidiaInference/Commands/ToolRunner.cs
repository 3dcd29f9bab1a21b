using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NvidiaInference.Json;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Runs the tool calls of one response through the user's handlers: only tools that were declared, only the
    /// arguments each tool declares (never PowerShell's common parameters), each call confirmed through ShouldProcess,
    /// arguments splatted by name. Every call is checked and confirmed before any runs, so a stop never leaves some
    /// tools run with their results lost. A tool's failure is reported to the model (so it can recover) and as a
    /// warning to the user.
    /// </summary>
    internal sealed class ToolRunner
    {
        private static readonly ScriptBlock Splat = ScriptBlock.Create("param($__handler, $__arguments) & $__handler @__arguments");
        private static readonly ScriptBlock ToJson = ScriptBlock.Create("param($__value) ConvertTo-Json -InputObject $__value -Depth 10 -Compress");
        private static readonly HashSet<string> CommonParameters = new HashSet<string>(
            Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);

        private readonly PSCmdlet _cmdlet;
        private readonly Hashtable _handlers;
        private readonly Dictionary<string, HashSet<string>> _declared;

        public ToolRunner(PSCmdlet cmdlet, Hashtable handlers, IEnumerable<ToolDefinition> tools)
        {
            _cmdlet = cmdlet;
            _handlers = new Hashtable(handlers, StringComparer.OrdinalIgnoreCase);
            _declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (ToolDefinition tool in tools)
            {
                _declared[tool.Name] = new HashSet<string>(tool.DeclaredParameterNames(), StringComparer.OrdinalIgnoreCase);
            }
        }

        /// <summary>The tool results to send back, in call order; null when the loop must stop (declined, or no handler) before any tool ran.</summary>
        public IReadOnlyList<Message>? Run(IReadOnlyList<ToolCall> calls)
        {
            var plan = new List<(ToolCall Call, object? Handler, string? Refusal)>(calls.Count);
            foreach (ToolCall call in calls)
            {
                string? refusal = Refuse(call);
                object? handler = refusal is null ? _handlers[call.ToolName] : null;
                if (refusal is null && handler is null)
                {
                    _cmdlet.WriteVerbose($"No -ToolHandler for '{call.ToolName}': returning the response with its tool calls for you to run.");
                    return null;
                }

                plan.Add((call, handler is PSObject wrapped ? wrapped.BaseObject : handler, refusal));
            }

            foreach ((ToolCall call, object? handler, _) in plan)
            {
                if (handler is not null && !_cmdlet.ShouldProcess(call.ToString(), "Run tool"))
                {
                    return null;
                }
            }

            return plan.Select(step => Result(step.Call, step.Refusal is null ? Invoke(step.Call, step.Handler!) : Error(step.Refusal))).ToArray();
        }

        /// <summary>Why a call must not run (told to the model and warned about), or null when it may.</summary>
        private string? Refuse(ToolCall call)
        {
            string? refusal;
            if (!_declared.TryGetValue(call.ToolName, out HashSet<string>? parameters))
            {
                refusal = $"The tool '{call.ToolName}' is not available.";
            }
            else if (call.Arguments is null)
            {
                refusal = "The arguments were not a valid JSON object.";
            }
            else if (call.Arguments.Keys.Where(name => !parameters.Contains(name) || CommonParameters.Contains(name)).ToArray() is { Length: > 0 } unexpected)
            {
                refusal = $"The tool '{call.ToolName}' does not take the argument(s) {string.Join(", ", unexpected)}.";
            }
            else
            {
                return null;
            }

            _cmdlet.WriteWarning($"The model called {call}, which was not run: {refusal}");
            return refusal;
        }

        private string Invoke(ToolCall call, object handler)
        {
            var arguments = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, object?> argument in call.Arguments!)
            {
                arguments[argument.Key] = argument.Value;
            }

            try
            {
                _cmdlet.WriteVerbose($"Running tool {call}");
                var output = _cmdlet.InvokeCommand.InvokeScript(false, Splat, null, handler, arguments);
                return output.Count switch
                {
                    0 => string.Empty,
                    1 when output[0]?.BaseObject is string text => text,
                    1 => JsonOf(output[0]),
                    _ => JsonOf(output.ToArray()),
                };
            }
            catch (RuntimeException e)
            {
                _cmdlet.WriteWarning($"The tool '{call.ToolName}' failed: {e.Message}. The error was sent to the model.");
                return Error(e.Message);
            }
        }

        private string JsonOf(object? value) =>
            _cmdlet.InvokeCommand.InvokeScript(false, ToJson, null, value).FirstOrDefault()?.BaseObject as string ?? string.Empty;

        private static string Error(string message) => PlainJson.Serialize(new Dictionary<string, object?> { ["error"] = message });

        private static Message Result(ToolCall call, string content) => Message.ToolResult(call.CallId, content, call.ToolName);
    }
}
