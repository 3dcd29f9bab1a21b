using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// Reads a server-sent-event byte stream (an HTTP response body, or a saved .sse file) as a synchronous sequence
    /// of result objects, each yielded as soon as its event has arrived, in the manner of openai-dotnet's
    /// SseUpdateCollection. Reading stops at [DONE]. A failure (an error inside the stream, a truncated stream,
    /// data that is not a chunk) is thrown after every result before it has been yielded.
    /// </summary>
    public static class NimStreamReader
    {
        /// <summary>Reads every result of the stream, refusing events larger than <see cref="NimChunkDecoder.DefaultMaxEventSize"/>.</summary>
        public static IEnumerable<object> Read(Stream stream, bool toolCallProgress = false, CancellationToken cancellationToken = default) =>
            Read(stream, new NimChunkDecoder(toolCallProgress), cancellationToken);

        /// <summary>
        /// Reads every result of the stream through <paramref name="decoder"/>, which says whether tool-call fragments are
        /// given and how large an event may be (<see cref="NimChunkDecoder.MaxEventSize"/>): a larger line or event is
        /// never buffered, and ends the reading with <see cref="NimEventTooLargeException"/>.
        /// </summary>
        public static IEnumerable<object> Read(Stream stream, NimChunkDecoder decoder, CancellationToken cancellationToken = default)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            if (decoder is null)
            {
                throw new ArgumentNullException(nameof(decoder));
            }

            return ReadIterator(stream, decoder, cancellationToken);
        }

        /// <summary>
        /// Reads a chat completion stream as its events, typed: a whole chat completion in the stream is given as the
        /// events it stands for, and anything else (a text completion) is a <see cref="NimProtocolException"/>.
        /// </summary>
        public static IEnumerable<ChatCompletionEvent> ReadChat(Stream stream, NimChunkDecoder decoder, CancellationToken cancellationToken = default) =>
            StreamResults.Chat(Read(stream, decoder, cancellationToken));

        /// <summary>Reads a chat completion stream as its events, with the default decoder.</summary>
        public static IEnumerable<ChatCompletionEvent> ReadChat(Stream stream, CancellationToken cancellationToken = default) =>
            ReadChat(stream, new NimChunkDecoder(), cancellationToken);

        /// <summary>
        /// Reads a legacy text completion stream as its chunks, typed: a whole text completion is given as one chunk, and
        /// anything else (chat data) is a <see cref="NimProtocolException"/>.
        /// </summary>
        public static IEnumerable<CompletionStreamChunk> ReadCompletion(Stream stream, NimChunkDecoder decoder, CancellationToken cancellationToken = default) =>
            StreamResults.Completion(Read(stream, decoder, cancellationToken));

        private static IEnumerable<object> ReadIterator(Stream stream, NimChunkDecoder decoder, CancellationToken cancellationToken)
        {
            var reading = new Reading(stream, decoder);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                reading.Next();
                DecodeSink sink = reading.Sink;
                // Indexed, not foreach: the list is read through an interface, whose enumerator would be an allocation per event.
                for (int i = 0; i < sink.Count; i++)
                {
                    DecodedItem item = sink.Items[i];
                    // A byte stream ends at its first failure: it is thrown here, after every result before it.
                    if (item.Failure is Exception failure)
                    {
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    yield return item.Result!;
                }

                sink.Clear();
                if (reading.Finished || decoder.SawDone)
                {
                    yield break;
                }
            }
        }

        /// <summary>The state of one stream being read: the SSE reader over its bytes, and where the decoder puts what they give.</summary>
        private sealed class Reading
        {
            private readonly Stream _stream;
            private readonly NimChunkDecoder _decoder;
            private readonly SseReader _sse;
            private bool _sawEvent;
            private bool _ended;

            public Reading(Stream stream, NimChunkDecoder decoder)
            {
                _stream = stream;
                _decoder = decoder;
                _sse = new SseReader(decoder.MaxEventSize);
            }

            public DecodeSink Sink { get; } = new DecodeSink();

            /// <summary>True once the stream has ended and everything it gave has been decoded.</summary>
            public bool Finished { get; private set; }

            /// <summary>Reads and decodes until the sink holds something, or the stream is finished.</summary>
            [MethodImpl(HotPath.Optimized)]
            public void Next()
            {
                while (Sink.Count == 0 && !Finished)
                {
                    switch (_sse.Read())
                    {
                        case SseRecord.Event:
                            var data = new EventData(_sse.Data);
                            _sawEvent |= !data.IsBlank;
                            _decoder.AcceptData(_sse.EventType, data, Sink);
                            break;
                        case SseRecord.TooLarge:
                            throw _decoder.EventTooLarge();
                        case SseRecord.UnknownLine:
                            // SSE ignores a field it does not know.
                            break;
                        default:
                            if (!_ended)
                            {
                                if (_sse.ReadFrom(_stream) == 0)
                                {
                                    _sse.Complete();
                                    _ended = true;
                                }

                                break;
                            }

                            if (!_sawEvent)
                            {
                                // A body with no event at all is no answer, not an empty success.
                                throw new NimStreamTruncatedException(string.Empty, Array.Empty<ToolCall>());
                            }

                            _decoder.End(Sink);
                            Finished = true;
                            break;
                    }
                }
            }
        }
    }
}
