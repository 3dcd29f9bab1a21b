using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Completion streams (text_completion chunks), docs/responses.md, Completion streams, on small synthetic streams.</summary>
    public class CompletionStreamTests
    {
        [Fact]
        public void Each_chunk_gives_its_text_and_only_the_finishing_chunk_a_stop_reason()
        {
            List<object> results = StreamRun.DecodeText(Chunk("\"A\"", "null") + Chunk("\"B\"", "\"length\"") + Sse.Done);

            List<CompletionStreamChunk> chunks = results.Cast<CompletionStreamChunk>().ToList();
            Assert.Equal(new[] { "A", "B" }, chunks.Select(c => c.Delta));
            Assert.Equal(new StopReason?[] { null, StopReason.OutOfTokens }, chunks.Select(c => c.StopReason));
        }

        [Fact]
        public void Logprobs_without_top_logprobs_use_the_sampled_token()
        {
            string logprobs = ",\"logprobs\":{\"tokens\":[\"A\"],\"token_logprobs\":[-0.5],\"top_logprobs\":null}";

            var chunk = (CompletionStreamChunk)StreamRun.DecodeText(Chunk("\"A\"", "\"stop\"", logprobs) + Sse.Done).Single();

            TokenLogprobs entry = Assert.Single(chunk.Logprobs!);
            Assert.Equal(("A", (double?)-0.5), (entry.Token, entry.Logprob));
            Assert.Equal(new Dictionary<string, double> { ["A"] = -0.5 }, entry.LogprobsByToken);
        }

        [Fact]
        public void A_usage_only_chunk_gives_an_empty_chunk_with_the_usage()
        {
            string usage = Sse.Data("{\"object\":\"text_completion\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}");

            List<object> results = StreamRun.DecodeText(Chunk("\"A\"", "\"stop\"") + usage + Sse.Done);

            var last = Assert.IsType<CompletionStreamChunk>(results.Last());
            Assert.Equal((string.Empty, (StopReason?)null, 3L), (last.Delta, last.StopReason, last.Usage!.TotalTokens));
        }

        [Fact]
        public void Truncated_and_failed_completion_streams_carry_the_text_so_far()
        {
            var truncated = Assert.IsType<NimStreamTruncatedException>(StreamRun.DecodeText(Chunk("\"A\"", "null") + Chunk("\"B\"", "null")).Last());
            var failed = Assert.IsType<NimStreamErrorException>(StreamRun.DecodeText(Chunk("\"A\"", "null") + Sse.Data("{\"error\":{\"message\":\"boom\"}}")).Last());

            Assert.Equal("AB", truncated.PartialContent);
            Assert.Equal(("A", "boom"), (failed.PartialContent, failed.ServerError.Message));
        }

        private static string Chunk(string text, string finishReason, string extra = "") =>
            Sse.Data($"{{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{{\"index\":0,\"text\":{text}{extra},\"finish_reason\":{finishReason}}}]}}");
    }
}
