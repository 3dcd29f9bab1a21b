namespace NvidiaInference
{
    /// <summary>Token counts reported by the server.</summary>
    public sealed class Usage
    {
        /// <summary>Creates a usage record.</summary>
        public Usage(long promptTokens, long completionTokens, long totalTokens, long? reasoningTokens = null)
        {
            PromptTokens = promptTokens;
            CompletionTokens = completionTokens;
            TotalTokens = totalTokens;
            ReasoningTokens = reasoningTokens;
        }

        /// <summary>Tokens in the prompt.</summary>
        public long PromptTokens { get; }

        /// <summary>Tokens generated, the thinking included.</summary>
        public long CompletionTokens { get; }

        /// <summary>Prompt plus completion tokens.</summary>
        public long TotalTokens { get; }

        /// <summary>
        /// How many of the completion tokens were thinking, when the server counts them apart
        /// (<c>usage.completion_tokens_details.reasoning_tokens</c>); null when it does not.
        /// </summary>
        public long? ReasoningTokens { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            $"{PromptTokens} prompt + {CompletionTokens} completion = {TotalTokens} tokens" + (ReasoningTokens is long reasoning && reasoning > 0 ? $" ({reasoning} reasoning)" : string.Empty);
    }
}
