using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using NvidiaInference.Http;
using NvidiaInference.Streaming;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The connection parameters every cmdlet that talks to a server shares. They are one object, bound as dynamic
    /// parameters (IDynamicParameters), because C# cannot give the same static parameters to cmdlets whose request
    /// parameters come from different base classes.
    /// </summary>
    public sealed class ConnectionParameters
    {
        private const string BaseUriVariable = "NVIDIA_BASE_URL";
        private const string ApiKeyVariable = "NVIDIA_API_KEY";

        [Parameter]
        [ValidateNotNull]
        [ValidateBaseUri]
        public Uri? BaseUri { get; set; }

        [Parameter]
        [ApiKeyTransformation]
        public SecureString? ApiKey { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 600;

        [Parameter]
        [ValidateRange(1, 86400)]
        public int IdleTimeoutSec { get; set; } = 120;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetryCount { get; set; } = 2;

        [Parameter]
        [ValidateRange(1024, int.MaxValue)]
        public int MaxEventSize { get; set; } = NimChunkDecoder.DefaultMaxEventSize;

        [Parameter]
        [AdditionalHeaderTransformation]
        public IDictionary? AdditionalHeader { get; set; }

        /// <summary>Resolves the settings: -BaseUri, else NVIDIA_BASE_URL, else the hosted API; -ApiKey, else NVIDIA_API_KEY.</summary>
        internal NimConnectionSettings ToSettings()
        {
            Uri baseUri = BaseUri ?? FromEnvironment() ?? NimConnectionSettings.HostedBaseUri;
            SecureString? key = ApiKey;
            return new NimConnectionSettings(baseUri)
            {
                // Read at the moment of sending: a SecureString stays encrypted until then.
                ApiKeyProvider = key is not null ? () => Decrypt(key) : () => Environment.GetEnvironmentVariable(ApiKeyVariable),
                HasApiKey = key is not null ? () => key.Length > 0 : () => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable)),
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                SkipCertificateCheck = SkipCertificateCheck,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                IdleTimeout = TimeSpan.FromSeconds(IdleTimeoutSec),
                MaxRetryCount = MaxRetryCount,
                MaxEventSize = MaxEventSize,
                AdditionalHeaders = AdditionalHeader as IDictionary<string, string>,
            };
        }

        private static Uri? FromEnvironment()
        {
            string? value = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            return Uri.TryCreate(value!.Trim(), UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException($"{BaseUriVariable} is '{value}', which is not an absolute URI such as http://localhost:8000/v1.");
        }

        private static string Decrypt(SecureString key)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(key);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
