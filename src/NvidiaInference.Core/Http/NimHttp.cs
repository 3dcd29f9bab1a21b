using System;
using System.Net.Http;
using System.Threading;

namespace NvidiaInference.Http
{
    /// <summary>
    /// The HttpClients of the process: one for verified TLS and one that accepts any certificate, each created once and
    /// shared, so connections are pooled and reused across calls and runspaces.
    /// </summary>
    internal static class NimHttp
    {
        private static readonly Lazy<HttpClient> Verified = new Lazy<HttpClient>(() => Create(skipCertificateCheck: false), LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly Lazy<HttpClient> Unverified = new Lazy<HttpClient>(() => Create(skipCertificateCheck: true), LazyThreadSafetyMode.ExecutionAndPublication);

        public static HttpClient Get(bool skipCertificateCheck) => skipCertificateCheck ? Unverified.Value : Verified.Value;

        private static HttpClient Create(bool skipCertificateCheck)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            if (skipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            }

            // Timeouts are the client's own (total and idle), so HttpClient's single timeout is off.
            return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        }
    }
}
