using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using NvidiaInference.Http;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>NimStreamReader's own contract: lazy, stops reading at [DONE], cancellable.</summary>
    public class NimStreamReaderTests
    {
        [Fact]
        public void Reading_stops_at_DONE_without_touching_what_follows()
        {
            byte[] transcript = Encoding.UTF8.GetBytes(Sse.Text("a", "stop") + Sse.Done);
            using var stream = new FailAfterStream(transcript);

            var events = NimStreamReader.ReadChat(stream).ToList();

            Assert.Equal(ChatCompletionEventType.Complete, events.Last().EventType);
        }

        [Fact]
        public void A_text_completion_stream_stops_at_DONE_too_though_DONE_gives_no_chunk()
        {
            byte[] transcript = Encoding.UTF8.GetBytes("data: {\"object\":\"text_completion\",\"choices\":[{\"text\":\"a\",\"finish_reason\":\"stop\"}]}\n\n" + Sse.Done);
            using var stream = new FailAfterStream(transcript);

            var chunks = NimStreamReader.ReadCompletion(stream, new NimChunkDecoder()).ToList();

            Assert.Equal("a", Assert.Single(chunks).Delta);
        }

        [Fact]
        public void Results_are_yielded_before_the_stream_ends()
        {
            byte[] transcript = Encoding.UTF8.GetBytes(Sse.Text("a"));
            using var stream = new FailAfterStream(transcript);

            using var results = NimStreamReader.Read(stream).GetEnumerator();

            Assert.True(results.MoveNext());
            Assert.Equal(ChatCompletionEventType.Start, ((ChatCompletionEvent)results.Current).EventType);
            Assert.True(results.MoveNext());
            Assert.Equal("a", ((ChatCompletionEvent)results.Current).Delta.Text);
            Assert.Throws<IOException>(() => results.MoveNext());
        }

        [Fact]
        public void A_cancelled_token_stops_the_enumeration()
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() =>
                NimStreamReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Sse.Text("a") + Sse.Done)), cancellationToken: cancelled.Token).ToList());
        }

        [Fact]
        public void A_null_stream_is_refused_at_once()
        {
            Assert.Throws<ArgumentNullException>(() => NimStreamReader.Read(null!));
        }

        /// <summary>Serves its bytes, then throws on any further read, as a connection that breaks would.</summary>
        private sealed class FailAfterStream : NvidiaInference.Http.ReadOnlyStream
        {
            private readonly byte[] _bytes;
            private int _position;

            public FailAfterStream(byte[] bytes) => _bytes = bytes;

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_position == _bytes.Length)
                {
                    throw new IOException("The connection broke.");
                }

                int read = Math.Min(count, _bytes.Length - _position);
                Array.Copy(_bytes, _position, buffer, offset, read);
                _position += read;
                return read;
            }

        }
    }
}
