using System;
using System.Text;

namespace NvidiaInference.Json
{
    /// <summary>
    /// JSON may escape half of a surrogate pair (<c>"\ud800"</c>): valid JSON, but no valid text, and System.Text.Json
    /// refuses to read such a string. Servers that cut a token inside a character send it. Such an escape is read as
    /// U+FFFD, as bytes that are not UTF-8 are (docs/responses.md, Text).
    /// </summary>
    internal static class LoneSurrogateEscapes
    {
        /// <summary>True when the UTF-8 JSON may hold an escaped surrogate (a cheap look before a document is built).</summary>
        public static bool MayHold(ReadOnlySpan<byte> json) => json.IndexOf("\\ud"u8) >= 0 || json.IndexOf("\\uD"u8) >= 0;

        /// <summary>True when the JSON text may hold an escaped surrogate.</summary>
        public static bool MayHold(string json) => json.IndexOf("\\ud", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The JSON with every escaped surrogate that is not half of an escaped pair replaced by <c>\ufffd</c>; the same string when there is none.</summary>
        public static string Repair(string json)
        {
            if (!MayHold(json))
            {
                return json;
            }

            StringBuilder? repaired = null;
            int copied = 0;
            for (int i = 0; i < json.Length - 1; i++)
            {
                if (json[i] != '\\')
                {
                    continue;
                }

                if (json[i + 1] != 'u' || !TryHex(json, i + 2, out int unit))
                {
                    // Another escape (\\, \", \n...): its second character is not the start of one.
                    i++;
                    continue;
                }

                int length = 6;
                bool lone;
                if (unit >= 0xD800 && unit <= 0xDBFF)
                {
                    lone = !(json.Length >= i + 12 && json[i + 6] == '\\' && json[i + 7] == 'u' && TryHex(json, i + 8, out int low) && low >= 0xDC00 && low <= 0xDFFF);
                    length = lone ? 6 : 12;
                }
                else
                {
                    lone = unit >= 0xDC00 && unit <= 0xDFFF;
                }

                if (lone)
                {
                    repaired ??= new StringBuilder(json.Length);
                    repaired.Append(json, copied, i - copied).Append("\\ufffd");
                    copied = i + 6;
                }

                i += length - 1;
            }

            return repaired is null ? json : repaired.Append(json, copied, json.Length - copied).ToString();
        }

        private static bool TryHex(string text, int start, out int value)
        {
            value = 0;
            if (start + 4 > text.Length)
            {
                return false;
            }

            for (int i = start; i < start + 4; i++)
            {
                char c = text[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | digit;
            }

            return true;
        }
    }
}
