using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NvidiaInference.Streaming;

namespace NvidiaInference.Tests
{
    /// <summary>Runs the decoders and collects their results; a failure is kept as the Exception item where it happened.</summary>
    internal static class StreamRun
    {
        /// <summary>The whole text in one AcceptText call, then End.</summary>
        public static List<object> DecodeText(string text, bool toolCallProgress = false)
        {
            var decoder = new NimChunkDecoder(toolCallProgress);
            var results = new List<object>(decoder.AcceptText(text).Outcomes());
            results.AddRange(decoder.End().Outcomes());
            return results;
        }

        /// <summary>One AcceptText call per item, then End.</summary>
        public static List<object> DecodeItems(IEnumerable<string> items, bool toolCallProgress = false)
        {
            var decoder = new NimChunkDecoder(toolCallProgress);
            var results = new List<object>();
            foreach (string item in items)
            {
                results.AddRange(decoder.AcceptText(item).Outcomes());
            }

            results.AddRange(decoder.End().Outcomes());
            return results;
        }

        /// <summary>NimStreamReader over the stream: everything yielded, then the exception it threw (if any).</summary>
        public static List<object> Read(Stream stream, bool toolCallProgress = false) => Read(stream, new NimChunkDecoder(toolCallProgress));

        /// <summary>NimStreamReader over the stream through the given decoder (its limits): everything yielded, then the exception it threw (if any).</summary>
        public static List<object> Read(Stream stream, NimChunkDecoder decoder)
        {
            var results = new List<object>();
            try
            {
                foreach (object item in NimStreamReader.Read(stream, decoder))
                {
                    results.Add(item);
                }
            }
            catch (Exception e)
            {
                results.Add(e);
            }

            return results;
        }

        public static List<object> Read(byte[] bytes, bool toolCallProgress = false) => Read(new MemoryStream(bytes, writable: false), toolCallProgress);

        public static List<object> Read(byte[] bytes, NimChunkDecoder decoder) => Read(new MemoryStream(bytes, writable: false), decoder);

        /// <summary>The results up to and including the first failure (NimStreamReader stops there).</summary>
        public static List<object> UpToFirstFailure(IEnumerable<object> results)
        {
            var kept = new List<object>();
            foreach (object item in results)
            {
                kept.Add(item);
                if (item is Exception)
                {
                    break;
                }
            }

            return kept;
        }

        /// <summary>The test's own line splitter (CR, LF, CRLF), independent of SseLineDecoder.SplitLines.</summary>
        public static List<string> Lines(string text)
        {
            var lines = new List<string>();
            var current = new System.Text.StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\r')
                {
                    lines.Add(current.ToString());
                    current.Clear();
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                lines.Add(current.ToString());
            }

            return lines;
        }

        public static List<string> Describe(IEnumerable<object> results) => results.Select(ResultText.Describe).ToList();
    }
}
