using System.Collections.Generic;

namespace NvidiaInference.Requests
{
    /// <summary>A Llama Stack request document read into a typed request: a chat request or a completion request.</summary>
    public sealed class RequestDocument
    {
        internal RequestDocument(ChatCompletionRequest? chat, CompletionRequest? completion, IReadOnlyList<string> warnings)
        {
            Chat = chat;
            Completion = completion;
            Warnings = warnings;
        }

        /// <summary>The chat request, when the document has messages.</summary>
        public ChatCompletionRequest? Chat { get; }

        /// <summary>The completion request, when the document has content instead of messages.</summary>
        public CompletionRequest? Completion { get; }

        /// <summary>Things in the document that were ignored, such as unknown fields.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
