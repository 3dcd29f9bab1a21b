using System;
using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>One message of a conversation.</summary>
    public sealed class Message
    {
        /// <summary>Creates a message.</summary>
        public Message(MessageRole role, MessageContent? content)
        {
            Role = role;
            Content = content;
        }

        /// <summary>Who wrote the message.</summary>
        public MessageRole Role { get; }

        /// <summary>The content; may be null for an assistant turn that only calls tools.</summary>
        public MessageContent? Content { get; }

        /// <summary>The tool calls of an assistant turn.</summary>
        public IReadOnlyList<ToolCall> ToolCalls { get; set; } = Array.Empty<ToolCall>();

        /// <summary>
        /// For an assistant turn: the model's thinking before it, or null. Sent back (as <c>reasoning_content</c>) only with
        /// a turn that holds tool calls, and never in the OpenAI placement (docs/reasoning.md, Conversations).
        /// </summary>
        public string? Reasoning { get; set; }

        /// <summary>For a tool message: the id of the call it answers.</summary>
        public string? CallId { get; set; }

        /// <summary>For a tool message: the name of the tool (informational; not sent).</summary>
        public string? ToolName { get; set; }

        /// <summary>A user turn.</summary>
        public static Message User(MessageContent content) => new Message(MessageRole.User, content);

        /// <summary>A system turn.</summary>
        public static Message System(MessageContent content) => new Message(MessageRole.System, content);

        /// <summary>An assistant turn, optionally with tool calls and the thinking that came before it.</summary>
        public static Message Assistant(MessageContent? content, IReadOnlyList<ToolCall>? toolCalls = null, string? reasoning = null) =>
            new Message(MessageRole.Assistant, content) { ToolCalls = toolCalls ?? Array.Empty<ToolCall>(), Reasoning = reasoning };

        /// <summary>A tool result answering the call <paramref name="callId"/>.</summary>
        public static Message ToolResult(string callId, MessageContent content, string? toolName = null) =>
            new Message(MessageRole.Tool, content) { CallId = callId, ToolName = toolName };

        /// <inheritdoc/>
        public override string ToString() => $"{Role}: {Content}";
    }
}
