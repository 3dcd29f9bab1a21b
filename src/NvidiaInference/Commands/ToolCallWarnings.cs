using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using NvidiaInference.Streaming;

namespace NvidiaInference.Commands
{
    /// <summary>Warns about each tool call whose arguments are not a JSON object: the call is kept, with its raw text (docs/responses.md, Tool calls).</summary>
    internal static class ToolCallWarnings
    {
        [MethodImpl(HotPath.Optimized)]
        public static void Write(Cmdlet cmdlet, object result)
        {
            IReadOnlyList<ToolCall> calls = result switch
            {
                ChatCompletionResponse response => response.ToolCalls,
                ChatCompletionEvent { Delta: { ParseStatus: ToolCallParseStatus.Failed, ToolCall: ToolCall call } } => new[] { call },
                _ => System.Array.Empty<ToolCall>(),
            };
            for (int i = 0; i < calls.Count; i++)
            {
                ToolCall call = calls[i];
                if (call.ParseStatus == ToolCallParseStatus.Failed)
                {
                    cmdlet.WriteWarning($"The arguments of tool call '{call.ToolName}' (id {call.CallId}) are not a JSON object; the call keeps its raw text in ArgumentsJson and has no Arguments.");
                }
            }
        }
    }
}
