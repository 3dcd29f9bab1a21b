using System.Management.Automation;
using System.Runtime.CompilerServices;
using NvidiaInference.Streaming;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Warns, once per answer, when the token budget ended while the model was still thinking: the answer then holds
    /// thinking and no content (docs/reasoning.md, Budget).
    /// </summary>
    internal static class ReasoningWarnings
    {
        [MethodImpl(HotPath.Optimized)]
        public static void Write(Cmdlet cmdlet, object result)
        {
            ChatCompletionResponse? response = result switch
            {
                ChatCompletionResponse whole => whole,
                ChatCompletionEvent { Response: ChatCompletionResponse streamed } => streamed,
                _ => null,
            };
            if (response is { StopReason: StopReason.OutOfTokens, Content.Length: 0, ToolCalls.Count: 0, Reasoning: not null })
            {
                cmdlet.WriteWarning($"The token budget ended while the model was still thinking ({response.Reasoning.Length} characters of thinking, no answer yet). Give a larger -MaxTokens, or ask for less thinking with -ReasoningEffort or -MaxThinkingTokens; the thinking so far is in Reasoning.");
            }
        }
    }
}
