using System.Collections.Generic;
using System.Globalization;
using NvidiaInference.Http;
using NvidiaInference.Streaming;

namespace NvidiaInference
{
    /// <summary>
    /// A server-sent event, a line, or a whole JSON answer was larger than the limit (<see cref="NimChunkDecoder.MaxEventSize"/>,
    /// <see cref="NimConnectionSettings.MaxEventSize"/>), so it was not read into memory; the stream ends there. Carries
    /// what had arrived before it.
    /// </summary>
    public sealed class NimEventTooLargeException : NimStreamException
    {
        /// <summary>Creates the exception.</summary>
        public NimEventTooLargeException(int maxEventSize, string partialContent, IReadOnlyList<ToolCall> partialToolCalls, string? partialReasoning = null)
            : base($"An event or answer larger than the limit of {Describe(maxEventSize)} arrived, so reading stopped there, after {partialContent.Length} characters of content and {partialToolCalls.Count} tool call(s).",
                  partialContent, partialToolCalls, null, partialReasoning)
            => MaxEventSize = maxEventSize;

        /// <summary>The limit that was passed, in bytes (characters for text input).</summary>
        public int MaxEventSize { get; }

        internal static string Describe(int bytes) => bytes % (1024 * 1024) == 0
            ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB"
            : bytes % 1024 == 0 ? (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB" : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }
}
