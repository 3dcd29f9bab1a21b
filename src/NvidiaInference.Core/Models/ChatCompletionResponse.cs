using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>A whole chat completion.</summary>
    public sealed class ChatCompletionResponse
    {
        /// <summary>Creates a response.</summary>
        public ChatCompletionResponse(string content, StopReason stopReason, IReadOnlyList<ToolCall> toolCalls,
            IReadOnlyList<TokenLogprobs>? logprobs, Usage? usage, string? model, string? id)
        {
            Content = content;
            StopReason = stopReason;
            ToolCalls = toolCalls;
            Logprobs = logprobs;
            Usage = usage;
            Model = model;
            Id = id;
        }

        /// <summary>The text the model wrote ("" when it only called tools).</summary>
        public string Content { get; }

        /// <summary>Why the model stopped.</summary>
        public StopReason StopReason { get; }

        /// <summary>The tools the model called, in order.</summary>
        public IReadOnlyList<ToolCall> ToolCalls { get; }

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
}
