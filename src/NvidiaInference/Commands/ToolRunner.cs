using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Runs the tool calls of one response through the user's handlers: only tools that were declared, each call
    /// confirmed through ShouldProcess, arguments splatted by name. A tool's failure is reported to the model (so it
    /// can recover) and as a warning to the user.
    /// </summary>
    internal sealed class ToolRunner
    {
        private static readonly ScriptBlock Splat = ScriptBlock.Create("param($__handler, $__arguments) & $__handler @__arguments");
        private static readonly ScriptBlock ToJson = ScriptBlock.Create("param($__value) ConvertTo-Json -InputObject $__value -Depth 10 -Compress");
        private readonly PSCmdlet _cmdlet;
        private readonly Hashtable _handlers;
        private readonly HashSet<string> _declared;

        public ToolRunner(PSCmdlet cmdlet, Hashtable handlers, IEnumerable<string> declaredTools)
        {
            _cmdlet = cmdlet;
            _handlers = new Hashtable(handlers, StringComparer.OrdinalIgnoreCase);
            _declared = new HashSet<string>(declaredTools, StringComparer.Ordinal);
        }

        /// <summary>The tool results to send back, in call order; null when the loop must stop (declined, or no handler).</summary>
        public IReadOnlyList<Message>? Run(IReadOnlyList<ToolCall> calls)
        {
            var results = new List<Message>(calls.Count);
            foreach (ToolCall call in calls)
            {
                if (!_declared.Contains(call.ToolName))
                {
                    _cmdlet.WriteWarning($"The model called '{call.ToolName}', which is not among the tools given; it was not run.");
                    results.Add(Result(call, Error($"The tool '{call.ToolName}' is not available.")));
                    continue;
                }

                if (_handlers[call.ToolName] is not object handler)
                {
                    _cmdlet.WriteVerbose($"No -ToolHandler for '{call.ToolName}': returning the response with its tool calls for you to run.");
                    return null;
                }

                if (call.Arguments is null)
                {
                    _cmdlet.WriteWarning($"The arguments of '{call.ToolName}' (id {call.CallId}) are not a JSON object; the tool was not run.");
                    results.Add(Result(call, Error("The arguments were not a valid JSON object.")));
                    continue;
                }

                if (!_cmdlet.ShouldProcess(call.ToString(), "Run tool"))
                {
                    return null;
                }

                results.Add(Result(call, Invoke(call, handler is PSObject wrapped ? wrapped.BaseObject : handler)));
            }

            return results;
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
