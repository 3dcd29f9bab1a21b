using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Http;
using NvidiaInference.Payload;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>HTTP 202 with NVCF-REQID: the client polls the status URL until the result or an error, within its timeout.</summary>
    public class GatewayPollingTests
    {
        private const string Result = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Done.\"},\"finish_reason\":\"stop\"}]}";

        [Theory]
        [InlineData("https://integrate.api.nvidia.com/v1", "https://api.nvcf.nvidia.com/v2/nvcf/pexec/status/req-1")]
        [InlineData("https://ai.api.nvidia.com/v1", "https://api.nvcf.nvidia.com/v2/nvcf/pexec/status/req-1")]
        [InlineData("http://127.0.0.1:5000/gateway~3/v1", "http://127.0.0.1:5000/v2/nvcf/pexec/status/req-1")]
        [InlineData("https://nim.example.com:8443/v1", "https://nim.example.com:8443/v2/nvcf/pexec/status/req-1")]
        public void The_status_URL_is_NVIDIAs_for_the_hosted_API_and_the_servers_own_origin_otherwise(string baseUri, string expected)
        {
            var settings = new NimConnectionSettings(new Uri(baseUri));

            Uri status = GatewayPolling.StatusUri(settings, "req-1");

            Assert.Equal(expected, status.AbsoluteUri);
            Assert.True(GatewayPolling.MaySendKey(settings, status));
        }

        [Fact]
        public void The_key_never_goes_to_another_host_or_to_NVIDIA_over_plain_HTTP()
        {
            var settings = new NimConnectionSettings(new Uri("http://127.0.0.1:5000/v1"));

            Assert.False(GatewayPolling.MaySendKey(settings, new Uri("https://elsewhere.example/v2/nvcf/pexec/status/x")));
            Assert.False(GatewayPolling.MaySendKey(settings, new Uri("http://api.nvcf.nvidia.com/v2/nvcf/pexec/status/x")));
            Assert.False(GatewayPolling.MaySendKey(settings, new Uri("http://127.0.0.1:5001/v2/nvcf/pexec/status/x")));
        }

        [Fact]
        public void Polls_until_the_result_with_the_key_and_sends_the_request_once()
        {
            var handler = new ScriptedHandler(Accepted("req-1"), Accepted("req-1"), Accepted("req-1"), Json(HttpStatusCode.OK, Result));
            NimClient client = Client("https://integrate.api.nvidia.com/v1", handler, out List<string> progress);

            ChatCompletionResponse response = client.CompleteChat(Payload());

            Assert.Equal("Done.", response.Content);
            Assert.Equal(new[] { "POST https://integrate.api.nvidia.com/v1/chat/completions" }.Concat(Enumerable.Repeat("GET https://api.nvcf.nvidia.com/v2/nvcf/pexec/status/req-1", 3)), handler.Seen.Select(s => s.Line));
            Assert.All(handler.Seen, s => Assert.Equal("Bearer nvapi-test", s.Authorization));
            Assert.All(handler.Seen.Skip(1), s => Assert.False(s.HadBody));
            Assert.Equal(3, progress.Count);
            Assert.All(progress, p => Assert.Contains("req-1", p));
        }

        [Fact]
        public void An_error_after_202_is_the_gateways_error_and_is_not_sent_again()
        {
            var handler = new ScriptedHandler(Accepted("req-2"), Json(HttpStatusCode.InternalServerError, "{\"status\":500,\"title\":\"Function failed\",\"detail\":\"boom\"}"));
            NimClient client = Client("http://127.0.0.1:9/v1", handler, out _);

            var e = Assert.Throws<NimRequestFailedException>(() => client.CompleteChat(Payload()));

            Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
            Assert.Contains("boom", e.Message);
            Assert.Equal(new[] { "POST http://127.0.0.1:9/v1/chat/completions", "GET http://127.0.0.1:9/v2/nvcf/pexec/status/req-2" }, handler.Seen.Select(s => s.Line));
        }

        [Fact]
        public void Polling_ends_at_the_calls_timeout()
        {
            var handler = new ScriptedHandler(Enumerable.Repeat<Func<HttpResponseMessage>>(() => Accepted("req-3")(), 1000).ToArray());
            NimClient client = Client("http://127.0.0.1:9/v1", handler, out _, TimeSpan.FromSeconds(1.2));

            var e = Assert.Throws<NimTimeoutException>(() => client.CompleteChat(Payload()));

            Assert.Contains("gateway", e.Message);
            Assert.InRange(handler.Seen.Count, 2, 5);
        }

        [Fact]
        public void Cancelling_stops_the_polling()
        {
            var handler = new ScriptedHandler(Enumerable.Repeat<Func<HttpResponseMessage>>(() => Accepted("req-4")(), 1000).ToArray());
            NimClient client = Client("http://127.0.0.1:9/v1", handler, out _);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));

            Assert.ThrowsAny<OperationCanceledException>(() => client.CompleteChat(Payload(), cancellation.Token));
            Assert.InRange(handler.Seen.Count, 2, 4);
        }

        private static NimPayload Payload()
        {
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User("Hi"));
            return NimPayloadBuilder.BuildChat(request);
        }

        private static NimClient Client(string baseUri, ScriptedHandler handler, out List<string> progress, TimeSpan? timeout = null)
        {
            var settings = new NimConnectionSettings(new Uri(baseUri)) { ApiKeyProvider = () => "nvapi-test", AllowUnencryptedAuthentication = true, MaxRetryCount = 0 };
            if (timeout is TimeSpan total)
            {
                settings.Timeout = total;
            }

            var lines = new List<string>();
            progress = lines;
            return new NimClient(settings, new HttpClient(handler)) { Progress = lines.Add };
        }

        private static Func<HttpResponseMessage> Accepted(string id) => () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(string.Empty) };
            response.Headers.TryAddWithoutValidation("NVCF-REQID", id);
            return response;
        };

        private static Func<HttpResponseMessage> Json(HttpStatusCode status, string body) =>
            () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
        {
            public List<(string Line, string? Authorization, bool HadBody)> Seen { get; } = new();

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (Seen)
                {
                    Seen.Add(($"{request.Method} {request.RequestUri!.AbsoluteUri}", request.Headers.Authorization?.ToString(), request.Content is not null));
                    return Task.FromResult(answers[Seen.Count - 1]());
                }
            }
        }
    }
}
