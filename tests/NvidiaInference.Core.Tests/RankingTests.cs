using System;
using System.Linq;
using System.Text;
using NvidiaInference.Retrieval;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Reading rankings, the score, and merging the rankings of several requests by logit.</summary>
    public class RankingTests
    {
        private static readonly RankingRequest Three = new RankingRequest("m", "q", new[] { "zero", "one", "two" });

        [Fact]
        public void Rankings_are_read_with_their_passages_text()
        {
            var ranked = RankingResponseReader.Read(Encoding.UTF8.GetBytes("{\"rankings\":[{\"index\":2,\"logit\":-1.24},{\"index\":0,\"logit\":-3.03},{\"index\":1,\"logit\":-7.5}],\"usage\":{}}"), Three);
            Assert.Equal(new[] { 2, 0, 1 }, ranked.Select(p => p.Index));
            Assert.Equal(new[] { "two", "zero", "one" }, ranked.Select(p => p.Text));
            Assert.Equal(-1.24, ranked[0].Logit);
        }

        [Theory]
        [InlineData("{\"results\":[]}", "no rankings list")]
        [InlineData("{\"rankings\":[{\"index\":3,\"logit\":1}]}", "points at the passage 3")]
        [InlineData("{\"rankings\":[{\"index\":0,\"logit\":1},{\"index\":0,\"logit\":2}]}", "each ranked once")]
        [InlineData("{\"rankings\":[{\"index\":0}]}", "numeric logit")]
        [InlineData("{\"rankings\":", "not valid JSON")]
        public void Broken_rankings_are_protocol_errors(string json, string expected)
        {
            var e = Assert.Throws<NimProtocolException>(() => RankingResponseReader.Read(Encoding.UTF8.GetBytes(json), Three));
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(0, 0.5)]
        [InlineData(2, 0.8807970779778823)]
        [InlineData(-3.03, 0.04608882703727965)]
        [InlineData(800, 1)]
        [InlineData(-800, 0)]
        public void Score_is_the_logistic_of_the_logit(double logit, double score)
        {
            Assert.Equal(score, new RankedPassage(0, logit, "t").Score, 12);
        }

        [Fact]
        public void Batches_split_by_size_and_merge_by_logit_with_global_indexes()
        {
            var ranking = new PassageRanking("m", "q", 2) { Truncate = TruncateMode.End };
            string[] texts = { "a", "b", "c", "d", "e" };
            double[] logits = { 0.5, 3, -1, 3, 2 };
            foreach (string text in texts)
            {
                ranking.Add(text, text.ToUpperInvariant());
            }

            var batches = ranking.Batches();
            Assert.Equal(new[] { 0, 2, 4 }, batches.Select(b => b.FirstIndex));
            Assert.Equal(new[] { 2, 2, 1 }, batches.Select(b => b.Request.Passages.Count));
            Assert.All(batches, b => Assert.Equal(TruncateMode.End, b.Request.Truncate));

            // The server answers each batch best first, with indexes into the batch.
            foreach ((int first, RankingRequest request) in batches.Reverse())
            {
                ranking.Accept(first, Enumerable.Range(0, request.Passages.Count).Select(i => new RankedPassage(i, logits[first + i], request.Passages[i])).OrderByDescending(p => p.Logit).ToList());
            }

            var ranked = ranking.Ranked();
            Assert.Equal(new[] { 1, 3, 4, 0, 2 }, ranked.Select(p => p.Index));
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, ranked.Select(p => p.Rank));
            Assert.Equal(new[] { "b", "d", "e", "a", "c" }, ranked.Select(p => p.Text));
            Assert.Equal(new object[] { "B", "D", "E", "A", "C" }, ranked.Select(p => p.InputObject));
            Assert.Equal(new[] { 1, 3 }, ranking.Ranked(2).Select(p => p.Index));
        }

        [Fact]
        public void Passages_keep_their_input_position_when_some_inputs_were_not_sent()
        {
            var ranking = new PassageRanking("m", "q", 10);
            ranking.Add(0, "a", null);
            ranking.Add(2, "c", null);
            ranking.Accept(0, new[] { new RankedPassage(1, 5, "c"), new RankedPassage(0, 1, "a") });
            Assert.Equal(new[] { 2, 0 }, ranking.Ranked().Select(p => p.Index));
            Assert.Equal(new[] { "c", "a" }, ranking.Ranked().Select(p => p.Text));
        }
    }
}
