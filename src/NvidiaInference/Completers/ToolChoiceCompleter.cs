using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NvidiaInference.Transforms;

namespace NvidiaInference.Completers
{
    /// <summary>Completes -ToolChoice with auto, required and none, and the names of the tools already given in -Tool.</summary>
    public sealed class ToolChoiceCompleter : IArgumentCompleter
    {
        private static readonly (string Value, string ToolTip)[] Modes =
        {
            ("auto", "The model decides whether to call a tool."),
            ("required", "The model must call one of the tools."),
            ("none", "The model must not call a tool."),
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<(string, string)> tools = ToolNames(fakeBoundParameters).Select(name => (name, $"The model must call {name}."));
            return CompletionValues.Complete(Modes.Concat(tools), wordToComplete);
        }

        private static IEnumerable<string> ToolNames(IDictionary? typed)
        {
            if (typed is null || !typed.Contains("Tool") || typed["Tool"] is null)
            {
                return Array.Empty<string>();
            }

            try
            {
                // The same reading -Tool itself does, so every form it accepts (New-NvTool results, hashtables, JSON) gives its names.
                return ((ToolDefinition[])new ToolTransformationAttribute().Transform(null!, typed["Tool"])).Select(tool => tool.Name);
            }
            catch (Exception e) when (e is ArgumentTransformationMetadataException || e is ArgumentException || e is InvalidCastException)
            {
                // -Tool as typed so far is not a valid tool (yet).
                return Array.Empty<string>();
            }
        }
    }
}
