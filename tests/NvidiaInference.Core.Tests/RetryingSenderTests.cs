using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using NvidiaInference.Http;
using NvidiaInference.Tests.Fakes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Sending and retrying through NimClient over a fake transport, without sockets (docs/errors.md, Retries).</summary>
    public class RetryingSenderTests
    {
        [Fact]
        public void A_retryable_status_is_tried_again_and_the_answer_used()
        {
            var handler = FakeHttpHandler.Sequence(
                () => FakeResponses.Status(HttpStatusCode.ServiceUnavailable, ("Retry-After", "0")),
                () => FakeResponses.Chat("after a retry"));
            var verbose = new System.Collections.Generic.List<string>();
            NimClient client = FakeClients.Client(handler);
            client.Verbose = verbose.Add;

            ChatCompletionResponse response = client.CompleteChat(FakeClients.ChatPayload());

            Assert.Equal("after a retry", response.Content);
            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
            Assert.Contains(verbose, line => line.Contains("Retrying") && line.Contains("HTTP 503") && line.Contains("the wait the server asked for"));
        }

        [Fact]
        public void Retries_stop_after_MaxRetryCount_and_the_error_says_how_many_attempts()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Json(HttpStatusCode.TooManyRequests,
                "{\"status\":429,\"title\":\"Too Many Requests\"}", ("retry-after-ms", "0")));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.MaxRetryCount = 3;

            NimRequestFailedException e = Assert.Throws<NimRequestFailedException>(() => FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload()));

            Assert.Equal(4, handler.Requests.Count);
            Assert.Equal(4, e.Attempts);
            Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
            Assert.Equal(TimeSpan.Zero, e.RetryAfter);
            Assert.Contains("after 4 attempts", e.Message);
            Assert.Contains("Too Many Requests", e.Message);
        }

        [Fact]
        public void MaxRetryCount_zero_sends_once()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Status(HttpStatusCode.BadGateway, ("Retry-After", "0")));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.MaxRetryCount = 0;

            NimRequestFailedException e = Assert.Throws<NimRequestFailedException>(() => FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload()));

            Assert.Single(handler.Requests);
            Assert.Equal(1, e.Attempts);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(422)]
        public void A_client_error_is_not_retried(int status)
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Json((HttpStatusCode)status,
                "{\"error\":{\"message\":\"The model `m` does not exist.\",\"type\":\"NotFoundError\",\"code\":" + status + "}}",
                ("x-request-id", "req-77")));

            NimRequestFailedException e = Assert.Throws<NimRequestFailedException>(() => FakeClients.Client(handler).CompleteChat(FakeClients.ChatPayload()));

            Assert.Single(handler.Requests);
            Assert.Equal(status, (int)e.StatusCode);
            Assert.Equal("The model `m` does not exist.", e.ServerError?.Message);
            Assert.Equal("req-77", e.RequestId);
            Assert.Contains($"HTTP {status}", e.Message);
            Assert.Contains("does not exist", e.Message);
        }

        [Fact]
        public void X_should_retry_false_stops_a_retry_the_status_would_allow()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Status(HttpStatusCode.ServiceUnavailable, ("x-should-retry", "false")));

            Assert.Throws<NimRequestFailedException>(() => FakeClients.Client(handler).CompleteChat(FakeClients.ChatPayload()));

            Assert.Single(handler.Requests);
        }

        [Fact]
        public void A_wait_that_would_pass_the_total_timeout_is_not_made()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Status(HttpStatusCode.ServiceUnavailable, ("Retry-After", "120")));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.Timeout = TimeSpan.FromSeconds(5);
            var verbose = new System.Collections.Generic.List<string>();
            NimClient client = FakeClients.Client(handler, settings);
            client.Verbose = verbose.Add;

            NimRequestFailedException e = Assert.Throws<NimRequestFailedException>(() => client.CompleteChat(FakeClients.ChatPayload()));

            Assert.Single(handler.Requests);
            Assert.Equal(TimeSpan.FromSeconds(120), e.RetryAfter);
            Assert.Contains(verbose, line => line.Contains("Not retrying") && line.Contains("timeout"));
        }

        [Fact]
        public void A_connection_failure_is_retried()
        {
            int calls = 0;
            var handler = FakeHttpHandler.Answering(_ => ++calls == 1 ? throw new HttpRequestException("Connection refused") : FakeResponses.Chat("connected"));

            ChatCompletionResponse response = FakeClients.Client(handler).CompleteChat(FakeClients.ChatPayload());

            Assert.Equal("connected", response.Content);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public void A_connection_that_never_succeeds_ends_with_NimConnectionException()
        {
            var handler = FakeHttpHandler.Answering(_ => throw new HttpRequestException("Connection refused"));
            NimConnectionSettings settings = FakeClients.Settings();
            settings.MaxRetryCount = 0;

            NimConnectionException e = Assert.Throws<NimConnectionException>(() => FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload()));

            Assert.Equal(1, e.Attempts);
            Assert.False(e.AfterResponse);
            Assert.Contains("127.0.0.1:9", e.Message);
            Assert.Contains("Connection refused", e.Message);
        }

        [Fact]
        public void A_tls_failure_is_not_retried()
        {
            var handler = FakeHttpHandler.Answering(_ => throw new HttpRequestException("SSL failed", new AuthenticationException("The remote certificate is invalid.")));

            NimConnectionException e = Assert.Throws<NimConnectionException>(() => FakeClients.Client(handler).CompleteChat(FakeClients.ChatPayload()));

            Assert.Single(handler.Requests);
            Assert.Contains("TLS", e.Message);
        }

        [Fact]
        public void The_key_is_read_at_each_sending_into_the_bearer_header_only()
        {
            int reads = 0;
            var handler = FakeHttpHandler.Sequence(
                () => FakeResponses.Status(HttpStatusCode.InternalServerError, ("Retry-After", "0")),
                () => FakeResponses.Chat());
            NimConnectionSettings settings = FakeClients.Settings();
            settings.ApiKeyProvider = () =>
            {
                reads++;
                return FakeClients.Key;
            };
            settings.HasApiKey = () => true;

            FakeClients.Client(handler, settings).CompleteChat(FakeClients.ChatPayload());

            Assert.Equal(2, reads);
            foreach (FakeRequest request in handler.Requests)
            {
                Assert.Equal("Bearer " + FakeClients.Key, request.Header("Authorization"));
                Assert.DoesNotContain(FakeClients.Key, request.Body);
                Assert.StartsWith("NvidiaInference/", request.Header("User-Agent"));
                Assert.Equal("application/json", request.Header("Accept"));
            }
        }

        [Fact]
        public void No_key_sends_no_authorization_header_to_a_server_that_needs_none()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Chat());

            FakeClients.Client(handler, FakeClients.Settings(key: null)).CompleteChat(FakeClients.ChatPayload());

            Assert.Null(Assert.Single(handler.Requests).Header("Authorization"));
        }
    }
}
