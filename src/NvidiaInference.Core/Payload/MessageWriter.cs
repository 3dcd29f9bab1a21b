using System;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Payload
{
    /// <summary>Writes one message in OpenAI's wire form (docs/requests.md, Messages).</summary>
    internal static class MessageWriter
    {
        public static void Write(Utf8JsonWriter writer, Message message, int index, ExtensionPlacement placement = ExtensionPlacement.Nvext)
        {
            if (message is null)
            {
                throw new NimInvalidRequestException($"messages[{index}]", $"Message {index} is null.");
            }

            writer.WriteStartObject();
            switch (message.Role)
            {
                case MessageRole.User:
                case MessageRole.System:
                    writer.WriteString("role", message.Role == MessageRole.User ? "user" : "system");
                    WriteContent(writer, message.Content ?? throw MissingContent(index), index);
                    break;
                case MessageRole.Assistant:
                    writer.WriteString("role", "assistant");
                    WriteContent(writer, message.Content ?? MessageContent.FromText(string.Empty), index);
                    if (message.ToolCalls.Count > 0)
                    {
                        // Thinking models lose the thread of a tool conversation unless the turn that called the tools
                        // carries its thinking back; other turns go without it (docs/reasoning.md, Conversations).
                        if (!string.IsNullOrEmpty(message.Reasoning) && placement != ExtensionPlacement.OpenAI)
                        {
                            writer.WriteString("reasoning_content", message.Reasoning);
                        }

                        WriteToolCalls(writer, message, index);
                    }

                    break;
                case MessageRole.Tool:
                    writer.WriteString("role", "tool");
                    if (string.IsNullOrEmpty(message.CallId))
                    {
                        throw new NimInvalidRequestException($"messages[{index}].call_id", $"Tool message {index} needs the call_id of the tool call it answers.");
                    }

                    writer.WriteString("tool_call_id", message.CallId);
                    WriteContent(writer, message.Content ?? throw MissingContent(index), index);
                    break;
                default:
                    throw new NimInvalidRequestException($"messages[{index}].role", $"Message {index} has the unknown role '{message.Role}'.");
            }

            writer.WriteEndObject();
        }

        private static NimInvalidRequestException MissingContent(int index) =>
            new NimInvalidRequestException($"messages[{index}].content", $"Message {index} has no content.");

        private static void WriteToolCalls(Utf8JsonWriter writer, Message message, int index)
        {
            writer.WritePropertyName("tool_calls");
            writer.WriteStartArray();
            for (int i = 0; i < message.ToolCalls.Count; i++)
            {
                ToolCall call = message.ToolCalls[i];
                if (string.IsNullOrEmpty(call.ToolName))
                {
                    throw new NimInvalidRequestException($"messages[{index}].tool_calls[{i}].tool_name", $"Tool call {i} of message {index} has no tool name.");
                }

                writer.WriteStartObject();
                writer.WriteString("id", call.CallId);
                writer.WriteString("type", "function");
                writer.WritePropertyName("function");
                writer.WriteStartObject();
                writer.WriteString("name", call.ToolName);

                // The server's own argument text goes back unchanged; arguments built locally are serialised compactly.
                writer.WriteString("arguments", string.IsNullOrEmpty(call.ArgumentsJson) ? PlainJson.Serialize(call.Arguments ?? new System.Collections.Generic.Dictionary<string, object?>()) : call.ArgumentsJson);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static void WriteContent(Utf8JsonWriter writer, MessageContent content, int index)
        {
            if (content.Text is not null)
            {
                writer.WriteString("content", content.Text);
                return;
            }

            writer.WritePropertyName("content");
            writer.WriteStartArray();
            foreach (ContentItem item in content.Items!)
            {
                writer.WriteStartObject();
                switch (item)
                {
                    case TextContentItem text:
                        writer.WriteString("type", "text");
                        writer.WriteString("text", text.Text);
                        break;
                    case ImageContentItem image:
                        writer.WriteString("type", "image_url");
                        writer.WritePropertyName("image_url");
                        writer.WriteStartObject();
                        writer.WriteString("url", image.Uri ?? ImageDataUri.Create(image.Data!, index));
                        writer.WriteEndObject();
                        break;
                    default:
                        throw new NimInvalidRequestException($"messages[{index}].content", $"Message {index} has content of the unknown kind {item?.GetType().Name ?? "null"}.");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }
}
