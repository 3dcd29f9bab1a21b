using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Http;

namespace NvidiaInference.Tests.Fakes
{
    /// <summary>What a <see cref="ScriptedStream"/> does once its bytes are read.</summary>
    internal enum StreamEnding
    {
        /// <summary>The body ends normally.</summary>
        End,

        /// <summary>The connection drops: the next read throws IOException.</summary>
        Drop,

        /// <summary>The server goes silent: the next read waits until it is cancelled.</summary>
        Hang,
    }

    /// <summary>A response body that hands out its bytes, then ends, drops or hangs; every read honours its token.</summary>
    internal sealed class ScriptedStream : ReadOnlyStream
    {
        private readonly byte[] _bytes;
        private readonly StreamEnding _ending;
        private readonly CancellationTokenSource _disposed = new CancellationTokenSource();
        private int _position;

        public ScriptedStream(string text, StreamEnding ending)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            _ending = ending;
        }

        /// <summary>Set once a read has reached the ending (so a test knows the client got that far).</summary>
        public bool ReachedEnding { get; private set; }

        /// <summary>As a socket's: a read under way ends when the stream is disposed.</summary>
        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return ReadAsync(buffer, offset, count, _disposed.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(ScriptedStream));
            }
        }

        protected override void Dispose(bool disposing)
        {
            _disposed.Cancel();
            base.Dispose(disposing);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_position < _bytes.Length)
            {
                int n = Math.Min(count, _bytes.Length - _position);
                Array.Copy(_bytes, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            ReachedEnding = true;
            switch (_ending)
            {
                case StreamEnding.Drop:
                    throw new IOException("The fake connection was reset.");
                case StreamEnding.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    return 0;
                default:
                    return 0;
            }
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            byte[] array = new byte[buffer.Length];
            return new ValueTask<int>(ReadAsync(array, 0, array.Length, cancellationToken).ContinueWith(
                t =>
                {
                    int n = t.GetAwaiter().GetResult();
                    array.AsSpan(0, n).CopyTo(buffer.Span);
                    return n;
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default));
        }
    }
}
