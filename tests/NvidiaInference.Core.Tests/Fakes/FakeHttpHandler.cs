using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NvidiaInference.Tests.Fakes
{
    /// <summary>
    /// An HTTP transport without sockets: each request is recorded (its body read before the sender disposes it) and
    /// answered by a function of the request. The client under test gets it through an HttpClient.
    /// </summary>
    internal sealed class FakeHttpHandler : HttpMessageHandler
    {
        private readonly Func<FakeRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
        private readonly List<FakeRequest> _requests = new List<FakeRequest>();

        public FakeHttpHandler(Func<FakeRequest, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

        /// <summary>Answers with the given responses in order, one per request; a request past the last fails the test.</summary>
        public static FakeHttpHandler Sequence(params Func<HttpResponseMessage>[] responses)
        {
            int next = 0;
            return new FakeHttpHandler((request, cancellationToken) =>
            {
                int index = Interlocked.Increment(ref next) - 1;
                if (index >= responses.Length)
                {
                    throw new InvalidOperationException($"The fake transport got request {index + 1}, but only {responses.Length} were expected.");
                }

                return Task.FromResult(responses[index]());
            });
        }

        /// <summary>Answers every request with a function of the request.</summary>
        public static FakeHttpHandler Answering(Func<FakeRequest, HttpResponseMessage> respond) =>
            new FakeHttpHandler((request, cancellationToken) => Task.FromResult(respond(request)));

        /// <summary>The requests sent so far, in order.</summary>
        public IReadOnlyList<FakeRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToArray();
                }
            }
        }

        /// <summary>An HttpClient over this transport, with its own timeout off as the module's clients have it.</summary>
        public HttpClient Client() => new HttpClient(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            var recorded = new FakeRequest(request.Method, request.RequestUri!, headers, body);
            lock (_requests)
            {
                _requests.Add(recorded);
            }

            HttpResponseMessage response = await _respond(recorded, cancellationToken).ConfigureAwait(false);
            response.RequestMessage ??= request;
            return response;
        }
    }

    /// <summary>One request as the fake transport received it.</summary>
    internal sealed class FakeRequest
    {
        public FakeRequest(HttpMethod method, Uri uri, IReadOnlyDictionary<string, string> headers, string? body)
        {
            Method = method;
            Uri = uri;
            Headers = headers;
            Body = body;
        }

        public HttpMethod Method { get; }

        public Uri Uri { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        public string? Body { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
    }
}
