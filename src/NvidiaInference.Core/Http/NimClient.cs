using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using NvidiaInference.Responses;
using NvidiaInference.Retrieval;
using NvidiaInference.Streaming;

namespace NvidiaInference.Http
{
    /// <summary>
    /// Sends requests to a NIM or OpenAI-compatible server. Every method blocks the calling thread (async I/O awaited
    /// synchronously, as Invoke-RestMethod does), so progress callbacks and streamed results arrive on that thread.
    /// Retries happen only before anything of a response's body has been handed out.
    /// </summary>
    public sealed partial class NimClient
    {
        private readonly NimConnectionSettings _settings;
        private readonly RetryingSender _sender;

        /// <summary>Creates a client over the process's shared connection pool.</summary>
        public NimClient(NimConnectionSettings settings)
            : this(settings, NimHttp.Get(settings?.SkipCertificateCheck ?? false))
        {
        }

        internal NimClient(NimConnectionSettings settings, HttpClient http)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _sender = new RetryingSender(settings, http);
        }

        /// <summary>The settings the client was made with.</summary>
        internal NimConnectionSettings Settings => _settings;

        /// <summary>Receives one line per step: method, URL, status, request id, retries and timings. Never the key.</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>Receives request and response bodies. Never the key.</summary>
        public Action<string>? Debug { get; set; }

        /// <summary>Receives a line each time a call waits for NVIDIA's gateway to finish a request (HTTP 202 and polling).</summary>
        public Action<string>? Progress
        {
            get => _sender.Progress;
            set => _sender.Progress = value;
        }

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
            CompleteChat(payload, ChatReadOptions.Default, cancellationToken);

        /// <summary>Sends a non-streaming chat request and converts the answer, read as <paramref name="options"/> say.</summary>
        public ChatCompletionResponse CompleteChat(NimPayload payload, ChatReadOptions options, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Post, payload.Path, payload, cancellationToken, body => ResponseConverter.ConvertChat(body, options));

        /// <summary>Sends a non-streaming legacy completion request and converts the answer.</summary>
        public CompletionResponse Complete(NimPayload payload, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Post, payload.Path, payload, cancellationToken, ResponseConverter.ConvertCompletion);

        /// <summary>Sends a non-streaming request and returns the answer's body as the server sent it (for probes that look at its shape).</summary>
        internal string CompleteText(NimPayload payload, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Post, payload.Path, payload, cancellationToken, body => body);

        /// <summary>GETs a path under the base URI (such as health/ready) and returns the body; an error status throws <see cref="NimRequestFailedException"/>.</summary>
        public string GetText(string path, CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Get, path, null, cancellationToken, body => body);

        /// <summary>Lists the server's models.</summary>
        public IReadOnlyList<NimModel> GetModels(CancellationToken cancellationToken = default) =>
            SendForBody(HttpMethod.Get, "models", null, cancellationToken, ModelListConverter.Convert);

        /// <summary>
        /// Sends a streaming chat request and yields each event as soon as it has arrived, read as
        /// <paramref name="options"/> say (openai-dotnet's typed update collections are the model). Sending (and any
        /// retry) happens when the enumeration starts; a failure is thrown where it happens: after the first event it is
        /// a <see cref="NimStreamException"/> carrying what had arrived. A server that answers with one JSON document
        /// gives the events that document stands for. The sequence can be enumerated once: a second enumeration throws
        /// InvalidOperationException rather than sending the request again.
        /// </summary>
        public IEnumerable<ChatCompletionEvent> StreamChat(NimPayload payload, ChatReadOptions? options = null, CancellationToken cancellationToken = default)
        {
            CheckAuthentication();
            return StreamResults.Chat(new ResponseStream(this, payload, options ?? ChatReadOptions.Default, cancellationToken));
        }

        /// <summary>Sends a streaming legacy completion request and yields each chunk as soon as it has arrived, as <see cref="StreamChat"/> does.</summary>
        public IEnumerable<CompletionStreamChunk> StreamCompletion(NimPayload payload, CancellationToken cancellationToken = default)
        {
            CheckAuthentication();
            return StreamResults.Completion(new ResponseStream(this, payload, ChatReadOptions.Default, cancellationToken));
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
            using HttpResponseMessage response = _sender.Send(HttpMethod.Post, payload.Path, payload, deadline, Verbose, Debug);
            Stream body = deadline.Wait(t => ResponseBody.WithCancellation(response.Content.ReadAsStreamAsync(), t), "the response body");
            using var stream = new IdleTimeoutStream(body, deadline);
            // The same reader, line and event bound as the converted stream: an endless line is never held whole.
            var sse = new SseReader(_settings.MaxEventSize);
            int lines = 0;
            bool ended = false;
            while (true)
            {
                if (!sse.ReadLine(out bool tooLarge))
                {
                    if (ended)
                    {
                        yield break;
                    }

                    try
                    {
                        if (sse.ReadFrom(stream) == 0)
                        {
                            sse.Complete();
                            ended = true;
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is IOException || e is HttpRequestException || e is NimTimeoutException || e is OperationCanceledException))
                    {
                        throw new NimStreamInterruptedException(e is OperationCanceledException ? deadline.Translate(e, "the next part of the stream", idleFired: false) : e, lines, string.Empty, Array.Empty<ToolCall>());
                    }

                    continue;
                }

                if (tooLarge)
                {
                    throw new NimEventTooLargeException(_settings.MaxEventSize, string.Empty, Array.Empty<ToolCall>());
                }

                lines++;
                yield return sse.LineText;
            }
        }

