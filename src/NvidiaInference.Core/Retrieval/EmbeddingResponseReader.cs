using System;
using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace NvidiaInference.Retrieval
{
    /// <summary>
    /// Reads an embedding response (<c>{"data":[{"index":0,"embedding":[...]},...],"model":...}</c>) straight from its
    /// UTF-8 bytes: each number goes from the reader into the vector, and a base64 vector is decoded from the bytes into
    /// the vector's own memory, as little-endian float32. The data may come in any order; it is placed by <c>index</c>.
    /// </summary>
    public static class EmbeddingResponseReader
    {
        private const int MaxShownPayload = 200;

        /// <summary>Reads the vectors of a request that held <paramref name="expectedCount"/> texts.</summary>
        /// <exception cref="NimProtocolException">Not an embedding response, or not one vector for each text.</exception>
        public static EmbeddingResponse Read(ReadOnlySpan<byte> utf8Json, int expectedCount)
        {
            var vectors = new float[expectedCount][];
            string model = string.Empty;
            bool sawData = false;
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Invalid("The answer is not a JSON object.", utf8Json);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("data"))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw Invalid("The answer's data is not a list.", utf8Json);
                        }

                        ReadData(ref reader, vectors, utf8Json);
                        sawData = true;
                    }
                    else if (reader.ValueTextEquals("model"))
                    {
                        reader.Read();
                        model = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : model;
                        reader.Skip();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            catch (JsonException e)
            {
                throw new NimProtocolException($"The embedding answer is not valid JSON: {e.Message}", Shown(utf8Json), e);
            }

            if (!sawData)
            {
                throw Invalid("The answer has no data list: it is not an embedding response.", utf8Json);
            }

            for (int i = 0; i < vectors.Length; i++)
            {
                if (vectors[i] is null)
                {
                    throw Invalid($"The server sent no vector for the text at position {i} of {expectedCount}.", utf8Json);
                }
            }

            return new EmbeddingResponse(model, vectors);
        }

        private static void ReadData(ref Utf8JsonReader reader, float[][] vectors, ReadOnlySpan<byte> utf8Json)
        {
            float[] scratch = Array.Empty<float>();
            int position = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                int index = position;
                float[]? vector = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("index"))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out index))
                        {
                            throw Invalid($"The index of data item {position} is not a whole number.", utf8Json);
                        }
                    }
                    else if (reader.ValueTextEquals("embedding"))
                    {
                        reader.Read();
                        vector = reader.TokenType switch
                        {
                            JsonTokenType.StartArray => ReadNumbers(ref reader, ref scratch, position, utf8Json),
                            JsonTokenType.String => ReadBase64(ref reader, position, utf8Json),
                            _ => throw Invalid($"The embedding of data item {position} is neither a list of numbers nor base64 text.", utf8Json),
                        };
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (vector is null)
                {
                    throw Invalid($"Data item {position} has no embedding.", utf8Json);
                }

                if (index < 0 || index >= vectors.Length)
                {
                    throw Invalid($"Data item {position} has the index {index}, but the request held {vectors.Length} text(s).", utf8Json);
                }

                if (vectors[index] is not null)
                {
                    throw Invalid($"The server sent two vectors for the index {index}.", utf8Json);
                }

                vectors[index] = vector;
                position++;
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw Invalid($"Data item {position} is not an object.", utf8Json);
            }
        }

        /// <summary>A JSON array of numbers, read into a reused buffer and copied once into a vector of the exact length.</summary>
        private static float[] ReadNumbers(ref Utf8JsonReader reader, ref float[] scratch, int position, ReadOnlySpan<byte> utf8Json)
        {
            int count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out float value))
                {
                    throw Invalid($"The embedding of data item {position} holds something other than a number at position {count}.", utf8Json);
                }

                if (count == scratch.Length)
                {
                    Array.Resize(ref scratch, Math.Max(1024, scratch.Length * 2));
                }

                scratch[count++] = value;
            }

            var vector = new float[count];
            Array.Copy(scratch, vector, count);
            return vector;
        }

        /// <summary>Base64 of little-endian float32, decoded from the JSON bytes into the vector's memory.</summary>
        private static float[] ReadBase64(ref Utf8JsonReader reader, int position, ReadOnlySpan<byte> utf8Json)
        {
            // An escaped string (a JSON writer may write '+' or '/' as \u002B or \/) is unescaped by the reader's own decoder.
            byte[]? unescaped = reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length % 4 != 0 ? Unescaped(ref reader, position, utf8Json) : null;
            ReadOnlySpan<byte> text = reader.ValueSpan;
            int byteCount = unescaped?.Length ?? (text.Length / 4 * 3) - Padding(text);
            if (byteCount % sizeof(float) != 0)
            {
                throw Invalid($"The base64 embedding of data item {position} decodes to {byteCount} bytes, which is not a whole number of float32 values.", utf8Json);
            }

            var vector = new float[byteCount / sizeof(float)];
            Span<byte> destination = MemoryMarshal.AsBytes(vector.AsSpan());
            if (unescaped is not null)
            {
                unescaped.AsSpan().CopyTo(destination);
            }
            else if (Base64.DecodeFromUtf8(text, destination, out _, out int written) != OperationStatus.Done || written != byteCount)
            {
                throw Invalid($"The embedding of data item {position} is not valid base64.", utf8Json);
            }

            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < destination.Length; i += sizeof(float))
                {
                    destination.Slice(i, sizeof(float)).Reverse();
                }
            }

            return vector;
        }

        /// <summary>The number of '=' at the end of base64 text (0, 1 or 2).</summary>
        private static int Padding(ReadOnlySpan<byte> text)
        {
            int padding = 0;
            while (padding < 2 && padding < text.Length && text[text.Length - 1 - padding] == (byte)'=')
            {
                padding++;
            }

            return padding;
        }

        private static byte[] Unescaped(ref Utf8JsonReader reader, int position, ReadOnlySpan<byte> utf8Json)
        {
            string text = reader.GetString() ?? string.Empty;
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException e)
            {
                throw new NimProtocolException($"The embedding of data item {position} is not valid base64.", Shown(utf8Json), e);
            }
        }

        private static NimProtocolException Invalid(string message, ReadOnlySpan<byte> utf8Json) => new NimProtocolException(message, Shown(utf8Json));

        private static string Shown(ReadOnlySpan<byte> utf8Json)
        {
            int length = Math.Min(utf8Json.Length, MaxShownPayload);
            return Encoding.UTF8.GetString(utf8Json.Slice(0, length).ToArray());
        }
    }
}
