using System;
using System.Collections.Generic;
using System.IO;
using NvidiaInference.Http;

namespace NvidiaInference.Tests
{
    /// <summary>A read-only stream that hands out its bytes in reads of the given sizes, cycling through them.</summary>
    internal sealed class ChunkedReadStream : NvidiaInference.Http.ReadOnlyStream
    {
        private readonly byte[] _bytes;
        private readonly IReadOnlyList<int> _sizes;
        private int _position;
        private int _read;

        public ChunkedReadStream(byte[] bytes, IReadOnlyList<int> sizes)
        {
            if (sizes.Count == 0)
            {
                throw new ArgumentException("At least one read size is needed.", nameof(sizes));
            }

            _bytes = bytes;
            _sizes = sizes;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int size = Math.Min(Math.Min(Math.Max(1, _sizes[_read++ % _sizes.Count]), buffer.Length), _bytes.Length - _position);
            _bytes.AsSpan(_position, size).CopyTo(buffer);
            _position += size;
            return size;
        }

    }
}
