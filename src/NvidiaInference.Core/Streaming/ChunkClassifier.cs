using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Streaming
{
    /// <summary>What a JSON document from a server or a transcript is.</summary>
    internal enum ChunkKind
    {
        Unknown,
        ChatChunk,
        ChatResponse,
        CompletionChunk,
        CompletionResponse,
    }

    /// <summary>
    /// Tells a chat chunk, a chat completion, a text completion chunk and a whole text completion apart: by their
    /// <c>object</c> field, else by the shape of their first choice. Outside SSE, a text_completion is a chunk when a
    /// completion stream is open or its choice has not finished, and a whole response otherwise; a usage-only chunk
    /// belongs to whichever stream is open.
    /// </summary>
    internal static class ChunkClassifier
    {
        public static ChunkKind Classify(JsonElement root, bool fromSse, bool completionStreamOpen)
        {
            // Compared as UTF-8, so no string is made per chunk; only a string can equal these values.
            if (root.TryGet("object"u8, out JsonElement type) && type.ValueKind == JsonValueKind.String)
            {
                if (type.ValueEquals("chat.completion.chunk"u8))
                {
                    return ChunkKind.ChatChunk;
                }

                if (type.ValueEquals("chat.completion"u8))
                {
                    return ChunkKind.ChatResponse;
                }

                if (type.ValueEquals("text_completion"u8))
                {
                    return CompletionKind(root, fromSse, completionStreamOpen);
                }
            }

            if (root.TryGet("choices", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                JsonElement first = choices[0];
                if (first.TryGet("delta", out _))
                {
                    return ChunkKind.ChatChunk;
                }

                if (first.TryGet("message", out _))
                {
                    return ChunkKind.ChatResponse;
                }

                if (first.TryGet("text", out _))
                {
                    return CompletionKind(root, fromSse, completionStreamOpen);
                }
            }
            else if (root.TryGet("usage", out _))
            {
                return completionStreamOpen ? ChunkKind.CompletionChunk : ChunkKind.ChatChunk;
            }

            return ChunkKind.Unknown;
        }

        private static ChunkKind CompletionKind(JsonElement root, bool fromSse, bool completionStreamOpen) =>
            fromSse || completionStreamOpen
                || (root.TryGet("choices", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                    && choices[0].GetStringOrNull("finish_reason") is null)
                ? ChunkKind.CompletionChunk
                : ChunkKind.CompletionResponse;
    }
}