        private T SendForBody<T>(HttpMethod method, string path, NimPayload? payload, CancellationToken cancellationToken, Func<string, T> convert) =>
            SendForAnswer(method, path, payload, cancellationToken, (response, deadline) =>
            {
                string body = ResponseBody.Read(response, deadline, _settings.MaxEventSize);
                Debug?.Invoke(body);
                return convert(body);
            });

        /// <summary>
        /// Embeds the texts of one request (POST {base}/embeddings) and returns one vector per text, in the request's order.
        /// The vectors are parsed from the answer's bytes as they came (see <see cref="EmbeddingResponseReader"/>).
        /// </summary>
        /// <exception cref="NimInvalidRequestException">The request cannot be sent (an empty text, dimensions under 1); nothing was sent.</exception>
        public EmbeddingResponse Embed(EmbeddingRequest request, CancellationToken cancellationToken = default)
        {
            NimPayload payload = EmbeddingRequestWriter.Build(request);
            return SendForBytes(payload, cancellationToken, json => EmbeddingResponseReader.Read(json, request.Texts.Count));
        }

        /// <summary>
        /// Scores the passages of one request against its query: POST {base}/ranking, or the model's own URL on NVIDIA's
        /// hosted API. The passages come back best first, with their position in the request as Index.
        /// </summary>
        /// <exception cref="NimInvalidRequestException">The request cannot be sent (an empty query or passage); nothing was sent.</exception>
        public IReadOnlyList<RankedPassage> Rank(RankingRequest request, CancellationToken cancellationToken = default)
        {
            NimPayload payload = RankingRequestWriter.Build(request, _settings.BaseUri);
            return SendForBytes(payload, cancellationToken, json => RankingResponseReader.Read(json, request));
        }

        /// <summary>Posts a payload and hands the answer's UTF-8 bytes to a reader that parses them itself.</summary>
        private T SendForBytes<T>(NimPayload payload, CancellationToken cancellationToken, ReadUtf8<T> read) =>
            SendForAnswer(HttpMethod.Post, payload.Path, payload, cancellationToken, (response, deadline) =>
            {
                ArraySegment<byte> body = ResponseBody.ReadUtf8(response, deadline, _settings.MaxEventSize);
                Debug?.Invoke(Encoding.UTF8.GetString(body.Array!, body.Offset, body.Count));
                return read(new ReadOnlySpan<byte>(body.Array, body.Offset, body.Count));
            });

        /// <summary>Sends a request (checking the key rules, retrying, within the call's deadline) and reads its successful answer.</summary>
        private T SendForAnswer<T>(HttpMethod method, string path, NimPayload? payload, CancellationToken cancellationToken, Func<HttpResponseMessage, CallDeadline, T> read)
        {
            CheckAuthentication();
            using var deadline = new CallDeadline(cancellationToken, _settings.Timeout, _settings.IdleTimeout);
            using HttpResponseMessage response = _sender.Send(method, path, payload, deadline, Verbose, Debug);
            try
            {
                return read(response, deadline);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                throw AnswerDropped(e);
            }
        }

        /// <summary>A whole JSON answer to a streaming request; a connection that drops while it is read is a <see cref="NimConnectionException"/>.</summary>
        private string ReadWhole(HttpResponseMessage response, CallDeadline deadline)
        {
            try
            {
                return ResponseBody.Read(response, deadline, _settings.MaxEventSize);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                throw AnswerDropped(e);
            }
        }

        private static NimConnectionException AnswerDropped(Exception e) =>
            new NimConnectionException($"The connection dropped while the answer was being read: {RetryingSender.Innermost(e).Message}", 1, e, afterResponse: true);

        /// <summary>Parses an answer from its UTF-8 bytes.</summary>
        private delegate T ReadUtf8<T>(ReadOnlySpan<byte> utf8Json);
    }
}
