using System;
using System.Management.Automation;
using System.Net.Http;

namespace NvidiaInference.Errors
{
    /// <summary>
    /// Turns failures of a call to a server into ErrorRecords, and says which ones stop the pipeline: those that will
    /// fail the same way for every input (bad key, no permission, server unreachable, insecure key), as RC06 asks.
    /// </summary>
    internal static class NimHttpErrorRecords
    {
        public static (ErrorRecord Record, bool Terminating) From(Exception exception, object? target)
        {
            switch (exception)
            {
                case NimRequestFailedException failed:
                    return FromStatus(failed, target);
                case NimConnectionException { AfterResponse: true } dropped:
                    return (Create(dropped, ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, target,
                        "The connection dropped while the answer was read; retry the request."), false);
                case NimConnectionException connection:
                    return (Create(connection, ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, target,
                        "Check -BaseUri (or NVIDIA_BASE_URL), that the server is running and reachable, and for a self-signed certificate give -SkipCertificateCheck."), true);
                case NimTimeoutException timeout:
                    return (Timeout(timeout, target), false);
                case NimStreamInterruptedException interrupted when interrupted.InnerException is NimTimeoutException timeout:
                    return (Create(interrupted, timeout.IsIdleTimeout ? ErrorIds.IdleTimeout : ErrorIds.Timeout, ErrorCategory.OperationTimeout, target,
                        "The events before this error were written. Give a larger -IdleTimeoutSec or -TimeoutSec, or retry."), false);
                case NimStreamInterruptedException interrupted:
                    return (Create(interrupted, ErrorIds.StreamInterrupted, ErrorCategory.ConnectionError, target,
                        "The connection dropped mid-stream; the events before this error were written. Retry the request."), false);
                case NimApiKeyRequiredException noKey:
                    return (Create(noKey, ErrorIds.ApiKeyRequired, ErrorCategory.AuthenticationError, target,
                        "Give -ApiKey, or set the NVIDIA_API_KEY environment variable to your key (nvapi-...)."), true);
                case NimUnencryptedAuthenticationException insecure:
                    return (Create(insecure, ErrorIds.UnencryptedAuthentication, ErrorCategory.SecurityError, target,
                        "Use an https base URI, or give -AllowUnencryptedAuthentication if the network is trusted."), true);
                case NimProtocolException protocol:
                    return (Create(protocol, ErrorIds.InvalidResponse, ErrorCategory.ProtocolError, target,
                        "The server's answer is not what the protocol allows; check that -BaseUri points at an OpenAI-compatible API."), false);
                case NimStreamException stream:
                    return (NimErrorRecords.FromDecoder(stream, target), false);
                case HttpRequestException http:
                    return (Create(http, ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, target, "Check the connection to the server."), true);
                default:
                    return (Create(exception, ErrorIds.InvalidResponse, ErrorCategory.NotSpecified, target, "Report this as a bug of NvidiaInference."), false);
            }
        }

        private static (ErrorRecord, bool) FromStatus(NimRequestFailedException failed, object? target)
        {
            int status = (int)failed.StatusCode;
            return status switch
            {
                400 or 422 => (Create(failed, ErrorIds.BadRequest, ErrorCategory.InvalidArgument, target, "Correct the request as the server's message says."), false),
                401 => (Create(failed, ErrorIds.Unauthorized, ErrorCategory.AuthenticationError, target, "Check the API key (-ApiKey or NVIDIA_API_KEY)."), true),
                403 => (Create(failed, ErrorIds.Forbidden, ErrorCategory.PermissionDenied, target, "The key is valid but may not use this model or endpoint; check the account's entitlements."), true),
                404 => (Create(failed, ErrorIds.NotFound, ErrorCategory.ObjectNotFound, target, "Check the model id (Get-NvModel lists them) and -BaseUri."), false),
                408 => (Create(failed, ErrorIds.Timeout, ErrorCategory.OperationTimeout, target, "Retry later, or with a larger -MaxRetryCount."), false),
                429 => (Create(failed, ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, target, "Slow down, retry later, or give a larger -MaxRetryCount."), false),
                >= 500 => (Create(failed, ErrorIds.ServerError, ErrorCategory.ResourceUnavailable, target, "The server failed; retry later, or give a larger -MaxRetryCount."), false),
                _ => (Create(failed, ErrorIds.RequestFailed, ErrorCategory.InvalidOperation, target, "See the server's message."), false),
            };
        }

        private static ErrorRecord Timeout(NimTimeoutException timeout, object? target) =>
            Create(timeout, timeout.IsIdleTimeout ? ErrorIds.IdleTimeout : ErrorIds.Timeout, ErrorCategory.OperationTimeout, target,
                timeout.IsIdleTimeout ? "Give a larger -IdleTimeoutSec if the model is slow to start." : "Give a larger -TimeoutSec if the answer is long.");

        private static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }
    }
}
