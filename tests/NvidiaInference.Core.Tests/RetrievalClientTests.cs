using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Http;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>NimClient.Embed and NimClient.Rank over a handler that answers as a server would: URL, key, retries, errors.</summary>
    public class RetrievalClientTests
    {
        private sealed class ScriptedHandler : HttpMessageHandler
        {
            private readonly Queue<Func<HttpResponseMessage>> _answers;

            public ScriptedHandler(params Func<HttpResponseMessage>[] answers) => _answers = new Queue<Func<HttpResponseMessage>>(answers);

            public List<(Uri Uri, string? Authorization, string Body)> Requests { get; } = new List<(Uri, string?, string)>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
                Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), body));
                return _answers.Dequeue()();
            }
        }

        private static Func<HttpResponseMessage> Answer(HttpStatusCode status, string json, int? retryAfter = null) => () =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (retryAfter is int seconds)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return response;
        };

        private static NimClient Client(ScriptedHandler handler, string baseUri, string? key = null) =>
            new NimClient(new NimConnectionSettings(new Uri(baseUri)) { ApiKeyProvider = () => key, MaxRetryCount = 2 }, new HttpClient(handler));

        [Fact]
        public void Embed_posts_to_embeddings_and_reads_the_recorded_answer()
        {
            var handler = new ScriptedHandler(Answer(HttpStatusCode.OK, Encoding.UTF8.GetString(EmbeddingFixtures.ResponseBytes("embed-base64"))));
            EmbeddingResponse response = Client(handler, "http://127.0.0.1:8000").Embed(new EmbeddingRequest("m", new[] { "NIM serves models.", "Embeddings are vectors." }));
            Assert.Equal("http://127.0.0.1:8000/v1/embeddings", handler.Requests.Single().Uri.AbsoluteUri);
            Assert.Equal("base64", JsonNode.Parse(handler.Requests.Single().Body)!["encoding_format"]!.ToString());
            Assert.Equal(2, response.Vectors.Count);
            Assert.Equal(64, response.Vectors[1].Length);
        }

        [Fact]
        public void Embed_retries_a_429_as_the_server_asks_and_returns_the_vectors()
        {
            var handler = new ScriptedHandler(
                Answer((HttpStatusCode)429, "{\"error\":{\"message\":\"slow down\"}}", retryAfter: 0),
                Answer(HttpStatusCode.OK, "{\"data\":[{\"index\":0,\"embedding\":[0.5]}]}"));
            EmbeddingResponse response = Client(handler, "http://127.0.0.1:8000/v1").Embed(new EmbeddingRequest("m", new[] { "a" }));
            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(0.5f, response.Vectors[0][0]);
        }

        [Fact]
        public void Embed_reports_the_servers_message_for_a_refused_request()
        {
            var handler = new ScriptedHandler(Answer(HttpStatusCode.BadRequest, "{\"error\":{\"code\":400,\"message\":\"Input content cannot be empty\",\"type\":\"invalid_request_error\"}}"));
            var e = Assert.Throws<NimRequestFailedException>(() => Client(handler, "http://127.0.0.1:8000").Embed(new EmbeddingRequest("m", new[] { "a" })));
            Assert.Contains("Input content cannot be empty", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_empty_text_is_refused_before_anything_is_sent()
        {
            var handler = new ScriptedHandler();
            Assert.Throws<NimInvalidRequestException>(() => Client(handler, "http://127.0.0.1:8000").Embed(new EmbeddingRequest("m", new[] { "a", "" })));
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public void Rank_on_the_hosted_api_goes_to_the_models_url_with_the_key()
        {
            var handler = new ScriptedHandler(Answer(HttpStatusCode.OK, "{\"rankings\":[{\"index\":1,\"logit\":2.5},{\"index\":0,\"logit\":-1}]}"));
            var ranked = Client(handler, "https://integrate.api.nvidia.com/v1", "nvapi-test").Rank(new RankingRequest("nvidia/nv-rerankqa-mistral-4b-v3", "q", new[] { "x", "y" }));
            Assert.Equal("https://ai.api.nvidia.com/v1/retrieval/nvidia/nv-rerankqa-mistral-4b-v3/reranking", handler.Requests.Single().Uri.AbsoluteUri);
            Assert.Equal("Bearer nvapi-test", handler.Requests.Single().Authorization);
            Assert.Equal(new[] { "y", "x" }, ranked.Select(p => p.Text));
        }

        [Fact]
        public void Rank_on_a_self_hosted_server_goes_to_ranking()
        {
            var handler = new ScriptedHandler(Answer(HttpStatusCode.OK, "{\"rankings\":[{\"index\":0,\"logit\":0}]}"));
            Client(handler, "http://127.0.0.1:9000/v1").Rank(new RankingRequest("m", "q", new[] { "x" }));
            Assert.Equal("http://127.0.0.1:9000/v1/ranking", handler.Requests.Single().Uri.AbsoluteUri);
        }
    }
}
