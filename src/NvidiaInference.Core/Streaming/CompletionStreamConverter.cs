using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Responses;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// Turns the chunks of one legacy completion stream into <see cref="CompletionStreamChunk"/>s: one per chunk, the
    /// stop reason only on the chunk whose finish_reason is set (docs/responses.md, Completion streams).
    /// </summary>
    internal sealed class CompletionStreamConverter
    {
        private readonly StringBuilder _content = new StringBuilder();
        private bool _sawFinishReason;

        public bool Completed { get; private set; }

        public void Process(JsonElement chunk, EventData payload, DecodeSink sink)
        {
            if (ServerErrorReader.IsErrorObject(chunk))
            {
                string quoted = payload.ToString();
                throw Fail(ServerErrorReader.TryRead(chunk, out ServerError? read) && read is not null ? read : new ServerError(quoted, null, null, null), quoted);
            }

            Usage? usage = UsageReader.Read(chunk);
            if (!chunk.TryGet("choices", out JsonElement choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                if (usage is null)
                {
                    throw new NimProtocolException("The data is not a text completion chunk: it has no choices.", payload.ToString());
                }

                sink.Add(new CompletionStreamChunk(string.Empty, null, null, usage));
                return;
            }

            JsonElement choice = choices[0];
            string text = choice.GetStringOrNull("text") ?? string.Empty;
            _content.Append(text);
            string? finishReason = choice.GetStringOrNull("finish_reason");
            StopReason? stopReason = finishReason is null ? (StopReason?)null : StopReasons.FromFinishReason(finishReason);
            _sawFinishReason |= finishReason is not null;
            sink.Add(new CompletionStreamChunk(text, stopReason, LogprobsReader.ReadCompletion(choice), usage));
        }

        /// <summary>Ends the stream with the server's error, carrying the text received so far.</summary>
        public NimStreamErrorException Fail(ServerError error, string payload)
        {
            Completed = true;
            return new NimStreamErrorException(error, payload, _content.ToString(), new List<ToolCall>());
        }

        /// <exception cref="NimStreamTruncatedException">The input ended with neither [DONE] nor a finish reason.</exception>
        public void Complete(bool sawDone)
        {
            if (Completed)
            {
                return;
            }

            Completed = true;
            if (!sawDone && !_sawFinishReason)
            {
                throw new NimStreamTruncatedException(_content.ToString(), new List<ToolCall>());
            }
        }
    }
}
