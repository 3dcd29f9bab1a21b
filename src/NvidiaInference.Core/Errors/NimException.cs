using System;

namespace NvidiaInference
{
    /// <summary>
    /// The base of every failure the module reports: a request it will not send, a server that refused or failed, a
    /// connection or time limit, a stream or answer it cannot read. Catch this to catch them all; the cmdlets turn each
    /// into an ErrorRecord with its own ErrorId (docs/errors.md).
    /// </summary>
    public abstract class NimException : Exception
    {
        /// <summary>Creates the exception.</summary>
        protected NimException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
