using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Payload;

namespace NvidiaInference.Requests
{
    /// <summary>
    /// A conversation saved as JSON and read back as the same messages: each message in Llama Stack's shape (role,
    /// content as text or a list of text and image_url items, tool_calls with call_id, tool_name and arguments_json,
    /// call_id and tool_name of a tool result) plus the turn's reasoning, so nothing a <see cref="Message"/> holds is lost.
    /// </summary>
    public static class ConversationFile
    {
        /// <summary>The messages as indented JSON text.</summary>
        public static string Write(IEnumerable<Message> messages)
        {
            if (messages is null)
            {
                throw new ArgumentNullException(nameof(messages));
            }

            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartArray();
                int index = 0;
                foreach (Message message in messages)
                {
                    WriteMessage(writer, message, index++);
                }

                writer.WriteEndArray();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Reads messages written by <see cref="Write"/> (or any list of Llama Stack messages).</summary>
        /// <exception cref="NimInvalidRequestException">The text is not a list of messages; the field at fault is named.</exception>
        public static IReadOnlyList<Message> Read(string json)
        {
            object? parsed;
            try
            {
                parsed = PlainJson.Parse(json ?? throw new ArgumentNullException(nameof(json)));
            }
            catch (FormatException e)
            {
                throw new NimInvalidRequestException("messages", "The conversation is not valid JSON: " + e.Message);
            }

            if (parsed is not IList list || parsed is IDictionary)
            {
                throw new NimInvalidRequestException("messages", "A saved conversation is a JSON list of messages.");
            }

            var messages = new List<Message>(list.Count);
            foreach (object? item in list)
            {
                messages.Add(LlamaStackMessageReader.Read(item, messages.Count));
            }

            return messages;
        }

        private static void WriteMessage(Utf8JsonWriter writer, Message message, int index)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role.ToString().ToLowerInvariant());
            if (message.Content is MessageContent content)
            {
                writer.WritePropertyName("content");
                WriteContent(writer, content, index);
            }

            if (message.Reasoning is string reasoning)
            {
                writer.WriteString("reasoning", reasoning);
            }

            if (message.ToolCalls.Count > 0)
            {
                writer.WritePropertyName("tool_calls");
                writer.WriteStartArray();
                foreach (ToolCall call in message.ToolCalls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("call_id", call.CallId);
                    writer.WriteString("tool_name", call.ToolName);
                    writer.WriteString("arguments_json", string.IsNullOrEmpty(call.ArgumentsJson) ? PlainJson.Serialize(call.Arguments ?? new Dictionary<string, object?>()) : call.ArgumentsJson);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (message.CallId is string callId)
            {
                writer.WriteString("call_id", callId);
            }

            if (message.ToolName is string toolName)
            {
                writer.WriteString("tool_name", toolName);
            }

            writer.WriteEndObject();
        }

        private static void WriteContent(Utf8JsonWriter writer, MessageContent content, int index)
        {
            if (content.Text is string text)
            {
                writer.WriteStringValue(text);
                return;
            }

            writer.WriteStartArray();
            foreach (ContentItem item in content.Items!)
            {
                writer.WriteStartObject();
                if (item is ImageContentItem image)
                {
                    writer.WriteString("type", "image_url");
                    writer.WritePropertyName("image_url");
                    writer.WriteStartObject();
                    writer.WriteString("url", image.Uri ?? ImageDataUri.Create(image.Data!, index));
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteString("type", "text");
                    writer.WriteString("text", item.ToString());
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }
}
