using System;
using System.IO;

namespace NvidiaInference
{
    /// <summary>
    /// A read-only view of a server-sent-event byte stream that refuses a line, or an event (its lines up to the blank
    /// line, comments not counted), longer than a limit, before the parser has buffered it. The bytes before the line
    /// that passes the limit are handed out, so the events they complete are still read; the next read throws
    /// <see cref="EventSizeExceededException"/>.
    /// </summary>
    internal sealed class EventSizeLimitStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly int _limit;
        private long _line;
        private long _event;
        private bool _comment;
        private bool _afterCarriageReturn;
        private bool _exceeded;

        public EventSizeLimitStream(Stream inner, int limit)
        {
            _inner = inner;
            _limit = limit;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_exceeded)
            {
                throw new EventSizeExceededException();
            }

            int read = _inner.Read(buffer, offset, count);
            int allowed = Scan(new ReadOnlySpan<byte>(buffer, offset, read));
            if (allowed < read)
            {
                _exceeded = true;
                if (allowed == 0)
                {
                    throw new EventSizeExceededException();
                }
            }

            return allowed;
        }

        /// <summary>Follows lines and events through the bytes; returns how many of them come before the limit was passed.</summary>
        private int Scan(ReadOnlySpan<byte> bytes)
        {
            int i = 0;
            if (_afterCarriageReturn && bytes.Length > 0)
            {
                // The LF of a CRLF split across reads.
                _afterCarriageReturn = false;
                i = bytes[0] == (byte)'\n' ? 1 : 0;
            }

            while (i < bytes.Length)
            {
                int end = bytes.Slice(i).IndexOfAny((byte)'\r', (byte)'\n');
                int length = end < 0 ? bytes.Length - i : end;
                if (_line == 0 && length > 0)
                {
                    _comment = bytes[i] == (byte)':';
                }

                _line += length;
                if (!_comment)
                {
                    _event += length;
                }

                if (_line > _limit || _event > _limit)
                {
                    return LineStart(bytes, i);
                }

                if (end < 0)
                {
                    return bytes.Length;
                }

                if (_line == 0)
                {
                    // A blank line ends the event.
                    _event = 0;
                }

                _line = 0;
                int terminator = i + end;
                if (bytes[terminator] == (byte)'\r')
                {
                    if (terminator + 1 < bytes.Length)
                    {
                        terminator += bytes[terminator + 1] == (byte)'\n' ? 1 : 0;
                    }
                    else
                    {
                        _afterCarriageReturn = true;
                    }
                }

                i = terminator + 1;
            }

            return bytes.Length;
        }

        /// <summary>Where the line that holds position <paramref name="index"/> starts within these bytes (0 if it began in an earlier read).</summary>
        private static int LineStart(ReadOnlySpan<byte> bytes, int index)
        {
            int previous = bytes.Slice(0, index).LastIndexOfAny((byte)'\r', (byte)'\n');
            return previous < 0 ? 0 : previous + 1;
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

    /// <summary>Thrown by <see cref="EventSizeLimitStream"/>; <see cref="NimStreamReader"/> turns it into <see cref="NimEventTooLargeException"/>.</summary>
    internal sealed class EventSizeExceededException : Exception
    {
    }
}
