using System;

namespace NvidiaInference
{
    /// <summary>Data from the server (or a saved transcript) that is not what the protocol allows.</summary>
    public sealed class NimProtocolException : NimException
    {
        private const int MaxPayloadInMessage = 200;

        /// <summary>Creates the exception.</summary>
        public NimProtocolException(string message, string? payload, Exception? innerException = null)
            : base(message + Describe(payload), innerException) => Payload = payload;

        /// <summary>The offending data, as text.</summary>
        public string? Payload { get; }

        private static string Describe(string? payload)
        {
            if (payload is null)
            {
                return string.Empty;
            }

            string shown = payload.Length <= MaxPayloadInMessage ? payload : payload.Substring(0, MaxPayloadInMessage) + "...";
            return $" Received: {shown}";
        }
    }
}
