using System;
using System.Net;

namespace NvidiaInference
{
    /// <summary>The server answered a request with an error status.</summary>
    public sealed class NimRequestFailedException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimRequestFailedException(HttpStatusCode statusCode, string reasonPhrase, ServerError? serverError, string? requestId, int attempts, TimeSpan? retryAfter)
            : base(Describe(statusCode, reasonPhrase, serverError, attempts))
        {
            StatusCode = statusCode;
            ServerError = serverError;
            RequestId = requestId;
            Attempts = attempts;
            RetryAfter = retryAfter;
        }

        /// <summary>The HTTP status.</summary>
        public HttpStatusCode StatusCode { get; }

        /// <summary>The error as the server described it, from any body shape; null for an empty body.</summary>
        public ServerError? ServerError { get; }

        /// <summary>The server's request id (x-request-id, nvcf-reqid), when it sent one.</summary>
        public string? RequestId { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; }

        /// <summary>How long the server asked to wait before trying again, when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        private static string Describe(HttpStatusCode statusCode, string reasonPhrase, ServerError? error, int attempts)
        {
            string tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
            string message = error?.Message is string text && text.Length > 0 ? text : reasonPhrase;
            return $"The server answered HTTP {(int)statusCode} ({reasonPhrase}){tries}: {message}";
        }
    }

    /// <summary>The server could not be reached: refused, unresolvable, a TLS failure, or a dropped connection.</summary>
    public sealed class NimConnectionException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimConnectionException(string message, int attempts, Exception? innerException, bool afterResponse = false)
            : base(message, innerException)
        {
            Attempts = attempts;
            AfterResponse = afterResponse;
        }

        /// <summary>How many times the request was tried.</summary>
        public int Attempts { get; }

        /// <summary>True when the server had answered and the connection dropped while the answer was read: not a reason to think the next request will fail too.</summary>
        public bool AfterResponse { get; }
    }

    /// <summary>A call ran out of time: the whole call (<see cref="IsIdleTimeout"/> false) or a silence inside it.</summary>
    public sealed class NimTimeoutException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimTimeoutException(string message, bool isIdleTimeout)
            : base(message) => IsIdleTimeout = isIdleTimeout;

        /// <summary>True when the server went silent for longer than the idle timeout.</summary>
        public bool IsIdleTimeout { get; }
    }
}
