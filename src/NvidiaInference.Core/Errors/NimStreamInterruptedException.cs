using System;
using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>
    /// A stream that stopped part-way: the connection dropped, or a timeout struck. <see cref="Exception.InnerException"/>
    /// says which (an IOException or HttpRequestException, or a <see cref="NimTimeoutException"/>).
    /// </summary>
    public sealed class NimStreamInterruptedException : NimStreamException
    {
        /// <summary>Creates the exception.</summary>
        public NimStreamInterruptedException(Exception cause, int eventsReceived, string partialContent, IReadOnlyList<ToolCall> partialToolCalls, string? partialReasoning = null)
            : base($"The stream stopped after {eventsReceived} event(s), {partialContent.Length} characters of content and {partialToolCalls.Count} tool call(s): {cause.Message}",
                  partialContent, partialToolCalls, cause, partialReasoning)
            => EventsReceived = eventsReceived;

        /// <summary>How many events had been written before the stream stopped.</summary>
        public int EventsReceived { get; }
    }
}
