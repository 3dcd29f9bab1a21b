using System;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// One outcome of decoding pipeline input (<see cref="NimChunkDecoder"/>): a result, or the failure at that point.
    /// Pipeline input goes on after a failure (the next line may be fine), so failures are outcomes here, in order with
    /// the results; byte streams throw theirs instead (<see cref="NimStreamReader"/>).
    /// </summary>
    public readonly struct DecodedItem
    {
        private DecodedItem(object? result, Exception? failure)
        {
            Result = result;
            Failure = failure;
        }

        /// <summary>A <see cref="ChatCompletionEvent"/>, <see cref="ChatCompletionResponse"/>, <see cref="CompletionStreamChunk"/> or <see cref="CompletionResponse"/>; null for a failure.</summary>
        public object? Result { get; }

        /// <summary>
        /// The failure: a <see cref="NimProtocolException"/> for data that is not JSON or not a chunk (decoding goes on), or a
        /// <see cref="NimStreamException"/> for an error inside the stream or a truncated stream (which ends that stream).
        /// </summary>
        public Exception? Failure { get; }

        /// <summary>True for a failure.</summary>
        public bool IsFailure => Failure is not null;

        internal static DecodedItem Of(object result) =>
            new DecodedItem(result is Exception ? throw new ArgumentException("A failure is not a result.", nameof(result)) : result, null);

        internal static DecodedItem Failed(Exception failure) => new DecodedItem(null, failure ?? throw new ArgumentNullException(nameof(failure)));
    }
}
