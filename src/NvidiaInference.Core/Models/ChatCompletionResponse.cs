using System.Collections.Generic;
using System.Linq;

namespace NvidiaInference
{
    /// <summary>A whole chat completion.</summary>
    public sealed class ChatCompletionResponse
    {
        /// <summary>Creates a response.</summary>
        public ChatCompletionResponse(string content, StopReason? stopReason, IReadOnlyList<ToolCall> toolCalls,
            IReadOnlyList<TokenLogprobs>? logprobs, Usage? usage, string? model, string? id, string? reasoning = null)
        {
            Content = content;
            Reasoning = string.IsNullOrEmpty(reasoning) ? null : reasoning;
            StopReason = stopReason;
            ToolCalls = toolCalls;
            Logprobs = logprobs;
            Usage = usage;
            Model = model;
            Id = id;
            Conversation = new[] { AssistantTurn() };
        }

        /// <summary>The answer the model wrote ("" when it only called tools, or ran out of tokens while thinking).</summary>
        public string Content { get; }

        /// <summary>
        /// The model's thinking, as one string (from <c>reasoning_content</c>, <c>reasoning</c>, or think tags at the start
        /// of the content), or null when there was none (docs/reasoning.md).
        /// </summary>
        public string? Reasoning { get; }

        /// <summary>Why the model stopped; null when a stream ended without saying why.</summary>
        public StopReason? StopReason { get; }

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

        /// <summary>
        /// The conversation that produced this response, followed by this response's own assistant turn: pipe the
        /// response to Invoke-NvChatCompletion (or pass it to -Conversation) to continue it.
        /// </summary>
        public IReadOnlyList<Message> Conversation { get; private set; }

        /// <summary>With a JSON schema, the content parsed into plain values (dictionaries, lists, scalars); otherwise null.</summary>
        public object? Json { get; internal set; }

        /// <summary>This response as an assistant message, with its tool calls and its thinking.</summary>
        public Message AssistantTurn() => Message.Assistant(Content, ToolCalls, Reasoning);

        /// <summary>Records the messages that were sent to produce this response.</summary>
        public void SetHistory(IEnumerable<Message> history) =>
            Conversation = (history ?? Enumerable.Empty<Message>()).Concat(new[] { AssistantTurn() }).ToArray();

        /// <summary>The content.</summary>
        public override string ToString() => Content;
    }
}
