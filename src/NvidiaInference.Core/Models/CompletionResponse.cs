using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>A whole legacy text completion.</summary>
    public sealed class CompletionResponse
    {
        /// <summary>Creates a response.</summary>
        public CompletionResponse(string content, StopReason stopReason, IReadOnlyList<TokenLogprobs>? logprobs, Usage? usage, string? model, string? id)
        {
            Content = content;
            StopReason = stopReason;
            Logprobs = logprobs;
            Usage = usage;
            Model = model;
            Id = id;
        }

        /// <summary>The generated text.</summary>
        public string Content { get; }

        /// <summary>Why the model stopped.</summary>
        public StopReason StopReason { get; }

        /// <summary>Per-token log probabilities, when asked for.</summary>
        public IReadOnlyList<TokenLogprobs>? Logprobs { get; }

        /// <summary>Token counts, when the server sent them.</summary>
        public Usage? Usage { get; }

        /// <summary>The model that answered.</summary>
        public string? Model { get; }

        /// <summary>The server's id for the completion.</summary>
        public string? Id { get; }

        /// <summary>The content.</summary>
        public override string ToString() => Content;
    }

    /// <summary>One chunk of a streamed legacy text completion.</summary>
    public sealed class CompletionStreamChunk
    {
        /// <summary>Creates a chunk.</summary>
        public CompletionStreamChunk(string delta, StopReason? stopReason, IReadOnlyList<TokenLogprobs>? logprobs, Usage? usage)
        {
            Delta = delta;
            StopReason = stopReason;
            Logprobs = logprobs;
            Usage = usage;
        }

        /// <summary>The text of this chunk.</summary>
        public string Delta { get; }

        /// <summary>Set only on the chunk that finished the completion.</summary>
        public StopReason? StopReason { get; }

        /// <summary>Log probabilities of this chunk's tokens, when asked for.</summary>
        public IReadOnlyList<TokenLogprobs>? Logprobs { get; }

        /// <summary>Token counts, on the chunk that carried them.</summary>
        public Usage? Usage { get; }

        /// <summary>The text of this chunk.</summary>
        public override string ToString() => Delta;
    }
}
