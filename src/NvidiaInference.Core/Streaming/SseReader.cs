using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace NvidiaInference.Streaming
{
    /// <summary>What <see cref="SseReader.Read"/> found.</summary>
    internal enum SseRecord
    {
        /// <summary>Nothing more can be read until more bytes are appended (or, after <see cref="SseReader.Complete"/>, ever).</summary>
        NeedInput,

        /// <summary>An event was dispatched: <see cref="SseReader.EventType"/> and <see cref="SseReader.Data"/>.</summary>
        Event,

        /// <summary>A line that is no SSE field (<see cref="SseReader.Line"/>); SSE ignores it, pipeline input reports it.</summary>
        UnknownLine,

        /// <summary>A line or an event passed the size limit; the rest of that event is skipped, up to its blank line.</summary>
        TooLarge,
    }

    /// <summary>
    /// The one server-sent-event reader of the module (docs/responses.md, SSE framing): it frames the bytes of an HTTP
    /// stream, of a saved transcript and of lines piped in, and bounds every line and event to one size on all of them.
    /// Bytes are appended as they arrive; <see cref="Read"/> hands out what they complete, one record at a time.
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from System.Net.ServerSentEvents, which the module used before: its SseParser
    /// pulls from a Stream, so lines that arrive one pipeline item at a time need a second framer; it buffers a line
    /// whole before any limit can be applied, so the size bound needed a third scanner in front of it; it discards a
    /// final event that lacks its blank line, which the module keeps; and it does not reset the event type at a blank
    /// line that dispatches nothing. Fields follow WHATWG's "Interpreting an event stream": CR, LF and CRLF end lines,
    /// a leading byte order mark is dropped, a comment starts with a colon, one space after the colon is dropped, and
    /// data lines join with LF.
    /// </remarks>
    internal sealed class SseReader
    {
        private const int MinimumRead = 16 * 1024;
        private readonly int _limit;
        private byte[] _buffer = new byte[MinimumRead];
        private int _start;
        private int _end;
        private byte[] _data = new byte[1024];
        private int _dataLength;
        private bool _hasData;
        private string? _eventType;
        private long _eventSize;
        private bool _completed;
        private bool _afterCarriageReturn;
        private bool _firstLine = true;
        private bool _discardingLine;
        private bool _discardingEvent;
        private int _lineStart;
        private int _lineLength;
        private int _searched;
        private bool _dataDispatched;

        /// <param name="limit">The largest line, and the largest event (its lines together, comments not counted), in bytes.</param>
        public SseReader(int limit)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be at least one byte.");
            }

            _limit = limit;
        }

        /// <summary>The type of the event <see cref="Read"/> returned: "message" unless an event field named another.</summary>
        public string EventType { get; private set; } = "message";

        /// <summary>The data of the event <see cref="Read"/> returned, its lines joined with LF; valid until the next call.</summary>
        public ArraySegment<byte> Data => new ArraySegment<byte>(_data, 0, _dataLength);

        /// <summary>The line <see cref="Read"/> or <see cref="ReadLine"/> returned, without its line end; valid until the next call.</summary>
        public ReadOnlySpan<byte> Line => new ReadOnlySpan<byte>(_buffer, _lineStart, _lineLength);

        /// <summary>The text of <see cref="Line"/> (bytes that are not UTF-8 become replacement characters).</summary>
        public string LineText => Encoding.UTF8.GetString(_buffer, _lineStart, _lineLength);

        /// <summary>True while fields of an event have arrived that no blank line has dispatched yet.</summary>
        public bool HasPendingEvent => _hasData || _eventType is not null;

        /// <summary>Appends bytes that arrived.</summary>
        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(GetAppendSpan(bytes.Length));
            _end += bytes.Length;
        }

        /// <summary>
        /// Appends the UTF-8 of a line or block of text that arrived as one item, ended with a line feed unless it ends in
        /// one: its last line is whole, and a CR that ends it never takes an LF from the next item.
        /// </summary>
        public void AppendText(string text) => AppendText(text, 0, text.Length, endsItem: true);

        /// <summary>
        /// Appends the UTF-8 of part of an item's text (a large item is handed over in parts, so it is never held whole
        /// as UTF-8); the part that <paramref name="endsItem"/> gets the item's line end as <see cref="AppendText(string)"/>
        /// gives it. A part must not end between the two halves of a surrogate pair.
        /// </summary>
        public void AppendText(string text, int start, int count, bool endsItem)
        {
            byte[] target = GetAppendArray(Encoding.UTF8.GetMaxByteCount(count) + 1);
            int written = Encoding.UTF8.GetBytes(text, start, count, target, _end);
            if (endsItem && (text.Length == 0 || text[text.Length - 1] != '\n'))
            {
                target[_end + written++] = (byte)'\n';
            }

            _end += written;
        }

        /// <summary>Reads once from <paramref name="stream"/> straight into the reader's buffer; returns the bytes read, 0 at its end.</summary>
        public int ReadFrom(Stream stream)
        {
            byte[] target = GetAppendArray(MinimumRead);
            int count = stream.Read(target, _end, target.Length - _end);
            _end += count;
            return count;
        }

        /// <summary>Says the input has ended: a last line without its line end, and an event without its blank line, still count.</summary>
        public void Complete() => _completed = true;

        /// <summary>Reads the next record the appended bytes complete.</summary>
        [MethodImpl(HotPath.Optimized)]
        public SseRecord Read()
        {
            if (_dataDispatched)
            {
                _dataDispatched = false;
                _dataLength = 0;
            }

            while (true)
            {
                switch (NextLine())
                {
                    case LineResult.None:
                        if (_completed && !_discardingEvent && HasPendingEvent && Dispatch())
                        {
                            return SseRecord.Event;
                        }

                        if (_completed)
                        {
                            // Input that follows a completed input is read as a new one (a decoder may be handed more).
                            _completed = false;
                            _discardingEvent = false;
                            _discardingLine = false;
                            _afterCarriageReturn = false;
                            _eventSize = 0;
                        }

                        return SseRecord.NeedInput;
                    case LineResult.TooLarge:
                        return SseRecord.TooLarge;
                }

                ReadOnlySpan<byte> line = Line;
                if (line.Length == 0)
                {
                    if (_discardingEvent)
                    {
                        _discardingEvent = false;
                        continue;
                    }

                    if (Dispatch())
                    {
                        return SseRecord.Event;
                    }

                    continue;
                }

                if (_discardingEvent || line[0] == (byte)':')
                {
                    continue;
                }

                int colon = line.IndexOf((byte)':');
                ReadOnlySpan<byte> field = colon < 0 ? line : line.Slice(0, colon);
                ReadOnlySpan<byte> value = colon < 0 ? default : line.Slice(colon + 1);
                if (value.Length > 0 && value[0] == (byte)' ')
                {
                    value = value.Slice(1);
                }

                if (field.SequenceEqual("data"u8))
                {
                    AppendData(value);
                }
                else if (field.SequenceEqual("event"u8))
                {
                    // An empty type is no type: the event stays "message" (WHATWG).
                    _eventType = value.Length == 0 ? null : Encoding.UTF8.GetString(_buffer, _lineStart + _lineLength - value.Length, value.Length);
                }
                else if (!field.SequenceEqual("id"u8) && !field.SequenceEqual("retry"u8))
                {
                    return SseRecord.UnknownLine;
                }
            }
        }

        /// <summary>
        /// Reads the next line as it is (for a transcript that keeps the server's lines), counting it against the same
        /// limits; returns false when the appended bytes complete no further line, and throws nothing: a line or event
        /// past the limit is reported through <paramref name="tooLarge"/>.
        /// </summary>
        public bool ReadLine(out bool tooLarge)
        {
            LineResult result = NextLine();
            tooLarge = result == LineResult.TooLarge;
            if (result == LineResult.Line && _lineLength == 0)
            {
                _discardingEvent = false;
            }

            return result != LineResult.None;
        }

        private enum LineResult
        {
            None,
            Line,
            TooLarge,
        }

        /// <summary>Takes the next whole line off the buffer into <see cref="Line"/>, measuring it and its event against the limit.</summary>
        [MethodImpl(HotPath.Optimized)]
        private LineResult NextLine()
        {
            while (true)
            {
                if (_afterCarriageReturn && _start < _end)
                {
                    // The LF of a CRLF that was split between two appends.
                    _afterCarriageReturn = false;
                    _start += _buffer[_start] == (byte)'\n' ? 1 : 0;
                }

                ReadOnlySpan<byte> pending = new ReadOnlySpan<byte>(_buffer, _start, _end - _start);
                // A long line arrives in many appends: each byte is searched for a line end once.
                int end = pending.Slice(_searched).IndexOfAny((byte)'\r', (byte)'\n');
                end = end < 0 ? -1 : end + _searched;
                _searched = end < 0 ? pending.Length : 0;
                if (_discardingLine)
                {
                    // The rest of a line that was already too large: dropped as it arrives, never held.
                    if (end < 0)
                    {
                        SkipUnread();
                        if (_completed)
                        {
                            _discardingLine = false;
                        }

                        return LineResult.None;
                    }

                    _discardingLine = false;
                    Consume(end, pending);
                    continue;
                }

                int length = end < 0 ? pending.Length : end;
                bool comment = length > 0 && pending[0] == (byte)':';
                if (length > _limit || (!comment && !_discardingEvent && _eventSize + length > _limit))
                {
                    // Neither this line nor the rest of its event is read: the event resumes nowhere. Within an event already
                    // being skipped, a long line is only skipped too.
                    bool reported = !_discardingEvent;
                    StartDiscarding();
                    if (end < 0)
                    {
                        SkipUnread();
                        _discardingLine = !_completed;
                    }
                    else
                    {
                        Consume(end, pending);
                    }

                    if (!reported)
                    {
                        continue;
                    }

                    return LineResult.TooLarge;
                }

                if (end < 0 && !(_completed && length > 0))
                {
                    return LineResult.None;
                }

                _lineStart = _start;
                _lineLength = length;
                if (end < 0)
                {
                    SkipUnread();
                }
                else
                {
                    Consume(end, pending);
                }

                if (_firstLine)
                {
                    _firstLine = false;
                    if (Line.StartsWith("\uFEFF"u8))
                    {
                        _lineStart += 3;
                        _lineLength -= 3;
                    }
                }

                _eventSize = _lineLength == 0 ? 0 : comment ? _eventSize : _eventSize + _lineLength;
                return LineResult.Line;
            }
        }

        /// <summary>Moves past a line ending at <paramref name="end"/> within <paramref name="pending"/> and its line end.</summary>
        private void Consume(int end, ReadOnlySpan<byte> pending)
        {
            int next = end + 1;
            if (pending[end] == (byte)'\r')
            {
                if (next < pending.Length)
                {
                    next += pending[next] == (byte)'\n' ? 1 : 0;
                }
                else
                {
                    _afterCarriageReturn = true;
                }
            }

            _start += next;
            _searched = 0;
        }

        private void SkipUnread()
        {
            _start = _end;
            _searched = 0;
        }

        private void StartDiscarding()
        {
            _discardingEvent = true;
            _dataLength = 0;
            _hasData = false;
            _eventType = null;
            _eventSize = 0;
        }

        private void AppendData(ReadOnlySpan<byte> value)
        {
            int needed = _dataLength + value.Length + 1;
            if (needed > _data.Length)
            {
                Array.Resize(ref _data, Math.Max(needed, _data.Length * 2));
            }

            value.CopyTo(new Span<byte>(_data, _dataLength, value.Length));
            _dataLength += value.Length;
            _data[_dataLength++] = (byte)'\n';
            _hasData = true;
        }

        /// <summary>Ends the event at a blank line (or the end of the input): true when it had data to dispatch.</summary>
        private bool Dispatch()
        {
            EventType = _eventType ?? "message";
            _eventType = null;
            _eventSize = 0;
            if (!_hasData)
            {
                return false;
            }

            _hasData = false;
            _dataLength--;
            // The data stays readable until the next Read, which starts the next event's.
            _dataDispatched = true;
            return true;
        }

        private Span<byte> GetAppendSpan(int count) => new Span<byte>(GetAppendArray(count), _end, count);

        /// <summary>Makes room for <paramref name="count"/> bytes after the unread ones, moving them to the front or growing the buffer.</summary>
        private byte[] GetAppendArray(int count)
        {
            if (_buffer.Length - _end >= count)
            {
                return _buffer;
            }

            int unread = _end - _start;
            if (_buffer.Length - unread < count)
            {
                var grown = new byte[Math.Max(_buffer.Length * 2, unread + count)];
                Buffer.BlockCopy(_buffer, _start, grown, 0, unread);
                _buffer = grown;
            }
            else
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            }

            _start = 0;
            _end = unread;
            return _buffer;
        }
    }
}
