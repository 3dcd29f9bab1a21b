using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NvidiaInference.Reasoning;

namespace NvidiaInference.Streaming
{
    /// <summary>What a common chat chunk says, as <see cref="ChatChunkScanner"/> read it.</summary>
    internal struct ScannedChatChunk
    {
        /// <summary>The chunk's model, when it was asked for and the chunk names one.</summary>
        public string? Model;

        /// <summary>The chunk's id, when it was asked for and the chunk has one.</summary>
        public string? Id;

        /// <summary>True when the chunk has its one choice (a usage-only chunk has an empty list).</summary>
        public bool HasChoice;

        /// <summary>The answer's text in the delta, or null.</summary>
        public string? Content;

        /// <summary>The thinking in the delta, by the rule of <see cref="ReasoningFields"/>, or null.</summary>
        public string? Reasoning;

        /// <summary>The choice's finish reason, or null.</summary>
        public string? FinishReason;
    }

    /// <summary>
    /// The fast path of a chat stream (docs/responses.md, Streams): the shapes nearly every chunk has (a piece of text or
    /// thinking, a finish reason) read in one forward pass of <see cref="Utf8JsonReader"/>, with no document built.
    /// Anything else (tool calls, logprobs, usage, errors, a value of an unexpected kind, a member twice, more than one
    /// choice, JSON that does not parse) makes <see cref="TryScan"/> return false, and the chunk is read by the
    /// document-based path, which knows every tolerance. The two must give the same events: a differential test runs
    /// both over every fixture, recording and fuzz case.
    /// </summary>
    internal static class ChatChunkScanner
    {
        [Flags]
        private enum Seen
        {
            None = 0,
            Id = 1,
            Object = 2,
            Model = 4,
            Choices = 8,
            Usage = 16,
            Index = 32,
            Delta = 64,
            Logprobs = 128,
            FinishReason = 256,
            Content = 512,
            ReasoningContent = 1024,
            Reasoning = 2048,
            ToolCalls = 4096,
        }

        /// <summary>Reads a chunk of the common shapes; false when the document-based path must read it.</summary>
        /// <param name="json">The event's data.</param>
        /// <param name="wantModel">Make the model's string (only the first chunk of a stream needs it).</param>
        /// <param name="wantId">Make the id's string.</param>
        /// <param name="chunk">What the chunk says.</param>
        [MethodImpl(HotPath.Optimized)]
        public static bool TryScan(ReadOnlySpan<byte> json, bool wantModel, bool wantId, out ScannedChatChunk chunk)
        {
            chunk = default;
            try
            {
                var reader = new Utf8JsonReader(json);
                return ScanRoot(ref reader, wantModel, wantId, ref chunk) && !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-8: the document path reads it as text always was.
                return false;
            }
        }

        [MethodImpl(HotPath.Optimized)]
        private static bool ScanRoot(ref Utf8JsonReader reader, bool wantModel, bool wantId, ref ScannedChatChunk chunk)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            Seen seen = Seen.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    // The document path reads an escaped name as the name it stands for.
                    return false;
                }

                ReadOnlySpan<byte> name = reader.ValueSpan;
                if (name.SequenceEqual("choices"u8))
                {
                    if (!First(ref seen, Seen.Choices) || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        chunk.HasChoice = true;
                        if (!ScanChoice(ref reader, ref chunk))
                        {
                            return false;
                        }

                        reader.Read();
                    }

                    if (reader.TokenType != JsonTokenType.EndArray)
                    {
                        // More than one choice, or one that is no object.
                        return false;
                    }
                }
                else if (name.SequenceEqual("object"u8))
                {
                    if (!First(ref seen, Seen.Object) || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("chat.completion.chunk"u8))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("model"u8))
                {
                    if (!First(ref seen, Seen.Model) || !ReadText(ref reader, wantModel, out chunk.Model))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("id"u8))
                {
                    if (!First(ref seen, Seen.Id) || !ReadText(ref reader, wantId, out chunk.Id))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("usage"u8))
                {
                    if (!First(ref seen, Seen.Usage) || !ReadNull(ref reader))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("error"u8))
                {
                    return false;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // Only a chunk that says what it is, with its list of choices, is read here.
            return reader.TokenType == JsonTokenType.EndObject && (seen & (Seen.Object | Seen.Choices)) == (Seen.Object | Seen.Choices);
        }

        [MethodImpl(HotPath.Optimized)]
        private static bool ScanChoice(ref Utf8JsonReader reader, ref ScannedChatChunk chunk)
        {
            Seen seen = Seen.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    return false;
                }

                ReadOnlySpan<byte> name = reader.ValueSpan;
                if (name.SequenceEqual("delta"u8))
                {
                    if (!First(ref seen, Seen.Delta) || !reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (!ScanDelta(ref reader, ref chunk))
                        {
                            return false;
                        }
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("finish_reason"u8))
                {
                    if (!First(ref seen, Seen.FinishReason) || !ReadText(ref reader, true, out chunk.FinishReason))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("index"u8))
                {
                    // Only the first choice is followed; a missing or null index counts as it.
                    if (!First(ref seen, Seen.Index) || !reader.Read()
                        || !(reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int index) && index == 0)))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("logprobs"u8))
                {
                    if (!First(ref seen, Seen.Logprobs) || !ReadNull(ref reader))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject;
        }

        [MethodImpl(HotPath.Optimized)]
        private static bool ScanDelta(ref Utf8JsonReader reader, ref ScannedChatChunk chunk)
        {
            Seen seen = Seen.None;
            string? reasoningContent = null;
            string? reasoning = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    return false;
                }

                ReadOnlySpan<byte> name = reader.ValueSpan;
                if (name.SequenceEqual("content"u8))
                {
                    if (!First(ref seen, Seen.Content) || !ReadText(ref reader, true, out chunk.Content))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("reasoning_content"u8))
                {
                    if (!First(ref seen, Seen.ReasoningContent) || !ReadText(ref reader, true, out reasoningContent))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("reasoning"u8))
                {
                    if (!First(ref seen, Seen.Reasoning) || !ReadText(ref reader, true, out reasoning))
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("tool_calls"u8))
                {
                    if (!First(ref seen, Seen.ToolCalls) || !ReadNull(ref reader))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            chunk.Reasoning = ReasoningFields.Choose(reasoningContent, reasoning);
            return reader.TokenType == JsonTokenType.EndObject;
        }

        /// <summary>Marks a member as read; false when it was read before (the document path decides which of two counts).</summary>
        private static bool First(ref Seen seen, Seen member)
        {
            if ((seen & member) != 0)
            {
                return false;
            }

            seen |= member;
            return true;
        }

        /// <summary>Reads a string or null value; false for any other kind (a number read as text is the document path's).</summary>
        [MethodImpl(HotPath.Optimized)]
        private static bool ReadText(ref Utf8JsonReader reader, bool want, out string? text)
        {
            text = null;
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                text = want ? reader.GetString() : null;
                return true;
            }

            return reader.TokenType == JsonTokenType.Null;
        }

        private static bool ReadNull(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.Null;
    }
}
