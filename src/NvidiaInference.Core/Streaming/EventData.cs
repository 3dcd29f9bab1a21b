using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// The data of one event: the text of a pipeline line, or the UTF-8 bytes a byte stream carried (valid only until
    /// the next event). JSON is parsed from the bytes as they are; a string is made only for a failure that quotes the
    /// data, or for bytes that are not valid UTF-8 (which decode, as text always did, with replacement characters). The
    /// bytes are checked only when a document is built from them: the fast path reads strings with a reader that refuses
    /// invalid UTF-8, and leaves such an event to the document path.
    /// </summary>
    internal readonly struct EventData
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private readonly string? _text;
        private readonly ArraySegment<byte> _utf8;

        // The bytes without their ASCII whitespace at either end, found once: every event asks IsBlank and IsDone.
        private readonly ArraySegment<byte> _trimmed;

        public EventData(string text)
        {
            _text = text;
            _utf8 = default;
            _trimmed = default;
        }

        public EventData(ArraySegment<byte> utf8)
        {
            _text = null;
            _utf8 = utf8;
            _trimmed = AsciiTrim(utf8);
        }

        /// <summary>True when the data is the bytes of a byte stream (not yet checked to be valid UTF-8).</summary>
        public bool IsUtf8 => _text is null && _utf8.Array is not null;

        /// <summary>The bytes of a byte stream's event.</summary>
        public ReadOnlySpan<byte> Utf8 => _utf8.AsSpan();

        /// <summary>Nothing but whitespace (string.Trim's whitespace, as for text).</summary>
        public bool IsBlank => _text is not null ? _text.Trim().Length == 0 : _trimmed.Count == 0 || NeedsTextTrim && ToString().Trim().Length == 0;

        /// <summary>The data, trimmed, starts with [DONE].</summary>
        public bool IsDone
        {
            get
            {
                if (_text is not null || NeedsTextTrim)
                {
                    return ToString().Trim().StartsWith("[DONE]", StringComparison.Ordinal);
                }

                return _trimmed.AsSpan().StartsWith("[DONE]"u8);
            }
        }

        /// <exception cref="JsonException">The data is not valid JSON.</exception>
        /// <remarks>Bytes that are not valid UTF-8 are parsed from their text, so they read exactly as text would.</remarks>
        public JsonDocument ParseJson()
        {
            if (_text is null && IsValidUtf8(_utf8) && !LoneSurrogateEscapes.MayHold(_utf8.AsSpan()))
            {
                return JsonDocument.Parse(_utf8.AsMemory());
            }

            string text = ToString();
            return JsonDocument.Parse(LoneSurrogateEscapes.Repair(text));
        }

        /// <summary>The data as text.</summary>
        public override string ToString() => _text ?? (_utf8.Array is null ? string.Empty : Encoding.UTF8.GetString(_utf8.Array, _utf8.Offset, _utf8.Count));

        /// <summary>True when an end of the ASCII-trimmed bytes is not ASCII: it may be Unicode whitespace, which only the text can tell.</summary>
        private bool NeedsTextTrim =>
            _trimmed.Count > 0 && (_trimmed.Array![_trimmed.Offset] >= 0x80 || _trimmed.Array[_trimmed.Offset + _trimmed.Count - 1] >= 0x80);

        [MethodImpl(HotPath.Optimized)]
        private static ArraySegment<byte> AsciiTrim(ArraySegment<byte> bytes)
        {
            if (bytes.Array is null)
            {
                return bytes;
            }

            int start = bytes.Offset;
            int end = bytes.Offset + bytes.Count;
            while (start < end && IsAsciiWhiteSpace(bytes.Array[start]))
            {
                start++;
            }

            while (end > start && IsAsciiWhiteSpace(bytes.Array[end - 1]))
            {
                end--;
            }

            return new ArraySegment<byte>(bytes.Array, start, end - start);
        }

        // char.IsWhiteSpace's ASCII members: tab, LF, VT, FF, CR and space.
        private static bool IsAsciiWhiteSpace(byte b) => b == (byte)' ' || (b >= 0x09 && b <= 0x0D);

        private static bool IsValidUtf8(ArraySegment<byte> bytes)
        {
            if (bytes.Array is null)
            {
                return true;
            }

            try
            {
                StrictUtf8.GetCharCount(bytes.Array, bytes.Offset, bytes.Count);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }
}
