using System;
using System.IO;

namespace NvidiaInference
{
    /// <summary>A read-only stream whose every read is bounded by the call's idle and total timeouts, and by Ctrl+C.</summary>
    internal sealed class IdleTimeoutStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly CallDeadline _deadline;

        public IdleTimeoutStream(Stream inner, CallDeadline deadline)
        {
            _inner = inner;
            _deadline = deadline;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _deadline.Wait(token => _inner.ReadAsync(buffer, offset, count, token), "the next part of the stream");

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
