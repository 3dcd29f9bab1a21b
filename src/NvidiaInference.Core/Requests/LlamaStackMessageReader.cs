using System;
using System.Collections;
using System.Collections.Generic;
using NvidiaInference.Responses;

namespace NvidiaInference.Requests
{
    /// <summary>Reads one Llama Stack message (or a string, a <see cref="Message"/> or an earlier response) into a <see cref="Message"/>.</summary>
    public static class LlamaStackMessageReader
    {
        /// <summary>
        /// Reads a message: a string is a user turn; a <see cref="ChatCompletionResponse"/> is the assistant turn it
        /// holds; a dictionary is a Llama Stack message with a role.
        /// </summary>
        /// <exception cref="NimInvalidRequestException">The message is not valid; the field is named.</exception>
        public static Message Read(object? value, int index)
        {
            string field = $"messages[{index}]";
            switch (value)
            {
                case Message message:
                    return message;
                case string text:
                    return Message.User(text);
                case ChatCompletionResponse response:
                    return response.AssistantTurn();
                case IDictionary dictionary:
                    return ReadDictionary(dictionary, field, index);
                default:
                    throw new NimInvalidRequestException(field, $"Message {index} must be a string or an object with a role; it is {PlainValue.Describe(value)}.");
            }
        }

        private static Message ReadDictionary(IDictionary dictionary, string field, int index)
        {
            if (!PlainValue.TryGet(dictionary, "role", out object? roleValue))
            {
                throw new NimInvalidRequestException(field + ".role", $"Message {index} has no role; use user, system, assistant or tool.");
            }

            string role = PlainValue.AsString(roleValue, field + ".role");
            MessageContent? content = PlainValue.TryGet(dictionary, "content", out object? contentValue)
                ? ReadContent(contentValue, field + ".content", index)
                : null;
            switch (role.ToLowerInvariant())
            {
                case "user":
                    return Message.User(content ?? throw Missing(field + ".content", index));
                case "system":
                    return Message.System(content ?? throw Missing(field + ".content", index));
                case "assistant":
                    return Message.Assistant(content, ReadToolCalls(dictionary, field), ReadReasoning(dictionary, field));
                case "tool":
                case "ipython":
                    string callId = PlainValue.TryGet(dictionary, "call_id", out object? id) || PlainValue.TryGet(dictionary, "tool_call_id", out id)
                        ? PlainValue.AsString(id, field + ".call_id")
                        : throw new NimInvalidRequestException(field + ".call_id", $"Tool message {index} needs the call_id of the tool call it answers.");
                    string? toolName = PlainValue.TryGet(dictionary, "tool_name", out object? name) ? PlainValue.AsString(name, field + ".tool_name") : null;
                    return Message.ToolResult(callId, content ?? throw Missing(field + ".content", index), toolName);
                default:
                    throw new NimInvalidRequestException(field + ".role", $"Message {index} has the unknown role '{role}'; use user, system, assistant or tool.");
            }
        }

        /// <summary>An assistant turn's thinking: OpenAI-style reasoning_content or reasoning, or the module's own Reasoning (a saved Message).</summary>
        private static string? ReadReasoning(IDictionary message, string field)
        {
            foreach (string key in new[] { "reasoning_content", "reasoning" })
            {
                if (PlainValue.TryGet(message, key, out object? value) && value is not null)
                {
                    return PlainValue.AsString(value, $"{field}.{key}");
                }
            }

            return null;
        }

        private static NimInvalidRequestException Missing(string field, int index) =>
            new NimInvalidRequestException(field, $"Message {index} has no content.");

        private static IReadOnlyList<ToolCall> ReadToolCalls(IDictionary message, string field)
        {
            if (!PlainValue.TryGet(message, "tool_calls", out object? value))
            {
                return Array.Empty<ToolCall>();
            }

            IList<object?> list = PlainValue.AsList(value, field + ".tool_calls");
            var calls = new List<ToolCall>(list.Count);
            for (int i = 0; i < list.Count; i++)
            {
                string callField = $"{field}.tool_calls[{i}]";
                if (list[i] is ToolCall typed)
                {
                    calls.Add(typed);
                    continue;
                }

                IDictionary call = PlainValue.AsObject(list[i], callField);
                string callId = PlainValue.TryGet(call, "call_id", out object? id) ? PlainValue.AsString(id, callField + ".call_id") : string.Empty;
                if (!PlainValue.TryGet(call, "tool_name", out object? name))
                {
                    throw new NimInvalidRequestException(callField + ".tool_name", $"Tool call {i} has no tool_name.");
                }

                string toolName = PlainValue.AsString(name, callField + ".tool_name");
                calls.Add(ReadArguments(call, callId, toolName, callField));
            }

            return calls;
        }

