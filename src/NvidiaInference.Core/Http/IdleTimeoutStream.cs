using System;
using System.IO;

namespace NvidiaInference
{
    /// <summary>A read-only stream whose every read is bounded by the call's idle and total timeouts, and by Ctrl+C.</summary>
    internal sealed class IdleTimeoutStream : Stream
    {
        private readonly Stream _inner;
        private readonly CallDeadline _deadline;

        public IdleTimeoutStream(Stream inner, CallDeadline deadline)
        {
            _inner = inner;
            _deadline = deadline;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _deadline.Wait(token => _inner.ReadAsync(buffer, offset, count, token), "the next part of the stream");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
