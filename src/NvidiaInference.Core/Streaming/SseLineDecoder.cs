using System.Collections.Generic;
using System.Text;

namespace NvidiaInference
{
    /// <summary>
    /// The field rules of server-sent events (WHATWG "Interpreting an event stream") applied to lines that are already
    /// split, as they arrive one at a time from the PowerShell pipeline. Byte streams go through
    /// System.Net.ServerSentEvents instead (see <see cref="NimStreamReader"/>); that parser takes a Stream and pulls
    /// from it, so it cannot be fed lines that arrive one pipeline item at a time.
    /// </summary>
    internal sealed class SseLineDecoder
    {
        private readonly StringBuilder _data = new StringBuilder();
        private bool _hasData;
        private string _eventType = string.Empty;
        private bool _firstLine = true;
        private bool _discarding;

        public string LastEventId { get; private set; } = string.Empty;

        /// <summary>True while fields of an event have arrived that a blank line has not yet dispatched.</summary>
        public bool HasPendingEvent => _hasData || _eventType.Length > 0;

        /// <summary>True while the lines of a dropped event are being skipped, up to its blank line.</summary>
        public bool IsDiscarding => _discarding;

        /// <summary>The characters of data the pending event holds so far.</summary>
        public int PendingDataLength => _data.Length;

        /// <summary>Drops the pending event, and every further line of it up to its blank line.</summary>
        public void DiscardEvent()
        {
            _data.Clear();
            _hasData = false;
            _eventType = string.Empty;
            _discarding = true;
        }

        /// <summary>Feeds one line (without its line end); returns true with the event when a blank line dispatches one.</summary>
        public bool Feed(string line, out SseEvent dispatched)
        {
            dispatched = default;
            if (_firstLine)
            {
                _firstLine = false;
                if (line.Length > 0 && line[0] == '\uFEFF')
                {
                    line = line.Substring(1);
                }
            }

            if (line.Length == 0)
            {
                _discarding = false;
                return Dispatch(out dispatched);
            }

            if (_discarding)
            {
                return false;
            }

            if (line[0] == ':')
            {
                return false;
            }

            // The field and a data value are read in place: a data line costs no string of its own.
            int colon = line.IndexOf(':');
            int fieldLength = colon < 0 ? line.Length : colon;
            int valueStart = colon < 0 ? line.Length : colon + 1 < line.Length && line[colon + 1] == ' ' ? colon + 2 : colon + 1;
            if (IsField(line, fieldLength, "data"))
            {
                _data.Append(line, valueStart, line.Length - valueStart).Append('\n');
                _hasData = true;
            }
            else if (IsField(line, fieldLength, "event"))
            {
                _eventType = line.Substring(valueStart);
            }
            else if (IsField(line, fieldLength, "id") && line.IndexOf('\0', valueStart) < 0)
            {
                LastEventId = line.Substring(valueStart);
            }

            return false;
        }

        /// <summary>
        /// Dispatches an event still pending at the end of the input. WHATWG discards it; docs/responses.md (SSE framing) keeps
        /// it, so a stream whose final event lacks the blank line still ends properly.
        /// </summary>
        public bool Flush(out SseEvent dispatched) => Dispatch(out dispatched);

        /// <summary>True when the line's field (its first <paramref name="fieldLength"/> characters) is <paramref name="name"/>.</summary>
        public static bool IsField(string line, int fieldLength, string name) =>
            fieldLength == name.Length && string.CompareOrdinal(line, 0, name, 0, name.Length) == 0;

        /// <summary>Splits text at CR, LF and CRLF; a final line without a line end is returned too.</summary>
        public static IEnumerable<string> SplitLines(string text)
        {
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r' || c == '\n')
                {
                    yield return text.Substring(start, i - start);
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                yield return text.Substring(start);
            }
        }

        private bool Dispatch(out SseEvent dispatched)
        {
            dispatched = default;
            string eventType = _eventType.Length == 0 ? "message" : _eventType;
            _eventType = string.Empty;
            if (!_hasData)
            {
                return false;
            }

            dispatched = new SseEvent(eventType, _data.ToString(0, _data.Length - 1), LastEventId);
            _data.Clear();
            _hasData = false;
            return true;
        }

        /// <summary>True for a line SSE knows: blank, a comment, or a data, event, id or retry field. Pipeline input reports any other line.</summary>
        public static bool IsSseLine(string line)
        {
            string trimmed = line.TrimStart('\uFEFF');
            if (trimmed.Length == 0 || trimmed[0] == ':')
            {
                return true;
            }

            int colon = trimmed.IndexOf(':');
            int fieldLength = colon < 0 ? trimmed.Length : colon;
            return IsField(trimmed, fieldLength, "data") || IsField(trimmed, fieldLength, "event")
                || IsField(trimmed, fieldLength, "id") || IsField(trimmed, fieldLength, "retry");
        }
    }

    /// <summary>One dispatched server-sent event.</summary>
    internal readonly struct SseEvent
    {
        public SseEvent(string eventType, string data, string lastEventId)
        {
            EventType = eventType;
            Data = data;
            LastEventId = lastEventId;
        }

        public string EventType { get; }

        public string Data { get; }

        public string LastEventId { get; }
    }
}