        private static ToolCall ReadArguments(IDictionary call, string callId, string toolName, string field)
        {
            if (PlainValue.TryGet(call, "arguments_json", out object? raw))
            {
                return ToolCallParser.Parse(callId, toolName, PlainValue.AsString(raw, field + ".arguments_json"));
            }

            if (!PlainValue.TryGet(call, "arguments", out object? arguments))
            {
                return ToolCallParser.Parse(callId, toolName, "{}");
            }

            if (arguments is string text)
            {
                return ToolCallParser.Parse(callId, toolName, text);
            }

            IDictionary dictionary = PlainValue.AsObject(arguments, field + ".arguments");
            return ToolCallParser.Parse(callId, toolName, PlainValue.ToJson(dictionary, field + ".arguments"));
        }

        /// <summary>Reads message content: a string, one item, or a list of items.</summary>
        internal static MessageContent ReadContent(object? value, string field, int index)
        {
            switch (value)
            {
                case string text:
                    return MessageContent.FromText(text);
                case IDictionary item:
                    return MessageContent.FromItems(new[] { ReadContentItem(item, field, index) });
                case IEnumerable items:
                    var list = new List<ContentItem>();
                    int i = 0;
                    foreach (object? item in items)
                    {
                        list.Add(item switch
                        {
                            string text => new TextContentItem(text),
                            IDictionary dictionary => ReadContentItem(dictionary, $"{field}[{i}]", index),
                            _ => throw new NimInvalidRequestException($"{field}[{i}]", $"Content item {i} of message {index} must be text or an object with a type; it is {PlainValue.Describe(item)}."),
                        });
                        i++;
                    }

                    return MessageContent.FromItems(list);
                default:
                    throw new NimInvalidRequestException(field, $"The content of message {index} must be text, an item or a list of items; it is {PlainValue.Describe(value)}.");
            }
        }

        internal static ContentItem ReadContentItem(IDictionary item, string field, int index)
        {
            string type = PlainValue.TryGet(item, "type", out object? typeValue) ? PlainValue.AsString(typeValue, field + ".type") : "text";
            switch (type)
            {
                case "text":
                    return new TextContentItem(PlainValue.TryGet(item, "text", out object? text)
                        ? PlainValue.AsString(text, field + ".text")
                        : throw new NimInvalidRequestException(field + ".text", $"A text item in message {index} has no text."));
                case "image":
                    return ReadImage(PlainValue.TryGet(item, "image", out object? image) ? PlainValue.AsObject(image, field + ".image") : item, field + ".image", index);
                case "image_url":
                    IDictionary imageUrl = PlainValue.AsObject(PlainValue.TryGet(item, "image_url", out object? urlObject) ? urlObject : null, field + ".image_url");
                    return ImageContentItem.FromUri(PlainValue.AsString(PlainValue.TryGet(imageUrl, "url", out object? url) ? url : null, field + ".image_url.url"));
                default:
                    throw new NimInvalidRequestException(field + ".type", $"Content item type '{type}' in message {index} is not text or image.");
            }
        }

        private static ImageContentItem ReadImage(IDictionary image, string field, int index)
        {
            if (PlainValue.TryGet(image, "url", out object? url))
            {
                object? uri = url is IDictionary wrapper && PlainValue.TryGet(wrapper, "uri", out object? inner) ? inner : url;
                return ImageContentItem.FromUri(PlainValue.AsString(uri, field + ".url.uri"));
            }

            if (PlainValue.TryGet(image, "data", out object? data))
            {
                if (data is byte[] bytes)
                {
                    return ImageContentItem.FromData(bytes);
                }

                try
                {
                    return ImageContentItem.FromData(Convert.FromBase64String(PlainValue.AsString(data, field + ".data")));
                }
                catch (FormatException)
                {
                    throw new NimInvalidRequestException(field + ".data", $"The image data in message {index} is not valid base64.");
                }
            }

            throw new NimInvalidRequestException(field, $"An image in message {index} needs url.uri or data.");
        }
    }
}
