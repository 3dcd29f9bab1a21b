using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>One event of a streamed chat completion: Start, then Progress events, then Complete.</summary>
    public sealed class ChatCompletionEvent
    {
        /// <summary>Creates an event.</summary>
        public ChatCompletionEvent(ChatCompletionEventType eventType, ChatCompletionDelta delta, StopReason? stopReason = null,
            IReadOnlyList<TokenLogprobs>? logprobs = null, Usage? usage = null)
        {
            EventType = eventType;
            Delta = delta;
            StopReason = stopReason;
            Logprobs = logprobs;
            Usage = usage;
        }

        /// <summary>Start, Progress or Complete.</summary>
        public ChatCompletionEventType EventType { get; }

        /// <summary>The text, thinking or tool call this event carries.</summary>
        public ChatCompletionDelta Delta { get; }

        /// <summary>On Complete, why the model stopped; otherwise null.</summary>
        public StopReason? StopReason { get; }

        /// <summary>Log probabilities of the tokens of this event, when asked for.</summary>
        public IReadOnlyList<TokenLogprobs>? Logprobs { get; }

        /// <summary>On Complete, the last token counts the server sent.</summary>
        public Usage? Usage { get; }

        /// <summary>On Complete, the whole answer assembled from the stream (content, reasoning, tool calls, logprobs, usage, conversation); otherwise null.</summary>
        public ChatCompletionResponse? Response { get; internal set; }

        /// <summary>The event's text (answer or thinking), or its tool call as <c>name(arguments)</c>.</summary>
        public override string ToString() => Delta.ToString();
    }

    /// <summary>The payload of a stream event: a piece of the answer, a piece of the thinking, or a tool call.</summary>
    public sealed class ChatCompletionDelta
    {
        private ChatCompletionDelta(DeltaType type, string text, ToolCall? toolCall, ToolCallParseStatus? parseStatus)
        {
            Type = type;
            Text = text;
            ToolCall = toolCall;
            ParseStatus = parseStatus;
        }

        /// <summary>Text, Reasoning or ToolCall.</summary>
        public DeltaType Type { get; }

        /// <summary>
        /// The text of a Text or Reasoning delta; for a ToolCall delta, the argument fragment (Started, InProgress) or the raw
        /// argument text (Failed, Succeeded).
        /// </summary>
        public string Text { get; }

        /// <summary>
        /// The tool call of a ToolCall delta: on Succeeded and Failed the whole call; on Started and InProgress its id and
        /// name with only this fragment as its argument text.
        /// </summary>
        public ToolCall? ToolCall { get; }

        /// <summary>For a ToolCall delta, how far the call has been parsed.</summary>
        public ToolCallParseStatus? ParseStatus { get; }

        /// <summary>A text delta.</summary>
        public static ChatCompletionDelta ForText(string text) => new ChatCompletionDelta(DeltaType.Text, text, null, null);

        /// <summary>A piece of the model's thinking.</summary>
        public static ChatCompletionDelta ForReasoning(string text) => new ChatCompletionDelta(DeltaType.Reasoning, text, null, null);

        /// <summary>A tool-call delta.</summary>
        public static ChatCompletionDelta ForToolCall(ToolCall toolCall, ToolCallParseStatus status, string text) =>
            new ChatCompletionDelta(DeltaType.ToolCall, text, toolCall, status);

        /// <inheritdoc/>
        public override string ToString() => Type == DeltaType.ToolCall ? ToolCall?.ToString() ?? Text : Text;
    }
}
