using System;
using System.Management.Automation;

namespace NvidiaInference.Errors
{
    /// <summary>Turns the core's exceptions into ErrorRecords: stable ErrorId, real category, the input as target, and a recommended action.</summary>
    internal static class NimErrorRecords
    {
        public static ErrorRecord InvalidRequest(NimInvalidRequestException exception, object? target) =>
            Create(exception, ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument, target, exception.Field switch
            {
                "chat_template_kwargs" => "The OpenAI placement sends standard fields only: steer the thinking with -ReasoningEffort, or give -ExtensionPlacement Nvext or TopLevel to use -Thinking and -ChatTemplateArgument.",
                "max_thinking_tokens" => "The OpenAI placement sends standard fields only: steer the thinking with -ReasoningEffort, or give -ExtensionPlacement Nvext or TopLevel to use -MaxThinkingTokens.",
                "top_k" or "repetition_penalty" or "min_tokens" or "response_format" when exception.Message.Contains("OpenAI placement")
                    => "Give -ExtensionPlacement Nvext or TopLevel for a NIM or vLLM server, or leave the parameter out for an OpenAI-style server.",
                "AdditionalHeader" => "Give the key with -ApiKey or NVIDIA_API_KEY; -AdditionalHeader takes other headers.",
                _ => $"Correct the field '{exception.Field}' of the request and try again.",
            });

        public static ErrorRecord ConflictingParameters(string message, object? target) =>
            Create(new ArgumentException(message), ErrorIds.ConflictingParameters, ErrorCategory.InvalidArgument, target,
                "Give the parameters in one of the combinations the message names.");

        public static ErrorRecord ModelNotFound(string id, System.Uri baseUri) =>
            Create(new ItemNotFoundException($"{baseUri} serves no model with the id '{id}'."), ErrorIds.NotFound, ErrorCategory.ObjectNotFound, id,
                "Run Get-NvModel without -Id to list the models the server serves.");

        public static ErrorRecord InvalidEnvironment(string message) =>
            Create(new ArgumentException(message), ErrorIds.InvalidEnvironment, ErrorCategory.InvalidArgument, null,
                "Correct or remove the environment variable, or give the parameter explicitly.");

        public static ErrorRecord UnsupportedInput(object target) =>
            Create(new ArgumentException($"ConvertFrom-NimChunk cannot read an input of type {target.GetType().FullName}; give it text (SSE lines or JSON) or objects from ConvertFrom-Json."),
                ErrorIds.UnsupportedInput, ErrorCategory.InvalidType, target,
                "Pipe the lines of a transcript (Get-Content), chunk JSON text, or objects from ConvertFrom-Json.");

        public static ErrorRecord NotAStream(ArgumentException exception, object target) =>
            Create(exception, ErrorIds.UnsupportedInput, ErrorCategory.InvalidType, target,
                "Pipe the output of Invoke-NvChatCompletion -Stream, Invoke-NvCompletion -Stream or ConvertFrom-NvChunk.");

        public static ErrorRecord NotInteractive(Exception exception) =>
            Create(new PSInvalidOperationException("Enter-NvChat reads what you type, and this host cannot read from a console: " + exception.Message, exception),
                ErrorIds.ChatNotInteractive, ErrorCategory.NotImplemented, null,
                "Run it in an interactive console, or pipe the lines in to script the chat ('Hello', '/exit' | Enter-NvChat -Model ...).");

        public static ErrorRecord ChatFile(Exception exception, string path) =>
            Create(exception, ErrorIds.ChatFile, exception is NimInvalidRequestException ? ErrorCategory.InvalidData : ErrorCategory.WriteError, path,
                "Give a path that can be written, or a file written by /save (a JSON list of messages).");

        /// <summary>A failure the chunk decoder reported in its results.</summary>
        public static ErrorRecord FromDecoder(Exception exception, object? target)
        {
            switch (exception)
            {
                case NimStreamErrorException streamError:
                    return Create(streamError, ErrorIds.StreamError, CategoryOf(streamError.ServerError.Code), streamError.Payload ?? target,
                        "The server failed while streaming; the events before this error were written. Retry the request, or check the server's logs.");
                case NimEventTooLargeException tooLarge:
                    return Create(tooLarge, ErrorIds.EventTooLarge, ErrorCategory.LimitsExceeded, target,
                        "The events before this one were written. If the server really sends events this large, give a larger -MaxEventSize.");
                case NimStreamTruncatedException truncated:
                    return Create(truncated, ErrorIds.StreamTruncated, ErrorCategory.ProtocolError, target,
                        "The answer is incomplete: the events before this error were written. Check that the whole transcript was given, or retry the request.");
                case NimProtocolException protocol:
                    return Create(protocol, ErrorIds.InvalidChunk, ErrorCategory.InvalidData, protocol.Payload ?? target,
                        "Give server-sent-event lines (data: {...}), chunk JSON or a completion JSON document. For a pretty-printed JSON file, read it with Get-Content -Raw.");
                default:
                    return Create(exception, ErrorIds.InvalidChunk, ErrorCategory.InvalidData, target, "Check the input.");
            }
        }

        /// <summary>The category for an error code a server sent (an HTTP status, or a string code).</summary>
        internal static ErrorCategory CategoryOf(string? code) => code switch
        {
            "400" or "422" or "invalid_request_error" => ErrorCategory.InvalidArgument,
            "401" or "invalid_api_key" => ErrorCategory.AuthenticationError,
            "403" => ErrorCategory.PermissionDenied,
            "404" or "model_not_found" => ErrorCategory.ObjectNotFound,
            "408" or "504" => ErrorCategory.OperationTimeout,
            "429" or "rate_limit_exceeded" => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.ResourceUnavailable,
        };

        private static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }
    }
}
