using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using NvidiaInference.Payload;
using NvidiaInference.Responses;

namespace NvidiaInference.Http
{
    /// <summary>
    /// Sends one request until the server answers with a success status: connection failures (not TLS failures) and
    /// retryable statuses are tried again up to the settings' MaxRetryCount, waiting as the server asks or with
    /// jittered back-off, never past the call's timeout. The key is put into each request's header at sending.
    /// </summary>
    internal sealed class RetryingSender
    {
        private const int MaxErrorBodyBytes = 64 * 1024;
        private readonly NimConnectionSettings _settings;
        private readonly HttpClient _http;

        public RetryingSender(NimConnectionSettings settings, HttpClient http)
        {
            _settings = settings;
            _http = http;
        }

        /// <summary>Sends until a success status, retrying connection failures and retryable statuses; the caller disposes the response.</summary>
        public HttpResponseMessage Send(HttpMethod method, string path, NimPayload? payload, CallDeadline deadline, Action<string>? verbose, Action<string>? debug)
        {
            var uri = new Uri(_settings.BaseUri, path);
            int attempts = _settings.MaxRetryCount + 1;
            var callClock = Stopwatch.StartNew();
            if (payload is not null)
            {
                debug?.Invoke(payload.Body);
            }

            for (int attempt = 1; ; attempt++)
            {
                using HttpRequestMessage request = CreateRequest(method, uri, payload);
                verbose?.Invoke($"{method} {uri} (attempt {attempt} of {attempts})");
                var clock = Stopwatch.StartNew();
                HttpResponseMessage response;
                try
                {
                    response = deadline.Wait(t => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, t), "the response headers");
                }
                catch (HttpRequestException e)
                {
                    bool tls = Innermost(e) is AuthenticationException || e.InnerException is AuthenticationException;
                    if (!tls && attempt < attempts)
                    {
                        TimeSpan wait = RetryPolicy.Backoff(attempt - 1);
                        verbose?.Invoke($"Could not connect ({Innermost(e).Message}); retrying in {wait.TotalSeconds:0.##} s.");
                        deadline.Delay(wait);
                        continue;
                    }

                    throw ConnectionFailure(uri, e, tls, attempt);
                }

                string requestId = RequestId(response);
                verbose?.Invoke($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} in {clock.ElapsedMilliseconds} ms{requestId}");
                if (response.IsSuccessStatusCode)
                {
                    return GatewayPolling.PendingRequestId(response) is null ? response : PollGateway(response, payload, deadline, verbose, debug);
                }

                using (response)
                {
                    string body = ReadErrorBody(response, deadline);
                    debug?.Invoke(body);
                    TimeSpan? serverDelay = RetryPolicy.ServerDelay(response, DateTimeOffset.UtcNow);
                    if (attempt < attempts && RetryPolicy.IsRetryable(response))
                    {
                        TimeSpan wait = serverDelay ?? RetryPolicy.Backoff(attempt - 1);
                        if (callClock.Elapsed + wait < deadline.Total)
                        {
                            verbose?.Invoke($"Retrying in {wait.TotalSeconds:0.##} s after HTTP {(int)response.StatusCode}{(serverDelay is null ? string.Empty : " (the wait the server asked for)")}.");
                            deadline.Delay(wait);
                            continue;
                        }

                        verbose?.Invoke($"Not retrying: the wait of {wait.TotalSeconds:0.##} s would pass the call's timeout.");
                    }

                    throw new NimRequestFailedException(response.StatusCode, response.ReasonPhrase ?? string.Empty, ServerErrorReader.Read(body),
                        requestId.Length == 0 ? null : requestId.Substring(", request id ".Length), attempt, serverDelay);
                }
            }
        }

