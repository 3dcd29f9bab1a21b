using System;
using System.Collections.Generic;
using NvidiaInference.Streaming;

namespace NvidiaInference.Http
{
    /// <summary>Where and how to reach a NIM or OpenAI-compatible server.</summary>
    public sealed class NimConnectionSettings
    {
        /// <summary>The hosted NVIDIA API catalog.</summary>
        public static readonly Uri HostedBaseUri = new Uri("https://integrate.api.nvidia.com/v1/");

        /// <summary>Creates settings for <paramref name="baseUri"/> (normalised to end in /v1/).</summary>
        public NimConnectionSettings(Uri baseUri) => BaseUri = Normalize(baseUri ?? throw new ArgumentNullException(nameof(baseUri)));

        /// <summary>The base URI, always ending in <c>/v1/</c>.</summary>
        public Uri BaseUri { get; }

        /// <summary>Returns the API key at the moment of sending; null or empty sends no Authorization header.</summary>
        public Func<string?>? ApiKeyProvider { get; set; }

        /// <summary>
        /// Says whether there is a key without reading it, so a key kept encrypted stays encrypted until a request is
        /// sent; when null, <see cref="ApiKeyProvider"/> is asked.
        /// </summary>
        public Func<bool>? HasApiKey { get; set; }

        /// <summary>Allows a key to be sent over plain HTTP to a host other than loopback.</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>Accepts any server certificate (self-signed NIMs).</summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>The longest a whole call may take, retries and streaming included.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The longest silence allowed inside a stream, or while waiting for a response's headers.</summary>
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>How many times a failed request is tried again (connection failures, 408, 409, 429, 5xx).</summary>
        public int MaxRetryCount { get; set; } = 2;

        /// <summary>
        /// The largest server-sent event, or whole JSON answer, read into memory, in bytes (16 MiB unless set); a larger
        /// one ends the call with <see cref="NimEventTooLargeException"/>.
        /// </summary>
        public int MaxEventSize { get; set; } = NimChunkDecoder.DefaultMaxEventSize;

        /// <summary>A copy of these settings, for a call that needs other timeouts or retries.</summary>
        public NimConnectionSettings Copy() => (NimConnectionSettings)MemberwiseClone();

        /// <summary>True for NVIDIA's hosted endpoints, which need a key.</summary>
        public bool IsHosted => IsHostedHost(BaseUri.Host);

        /// <summary>True when the server is on this machine.</summary>
        public bool IsLoopback => BaseUri.IsLoopback;

        /// <summary>Why <paramref name="baseUri"/> cannot be a base URI, or null when it can.</summary>
        internal static string? Problem(Uri baseUri) =>
            baseUri.IsAbsoluteUri && (baseUri.Scheme == Uri.UriSchemeHttp || baseUri.Scheme == Uri.UriSchemeHttps)
                ? null
                : $"The base URI '{baseUri}' must be an absolute http or https URI, such as http://localhost:8000/v1.";

        internal static bool IsHostedHost(string host) =>
            host.Equals("integrate.api.nvidia.com", StringComparison.OrdinalIgnoreCase) || host.Equals("ai.api.nvidia.com", StringComparison.OrdinalIgnoreCase);

        /// <summary>Appends /v1 to a base without it, and a final slash so relative paths resolve under it.</summary>
        public static Uri Normalize(Uri baseUri)
        {
            if (Problem(baseUri) is string problem)
            {
                throw new ArgumentException(problem, nameof(baseUri));
            }

            var builder = new UriBuilder(baseUri) { Query = string.Empty, Fragment = string.Empty };
            string path = builder.Path.TrimEnd('/');
            if (!path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
            {
                path += "/v1";
            }

            builder.Path = path + "/";
            return builder.Uri;
        }

        /// <summary>Headers sent with every request (never Authorization, which only the key sets); a payload's own headers win.</summary>
        public IDictionary<string, string>? AdditionalHeaders { get; set; }
    }
}
