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
    /// data that is not a chunk) is thrown after every result before it has been yielded. Each sequence reads its stream
    /// as it goes, so it can be enumerated once.
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

            return new DecodedStream(stream, decoder, cancellationToken);
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
    }
}
