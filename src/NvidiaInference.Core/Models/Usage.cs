namespace NvidiaInference
{
    /// <summary>Token counts reported by the server.</summary>
    public sealed class Usage
    {
        /// <summary>Creates a usage record.</summary>
        public Usage(long promptTokens, long completionTokens, long totalTokens)
        {
            PromptTokens = promptTokens;
            CompletionTokens = completionTokens;
            TotalTokens = totalTokens;
        }

        /// <summary>Tokens in the prompt.</summary>
        public long PromptTokens { get; }

        /// <summary>Tokens generated.</summary>
        public long CompletionTokens { get; }

        /// <summary>Prompt plus completion tokens.</summary>
        public long TotalTokens { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{PromptTokens} prompt + {CompletionTokens} completion = {TotalTokens} tokens";
    }
}
