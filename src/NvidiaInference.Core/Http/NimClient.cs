using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NvidiaInference
{
    /// <summary>
    /// Sends requests to a NIM or OpenAI-compatible server. Every method blocks the calling thread (async I/O awaited
    /// synchronously, as Invoke-RestMethod does), so progress callbacks and streamed results arrive on that thread.
    /// Retries happen only before anything of a response's body has been handed out.
    /// </summary>
    public sealed class NimClient
    {
        private const int MaxErrorBodyBytes = 64 * 1024;
        private readonly NimConnectionSettings _settings;
        private readonly HttpClient _http;

        /// <summary>Creates a client over the process's shared connection pool.</summary>
        public NimClient(NimConnectionSettings settings)
            : this(settings, NimHttp.Get(settings?.SkipCertificateCheck ?? false))
        {
        }

        internal NimClient(NimConnectionSettings settings, HttpClient http)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _http = http;
        }

        /// <summary>The settings the client was made with.</summary>
        internal NimConnectionSettings Settings => _settings;

        /// <summary>Receives one line per step: method, URL, status, request id, retries and timings. Never the key.</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>Receives request and response bodies. Never the key.</summary>
        public Action<string>? Debug { get; set; }

        /// <summary>Checks the key rules without sending anything.</summary>
        /// <exception cref="NimApiKeyRequiredException">A hosted endpoint and no key.</exception>
        /// <exception cref="NimUnencryptedAuthenticationException">A key over plain HTTP to another machine.</exception>
        public void CheckAuthentication()
        {
            bool hasKey = _settings.HasApiKey is Func<bool> present ? present() : !string.IsNullOrEmpty(_settings.ApiKeyProvider?.Invoke());
            if (!hasKey)
            {
                if (_settings.IsHosted)
                {
                    throw new NimApiKeyRequiredException(_settings.BaseUri);
                }

                return;
            }

            if (_settings.BaseUri.Scheme == Uri.UriSchemeHttp && !_settings.IsLoopback && !_settings.AllowUnencryptedAuthentication)
            {
                throw new NimUnencryptedAuthenticationException(_settings.BaseUri);
            }
        }

        /// <summary>Sends a non-streaming chat request and converts the answer.</summary>
        public ChatCompletionResponse CompleteChat(NimPayload payload, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Post, payload.Path, payload, cancellationToken, ResponseConverter.ConvertChat);

        /// <summary>Sends a non-streaming legacy completion request and converts the answer.</summary>
        public CompletionResponse Complete(NimPayload payload, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Post, payload.Path, payload, cancellationToken, ResponseConverter.ConvertCompletion);

        /// <summary>GETs a path under the base URI (such as health/ready) and returns the body; an error status throws <see cref="NimRequestFailedException"/>.</summary>
        public string GetText(string path, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Get, path, null, cancellationToken, body => body);

        /// <summary>Lists the server's models.</summary>
        public IReadOnlyList<NimModel> GetModels(CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Get, "models", null, cancellationToken, ModelListConverter.Convert);

        /// <summary>
        /// Sends a streaming request and yields each result as soon as its event has arrived. Sending (and any retry)
        /// happens when the enumeration starts; a failure after that is a <see cref="NimStreamException"/> carrying
        /// what had arrived.
        /// </summary>
        public IEnumerable<object> Stream(NimPayload payload, bool toolCallProgress = false, CancellationToken cancellationToken = default)
        {
            CheckAuthentication();
            return StreamIterator(payload, toolCallProgress, cancellationToken);
        }

        /// <summary>
        /// Sends a streaming request and yields the raw lines of the answer as they arrive (line ends removed), to keep a
        /// transcript that ConvertFrom-NvChunk replays later. A failure after the first line is a
        /// <see cref="NimStreamInterruptedException"/>.
        /// </summary>
        public IEnumerable<string> StreamLines(NimPayload payload, CancellationToken cancellationToken = default)
        {
            CheckAuthentication();
            return StreamLinesIterator(payload, cancellationToken);
        }

        private IEnumerable<string> StreamLinesIterator(NimPayload payload, CancellationToken cancellationToken)
        {
            using var deadline = new CallDeadline(cancellationToken, _settings.Timeout, _settings.IdleTimeout);
            using HttpResponseMessage response = Send(HttpMethod.Post, payload.Path, payload, deadline);
            Stream body = deadline.Wait(t => ResponseBody.WithCancellation(response.Content.ReadAsStreamAsync(), t), "the response body");
            using var reader = new StreamReader(new IdleTimeoutStream(body, deadline), new UTF8Encoding(false));
            int lines = 0;
            while (true)
            {
                string? line;
                try
                {
                    line = reader.ReadLine();
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is IOException || e is HttpRequestException || e is NimTimeoutException || e is OperationCanceledException))
                {
                    throw new NimStreamInterruptedException(e is OperationCanceledException ? deadline.Translate(e, "the next part of the stream", idleFired: false) : e, lines, string.Empty, Array.Empty<ToolCall>());
                }

                if (line is null)
                {
                    yield break;
                }

                lines++;
                yield return line;
            }
        }

        private IEnumerable<object> StreamIterator(NimPayload payload, bool toolCallProgress, CancellationToken cancellationToken)
        {
            using var deadline = new CallDeadline(cancellationToken, _settings.Timeout, _settings.IdleTimeout);
            using HttpResponseMessage response = Send(HttpMethod.Post, payload.Path, payload, deadline);
            var clock = Stopwatch.StartNew();
            var decoder = new NimChunkDecoder(toolCallProgress, _settings.MaxEventSize);
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                // The server answered the streaming request with one JSON document: convert it as a whole.
                string json = ResponseBody.Read(response, deadline, _settings.MaxEventSize);
                Debug?.Invoke(json);
                foreach (object item in decoder.AcceptText(json))
                {
                    yield return item is Exception failure ? throw failure : item;
                }

                yield break;
            }

            Stream body = deadline.Wait(t => ResponseBody.WithCancellation(response.Content.ReadAsStreamAsync(), t), "the response body");
            using var stream = new IdleTimeoutStream(body, deadline);
            using IEnumerator<object> results = NimStreamReader.Read(stream, decoder, deadline.Token).GetEnumerator();
            int events = 0;
            while (true)
            {
                try
                {
                    if (!results.MoveNext())
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (e is IOException || e is HttpRequestException || e is NimTimeoutException || e is ObjectDisposedException || e is OperationCanceledException)
                {
                    Exception cause = e is OperationCanceledException ? deadline.Translate(e, "the next part of the stream", idleFired: false) : e;
                    (string content, IReadOnlyList<ToolCall> toolCalls) = decoder.Abandon();
                    throw new NimStreamInterruptedException(cause, events, content, toolCalls);
                }

                events++;
                yield return results.Current;
            }

            Verbose?.Invoke($"The stream ended after {events} event(s) in {clock.ElapsedMilliseconds} ms.");
        }

        private T SendForBody<T>(HttpMethod method, string path, NimPayload? payload, CancellationToken cancellationToken, Func<string, T> convert)
        {
            CheckAuthentication();
            using var deadline = new CallDeadline(cancellationToken, _settings.Timeout, _settings.IdleTimeout);
            using HttpResponseMessage response = Send(method, path, payload, deadline);
            string body;
            try
            {
                body = ResponseBody.Read(response, deadline, _settings.MaxEventSize);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                throw new NimConnectionException($"The connection dropped while the answer was being read: {Innermost(e).Message}", 1, e, afterResponse: true);
            }

            Debug?.Invoke(body);
            return convert(body);
        }

        /// <summary>Sends until a success status, retrying connection failures and retryable statuses.</summary>
        private HttpResponseMessage Send(HttpMethod method, string path, NimPayload? payload, CallDeadline deadline)
        {
            var uri = new Uri(_settings.BaseUri, path);
            int attempts = _settings.MaxRetryCount + 1;
            var callClock = Stopwatch.StartNew();
            if (payload is not null)
            {
                Debug?.Invoke(payload.Body);
            }

            for (int attempt = 1; ; attempt++)
            {
                using HttpRequestMessage request = CreateRequest(method, uri, payload);
                Verbose?.Invoke($"{method} {uri} (attempt {attempt} of {attempts})");
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
                        Verbose?.Invoke($"Could not connect ({Innermost(e).Message}); retrying in {wait.TotalSeconds:0.##} s.");
                        deadline.Delay(wait);
                        continue;
                    }

                    throw ConnectionFailure(uri, e, tls, attempt);
                }

                string requestId = RequestId(response);
                Verbose?.Invoke($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} in {clock.ElapsedMilliseconds} ms{requestId}");
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    string body = ReadErrorBody(response, deadline);
                    Debug?.Invoke(body);
                    TimeSpan? serverDelay = RetryPolicy.ServerDelay(response, DateTimeOffset.UtcNow);
                    if (attempt < attempts && RetryPolicy.IsRetryable(response))
                    {
                        TimeSpan wait = serverDelay ?? RetryPolicy.Backoff(attempt - 1);
                        if (callClock.Elapsed + wait < deadline.Total)
                        {
                            Verbose?.Invoke($"Retrying in {wait.TotalSeconds:0.##} s after HTTP {(int)response.StatusCode}{(serverDelay is null ? string.Empty : " (the wait the server asked for)")}.");
                            deadline.Delay(wait);
                            continue;
                        }

                        Verbose?.Invoke($"Not retrying: the wait of {wait.TotalSeconds:0.##} s would pass the call's timeout.");
                    }

                    throw new NimRequestFailedException(response.StatusCode, response.ReasonPhrase ?? string.Empty, ServerErrorReader.Read(body),
                        requestId.Length == 0 ? null : requestId.Substring(", request id ".Length), attempt, serverDelay);
                }
            }
        }

        private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, NimPayload? payload)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", ModuleInfo.UserAgent);
            if (payload is not null)
            {
                request.Content = new StringContent(payload.Body, Encoding.UTF8, "application/json");
                request.Headers.TryAddWithoutValidation("Accept", payload.Headers.TryGetValue("Accept", out string? accept) ? accept : "application/json");
            }
            else
            {
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
            }

            // The key is read at the moment of sending, and only into this request's header.
            string? key = _settings.ApiKeyProvider?.Invoke();
            if (!string.IsNullOrEmpty(key))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            return request;
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
                ? $"The TLS handshake with {where} failed: {Innermost(e).Message}. For a self-signed certificate, give -SkipCertificateCheck."
                : $"Could not connect to {where}{(attempts > 1 ? $" after {attempts} attempts" : string.Empty)}: {Innermost(e).Message}";
            return new NimConnectionException(message, attempts, e);
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
