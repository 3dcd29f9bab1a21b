using System;
using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>
    /// A stream that ended in failure: the server sent an error inside it, or it stopped before it finished.
    /// Carries what had arrived before the failure, so nothing already received is lost.
    /// </summary>
    public class NimStreamException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimStreamException(string message, string partialContent, IReadOnlyList<ToolCall> partialToolCalls, Exception? innerException = null, string? partialReasoning = null)
            : base(message, innerException)
        {
            PartialContent = partialContent;
            PartialToolCalls = partialToolCalls;
            PartialReasoning = string.IsNullOrEmpty(partialReasoning) ? null : partialReasoning;
        }

        /// <summary>All text of the answer received before the failure.</summary>
        public string PartialContent { get; }

        /// <summary>All thinking received before the failure, or null when there was none.</summary>
        public string? PartialReasoning { get; }

        /// <summary>The tool calls assembled before the failure (their arguments may be incomplete).</summary>
        public IReadOnlyList<ToolCall> PartialToolCalls { get; }
    }

    /// <summary>The server reported an error inside a stream that had started with HTTP 200.</summary>
    public sealed class NimStreamErrorException : NimStreamException
    {
        /// <summary>Creates the exception.</summary>
        public NimStreamErrorException(ServerError error, string payload, string partialContent, IReadOnlyList<ToolCall> partialToolCalls, string? partialReasoning = null)
            : base($"The server reported an error inside the stream after {partialContent.Length} characters of content and {partialToolCalls.Count} tool call(s): {error.Message}",
                  partialContent, partialToolCalls, null, partialReasoning)
        {
            ServerError = error;
            Payload = payload;
        }

        /// <summary>The error as the server described it.</summary>
        public ServerError ServerError { get; }

        /// <summary>The error event's data.</summary>
        public string Payload { get; }
    }

    /// <summary>The stream ended without a finish reason or [DONE]: the answer is incomplete.</summary>
    public sealed class NimStreamTruncatedException : NimStreamException
    {
        /// <summary>Creates the exception.</summary>
        public NimStreamTruncatedException(string partialContent, IReadOnlyList<ToolCall> partialToolCalls, string? partialReasoning = null)
            : base($"The stream ended before the server finished the answer (no finish_reason and no [DONE]) after {partialContent.Length} characters of content and {partialToolCalls.Count} tool call(s).",
                  partialContent, partialToolCalls, null, partialReasoning)
        {
        }
    }
}
