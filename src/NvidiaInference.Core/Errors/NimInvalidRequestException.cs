using System;

namespace NvidiaInference
{
    /// <summary>A request that cannot be sent as given; <see cref="Field"/> names the offending field.</summary>
    public sealed class NimInvalidRequestException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimInvalidRequestException(string field, string message)
            : base(message) => Field = field;

        /// <summary>The field at fault, as a path such as <c>messages[1].role</c>.</summary>
        public string Field { get; }
    }
}