        private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, NimPayload? payload, bool withBody = true, bool withKey = true)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", ModuleInfo.UserAgent);
            if (payload is not null)
            {
                request.Content = withBody ? new StringContent(payload.Body, Encoding.UTF8, "application/json") : null;
                request.Headers.TryAddWithoutValidation("Accept", payload.Headers.TryGetValue("Accept", out string? accept) ? accept : "application/json");
            }
            else
            {
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
            }

            AddHeaders(request, _settings.AdditionalHeaders);
            AddHeaders(request, payload?.Headers);

            // The key is read at the moment of sending, and only into this request's header.
            string? key = withKey ? _settings.ApiKeyProvider?.Invoke() : null;
            if (!string.IsNullOrEmpty(key))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            return request;
        }

        /// <summary>Receives a line each time the call waits for NVIDIA's gateway to finish a request (HTTP 202), for a progress display.</summary>
        public Action<string>? Progress { get; set; }

        /// <summary>
        /// Polls the gateway's status URL after HTTP 202 until it answers with anything but another 202: the result is
        /// returned; an error status throws, without sending the request again (the gateway already has it).
        /// </summary>
        private HttpResponseMessage PollGateway(HttpResponseMessage accepted, NimPayload? payload, CallDeadline deadline, Action<string>? verbose, Action<string>? debug)
        {
            HttpResponseMessage response = accepted;
            var clock = Stopwatch.StartNew();
            for (int poll = 1; GatewayPolling.PendingRequestId(response) is string id; poll++)
            {
                TimeSpan wait = RetryPolicy.ServerDelay(response, DateTimeOffset.UtcNow) ?? GatewayPolling.DefaultInterval;
                response.Dispose();
                Uri status = GatewayPolling.StatusUri(_settings, id);
                verbose?.Invoke($"HTTP 202: the gateway is still working on request {id}; polling {status} in {wait.TotalSeconds:0.##} s (poll {poll}).");
                Progress?.Invoke($"Waiting for NVIDIA's gateway to finish request {id}: {clock.Elapsed.TotalSeconds:0} s, poll {poll}");
                deadline.Delay(wait, "the gateway to finish the request");
                using HttpRequestMessage request = CreateRequest(HttpMethod.Get, status, payload, withBody: false, withKey: GatewayPolling.MaySendKey(_settings, status));
                try
                {
                    response = deadline.Wait(t => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, t), "the gateway's answer");
                }
                catch (HttpRequestException e)
                {
                    throw ConnectionFailure(status, e, Innermost(e) is AuthenticationException, 1);
                }

                verbose?.Invoke($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from the gateway after {clock.ElapsedMilliseconds} ms");
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                string body = ReadErrorBody(response, deadline);
                debug?.Invoke(body);
                string requestId = RequestId(response);
                throw new NimRequestFailedException(response.StatusCode, response.ReasonPhrase ?? string.Empty, ServerErrorReader.Read(body),
                    requestId.Length == 0 ? null : requestId.Substring(", request id ".Length), 1, RetryPolicy.ServerDelay(response, DateTimeOffset.UtcNow));
            }
        }

        /// <summary>Adds or replaces headers; content headers (Content-Type and the like) go on the body. Authorization is never taken from here.</summary>
        private static void AddHeaders(HttpRequestMessage request, IEnumerable<KeyValuePair<string, string>>? headers)
        {
            foreach (KeyValuePair<string, string> header in headers ?? Array.Empty<KeyValuePair<string, string>>())
            {
                if (header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.Remove(header.Key);
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                else if (request.Content is not null && !(header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && request.Content.Headers.ContentType?.MediaType == header.Value))
                {
                    // The body's own Content-Type (with its charset) stays unless the caller asked for another one.
                    request.Content.Headers.Remove(header.Key);
                    request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        private static string ReadErrorBody(HttpResponseMessage response, CallDeadline deadline)
        {
            try
            {
                return ResponseBody.ReadStart(response, deadline, MaxErrorBodyBytes);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                return string.Empty;
            }
        }

        private static string RequestId(HttpResponseMessage response)
        {
            foreach (string name in new[] { "x-request-id", "nvcf-reqid" })
            {
                if (response.Headers.TryGetValues(name, out IEnumerable<string>? values) && values.FirstOrDefault() is string id && id.Length > 0)
                {
                    return ", request id " + id;
                }
            }

            return string.Empty;
        }

        private static NimConnectionException ConnectionFailure(Uri uri, HttpRequestException e, bool tls, int attempts)
        {
            string where = $"{uri.Host}:{uri.Port}";
            string message = tls
                ? $"The TLS handshake with {where} failed: {Innermost(e).Message}. A self-signed certificate is accepted only when certificate checks are skipped."
                : $"Could not connect to {where}{(attempts > 1 ? $" after {attempts} attempts" : string.Empty)}: {Innermost(e).Message}";
            return new NimConnectionException(message, attempts, e);
        }

        internal static Exception Innermost(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
