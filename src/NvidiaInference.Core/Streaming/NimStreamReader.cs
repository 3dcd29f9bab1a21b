using System;
using System.Collections.Generic;
using System.IO;
using System.Net.ServerSentEvents;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NvidiaInference
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
            var sink = new DecodeSink();

            // SseParser discards a final event that lacks its blank line (WHATWG); docs/responses.md (SSE framing) keeps it,
            // so the stream is given a blank line at its end. Lines and events are measured before SseParser buffers them.
            var limited = new EventSizeLimitStream(stream, decoder.MaxEventSize);
            // Each event's data is copied into one reused buffer and parsed from there: no string per event.
            SseParser<ArraySegment<byte>> parser = SseParser.Create(new FinalBlankLineStream(limited), new EventBuffer().Copy);
            using IEnumerator<SseItem<ArraySegment<byte>>> items = parser.Enumerate().GetEnumerator();
            bool sawEvent = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool more;
                try
                {
                    more = items.MoveNext();
                }
                catch (EventSizeExceededException)
                {
                    throw decoder.EventTooLarge();
                }
                catch (Exception e) when (e is InvalidDataException || e is InvalidOperationException)
                {
                    throw new NimProtocolException("The stream is not valid server-sent events: " + e.Message, null, e);
                }

                if (more)
                {
                    var data = new EventData(items.Current.Data);
                    sawEvent |= !data.IsBlank;
                    decoder.AcceptData(items.Current.EventType, data, sink);
                }
                else if (!sawEvent)
                {
                    // A body with no event at all is no answer, not an empty success.
                    throw new NimStreamTruncatedException(string.Empty, Array.Empty<ToolCall>());
                }
                else
                {
                    decoder.End(sink);
                }

                foreach (DecodedItem item in sink.Items)
                {
                    // A byte stream ends at its first failure: it is thrown here, after every result before it.
                    if (item.Failure is Exception failure)
                    {
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    yield return item.Result!;
                }

                sink.Clear();
                if (!more || decoder.SawDone)
                {
                    yield break;
                }
            }
        }

        /// <summary>Where SseParser hands each event's data: one buffer, reused (the decoder is done with it before the next event).</summary>
        private sealed class EventBuffer
        {
            private byte[] _bytes = new byte[4096];

            public ArraySegment<byte> Copy(string eventType, ReadOnlySpan<byte> data)
            {
                if (data.Length > _bytes.Length)
                {
                    _bytes = new byte[Math.Max(data.Length, _bytes.Length * 2)];
                }

                data.CopyTo(_bytes);
                return new ArraySegment<byte>(_bytes, 0, data.Length);
            }
        }
    }
}
