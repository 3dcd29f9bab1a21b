namespace NvidiaInference
{
    /// <summary>An error as a server described it, read from any of the error body shapes NIM, vLLM, NVCF and OpenAI use.</summary>
    public sealed class ServerError
    {
        /// <summary>Creates the record.</summary>
        public ServerError(string message, string? type, string? code, string? param)
        {
            Message = message;
            Type = type;
            Code = code;
            Param = param;
        }

        /// <summary>The human-readable message.</summary>
        public string Message { get; }

        /// <summary>The error type or title, when given.</summary>
        public string? Type { get; }

        /// <summary>The error code (an HTTP status or a string code), when given.</summary>
        public string? Code { get; }

        /// <summary>The parameter at fault, when given.</summary>
        public string? Param { get; }

        /// <inheritdoc/>
        public override string ToString() => Message;
    }
}
