using System;

namespace NvidiaInference.Payload
{
    /// <summary>The rule for headers a caller adds to requests: any but Authorization, which only the client's key sets.</summary>
    internal static class AdditionalHeaders
    {
        /// <summary>Returns the header name, or throws when it cannot be added.</summary>
        /// <exception cref="NimInvalidRequestException">The name is empty or Authorization.</exception>
        public static string Check(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new NimInvalidRequestException("AdditionalHeader", "A header name cannot be empty.");
            }

            if (name.Trim().Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                throw new NimInvalidRequestException("AdditionalHeader", "An additional header cannot set Authorization: the key goes only through the connection's key, so that it is sent only where the key rules allow.");
            }

            return name.Trim();
        }
    }
}
