using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace NvidiaInference.Http
{
    /// <summary>
    /// NVIDIA's hosted gateway (NVCF) may answer a slow request with HTTP 202 and an NVCF-REQID header instead of the
    /// result; the client then GETs the request's status URL with the same key until it answers with the result or an
    /// error. Where that URL is, and whether the key may go there.
    /// </summary>
    internal static class GatewayPolling
    {
        /// <summary>NVIDIA's status service, polled for requests sent to NVIDIA's hosted API.</summary>
        public const string StatusHost = "api.nvcf.nvidia.com";

        private const string StatusPath = "/v2/nvcf/pexec/status/";

        /// <summary>The wait between two polls when the gateway names none (it holds each poll open a while itself).</summary>
        public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

        /// <summary>The request id of a 202 that asks to be polled, or null for any other answer.</summary>
        public static string? PendingRequestId(HttpResponseMessage response) =>
            response.StatusCode == HttpStatusCode.Accepted &&
            response.Headers.TryGetValues("NVCF-REQID", out IEnumerable<string>? values) &&
            values.FirstOrDefault() is string id && id.Trim().Length > 0
                ? id.Trim()
                : null;

        /// <summary>
        /// https://api.nvcf.nvidia.com/v2/nvcf/pexec/status/{id} for NVIDIA's hosted API. Any other server that answers
        /// 202 with NVCF-REQID (a gateway in front of a NIM, or a test server playing one) is polled at the same path
        /// on its own origin, so a key meant for it never goes to NVIDIA, nor NVIDIA's key elsewhere.
        /// </summary>
        public static Uri StatusUri(NimConnectionSettings settings, string requestId)
        {
            string path = StatusPath + Uri.EscapeDataString(requestId);
            return settings.IsHosted
                ? new Uri("https://" + StatusHost + path)
                : new Uri(new Uri(settings.BaseUri.GetLeftPart(UriPartial.Authority)), path);
        }

        /// <summary>The key goes to NVIDIA's status host over HTTPS, or back to the origin it was already sent to; nowhere else.</summary>
        public static bool MaySendKey(NimConnectionSettings settings, Uri statusUri) =>
            (statusUri.Scheme == Uri.UriSchemeHttps && statusUri.Host.Equals(StatusHost, StringComparison.OrdinalIgnoreCase)) ||
            Uri.Compare(statusUri, settings.BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
