using System;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Http;
using NvidiaInference.Retrieval;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>The bodies of embedding and reranking requests, and the inputs refused before sending.</summary>
    public class RetrievalRequestTests
    {
        private static JsonObject Body(NimPayload payload) => JsonNode.Parse(payload.Body)!.AsObject();

        [Fact]
        public void Embedding_request_sends_query_and_base64_unless_told_otherwise()
        {
            NimPayload payload = EmbeddingRequestWriter.Build(new EmbeddingRequest("nvidia/nv-embedqa-e5-v5", new[] { "What is NIM?" }));
            Assert.Equal("embeddings", payload.Path);
            Assert.True(JsonNode.DeepEquals(
                JsonNode.Parse("{\"model\":\"nvidia/nv-embedqa-e5-v5\",\"input\":[\"What is NIM?\"],\"input_type\":\"query\",\"encoding_format\":\"base64\"}"),
                Body(payload)), payload.Body);
        }

        [Fact]
        public void Embedding_request_carries_passage_truncate_float_and_dimensions()
        {
            var request = new EmbeddingRequest("m", new[] { "a", "b" })
            {
                InputType = EmbeddingInputType.Passage,
                Truncate = TruncateMode.Start,
                Dimensions = 384,
                Encoding = EmbeddingEncoding.Float,
            };
            Assert.True(JsonNode.DeepEquals(
                JsonNode.Parse("{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"input_type\":\"passage\",\"truncate\":\"START\",\"encoding_format\":\"float\",\"dimensions\":384}"),
                Body(EmbeddingRequestWriter.Build(request))));
            request.Truncate = TruncateMode.None;
            Assert.Equal("NONE", Body(EmbeddingRequestWriter.Build(request))["truncate"]!.ToString());
        }

        [Fact]
        public void Embedding_request_with_the_recorded_nim_fields_matches_the_recording_but_for_the_encoding()
        {
            JsonObject recorded = EmbeddingFixtures.Request("embed-nim-fields");
            var request = new EmbeddingRequest(recorded["model"]!.ToString(), recorded["input"]!.AsArray().Select(t => t!.ToString()).ToArray())
            {
                Truncate = TruncateMode.End,
                Encoding = EmbeddingEncoding.Float,
            };
            Assert.True(JsonNode.DeepEquals(recorded, Body(EmbeddingRequestWriter.Build(request))));
        }

        [Theory]
        [InlineData(new[] { "a", "" }, "input[1]", "is empty")]
        [InlineData(new[] { "  \t" }, "input[0]", "only white space")]
        [InlineData(new string[0], "input", "at least one")]
        public void Empty_texts_are_refused_naming_the_input(string[] texts, string field, string message)
        {
            var e = Assert.Throws<NimInvalidRequestException>(() => EmbeddingRequestWriter.Build(new EmbeddingRequest("m", texts)));
            Assert.Equal(field, e.Field);
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-3)]
        public void Dimensions_under_one_are_refused(int dimensions)
        {
            var e = Assert.Throws<NimInvalidRequestException>(() => EmbeddingRequestWriter.Build(new EmbeddingRequest("m", new[] { "a" }) { Dimensions = dimensions }));
            Assert.Equal("dimensions", e.Field);
        }

        [Fact]
        public void Ranking_request_has_nim_shape_and_goes_to_ranking_on_a_self_hosted_server()
        {
            var request = new RankingRequest("nvidia/llama-3.2-nv-rerankqa-1b-v2", "which way?", new[] { "two roads", "the other" }) { Truncate = TruncateMode.End };
            NimPayload payload = RankingRequestWriter.Build(request, new Uri("http://127.0.0.1:8000/v1/"));
            Assert.Equal("ranking", payload.Path);
            Assert.True(JsonNode.DeepEquals(
                JsonNode.Parse("{\"model\":\"nvidia/llama-3.2-nv-rerankqa-1b-v2\",\"query\":{\"text\":\"which way?\"},\"passages\":[{\"text\":\"two roads\"},{\"text\":\"the other\"}],\"truncate\":\"END\"}"),
                Body(payload)), payload.Body);
        }

        [Fact]
        public void Ranking_request_to_the_hosted_api_goes_to_the_models_own_url()
        {
            var request = new RankingRequest("nvidia/llama-3.2-nv-rerankqa-1b-v2", "q", new[] { "p" });
            Assert.Equal("https://ai.api.nvidia.com/v1/retrieval/nvidia/llama-3_2-nv-rerankqa-1b-v2/reranking",
                RankingRequestWriter.Build(request, NimConnectionSettings.HostedBaseUri).Path);
            Assert.Null(Body(RankingRequestWriter.Build(request, NimConnectionSettings.HostedBaseUri))["truncate"]);
        }

        [Theory]
        [InlineData("", new[] { "p" }, "query.text")]
        [InlineData("q", new[] { "p", "" }, "passages[1].text")]
        [InlineData("q", new string[0], "passages")]
        public void Empty_query_or_passages_are_refused_naming_the_input(string query, string[] passages, string field)
        {
            var e = Assert.Throws<NimInvalidRequestException>(() => RankingRequestWriter.Build(new RankingRequest("m", query, passages), new Uri("http://localhost/v1/")));
            Assert.Equal(field, e.Field);
        }

        [Fact]
        public void Ranking_cannot_truncate_at_the_start()
        {
            var e = Assert.Throws<NimInvalidRequestException>(() => RankingRequestWriter.Build(new RankingRequest("m", "q", new[] { "p" }) { Truncate = TruncateMode.Start }, new Uri("http://localhost/v1/")));
            Assert.Equal("truncate", e.Field);
        }
    }
}
