using System;
using System.IO;

namespace NvidiaInference
{
    /// <summary>A read-only view of a stream that yields two line feeds after the inner stream ends.</summary>
    internal sealed class FinalBlankLineStream : ReadOnlyStream
    {
        private static readonly byte[] Terminator = { (byte)'\n', (byte)'\n' };
        private readonly Stream _inner;
        private int _terminatorPosition = -1;

        public FinalBlankLineStream(Stream inner) => _inner = inner;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return 0;
            }

            if (_terminatorPosition < 0)
            {
                int read = _inner.Read(buffer, offset, count);
                if (read > 0)
                {
                    return read;
                }

                _terminatorPosition = 0;
            }

            int remaining = Math.Min(Terminator.Length - _terminatorPosition, count);
            Array.Copy(Terminator, _terminatorPosition, buffer, offset, remaining);
            _terminatorPosition += remaining;
            return remaining;
        }

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
