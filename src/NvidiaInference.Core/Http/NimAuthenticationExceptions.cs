using System;

namespace NvidiaInference
{
    /// <summary>A hosted endpoint was called without an API key; nothing was sent.</summary>
    public sealed class NimApiKeyRequiredException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimApiKeyRequiredException(Uri baseUri)
            : base($"{baseUri} is NVIDIA's hosted API and needs an API key (keys start with nvapi-); nothing was sent.")
        {
        }
    }

    /// <summary>A key would have gone over plain HTTP to another machine; nothing was sent.</summary>
    public sealed class NimUnencryptedAuthenticationException : NimException
    {
        /// <summary>Creates the exception.</summary>
        public NimUnencryptedAuthenticationException(Uri baseUri)
            : base($"The API key would be sent unencrypted over plain HTTP to {baseUri.Host}; nothing was sent. Use https, or allow unencrypted authentication if the network is trusted.")
        {
        }
    }
}
