using System;
using System.Collections.Generic;
using System.Text;
using NvidiaInference.Http;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// A read-only stream made as it is read from a sequence of parts, so that a stream of many megabytes or millions of
    /// events never sits in memory; hands out at most <see cref="MaxRead"/> bytes per read, as a socket would.
    /// </summary>
    internal sealed class GeneratedStream : NvidiaInference.Http.ReadOnlyStream
    {
        private readonly IEnumerator<byte[]> _parts;
        private byte[] _current = Array.Empty<byte>();
        private int _position;

        public GeneratedStream(IEnumerable<byte[]> parts) => _parts = parts.GetEnumerator();

        public int MaxRead { get; init; } = 64 * 1024;

        /// <summary>How many bytes the reader has taken so far.</summary>
        public long BytesRead { get; private set; }

        public static IEnumerable<byte[]> Text(string text)
        {
            yield return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>The same bytes <paramref name="count"/> times.</summary>
        public static IEnumerable<byte[]> Repeat(byte[] part, long count)
        {
            for (long i = 0; i < count; i++)
            {
                yield return part;
            }
        }

        /// <summary><paramref name="length"/> copies of one byte, in blocks of 64 KiB.</summary>
        public static IEnumerable<byte[]> Filler(byte value, long length)
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, value);
            for (long left = length; left > 0; left -= block.Length)
            {
                yield return left >= block.Length ? block : block.AsSpan(0, (int)left).ToArray();
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_position == _current.Length)
            {
                if (!_parts.MoveNext())
                {
                    return 0;
                }

                _current = _parts.Current;
                _position = 0;
            }

            int size = Math.Min(Math.Min(buffer.Length, MaxRead), _current.Length - _position);
            _current.AsSpan(_position, size).CopyTo(buffer);
            _position += size;
            BytesRead += size;
            return size;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _parts.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
