using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using NvidiaInference.Reasoning;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Inline think tags: the split of whole content, and the same split whatever pieces the content arrives in.</summary>
    public class ThinkTagSplitterTests
    {
        [Theory]
        [InlineData("<think>\nweighing it\n</think>\n\nYes.", "weighing it", "Yes.")]
        [InlineData("<think>weighing it</think>Yes.", "weighing it", "Yes.")]
        [InlineData("<think>\r\nweighing it\r\n</think>\r\n\r\nYes.", "weighing it", "Yes.")]
        [InlineData("<think>\n kle nach ISBNilar", " kle nach ISBNilar", "")]
        [InlineData("<think>\n\n</think>\n\nYes.", null, "Yes.")]
        [InlineData("<think></think>Yes.", null, "Yes.")]
        [InlineData("<think>two\n\nparagraphs</think>  Yes, indented.", "two\n\nparagraphs", "  Yes, indented.")]
        public void Content_that_opens_with_a_tag_is_split(string content, string? reasoning, string answer)
        {
            (string? tagReasoning, string rest) = ThinkTagSplitter.Split(content);
            (string? finalReasoning, string finalAnswer) = ThinkTagSplitter.Finish(rest, tagReasoning, opened: true);
            Assert.Equal(reasoning, finalReasoning);
            Assert.Equal(answer, finalAnswer);
        }

        [Theory]
        [InlineData("Yes.")]
        [InlineData(" <think>not at the start</think>")]
        [InlineData("<thinker>is a word</thinker>")]
        [InlineData("<th")]
        [InlineData("")]
        [InlineData("A maths answer: 1 < 2 and <b>bold</b>.")]
        public void Content_without_an_opening_tag_passes_unchanged(string content)
        {
            (string? reasoning, string answer) = ThinkTagSplitter.Split(content);
            Assert.Null(reasoning);
            Assert.Equal(content, answer);
        }

        [Fact]
        public void Content_that_starts_inside_the_thinking_splits_at_the_closing_tag()
        {
            Assert.Equal(("weighing it", "Yes."), ThinkTagSplitter.Finish("weighing it\n</think>\n\nYes.", null, opened: false));
        }

        [Fact]
        public void A_closing_tag_is_not_read_as_thinking_when_the_server_sent_thinking_of_its_own()
        {
            Assert.Equal(("parsed", "quote </think> here"), ThinkTagSplitter.Finish("quote </think> here", "parsed", opened: false));
        }

        /// <summary>Property: any cut of the content into pieces gives the same thinking and answer as the whole.</summary>
        [Fact]
        public void Any_split_into_pieces_gives_the_same_thinking_and_answer()
        {
            Gen<string> part = Gen.OneOfConst("<think>", "</think>", "<th", "ink>", "</", "\n", "\r\n", "\r", " ", "<", ">", "think", "Yes", "17 is prime", "a\nb");
            Gen<(string Content, int[] Cuts)> gen = part.Array[0, 12].Select(parts => string.Concat(parts))
                .SelectMany(content => Gen.Int[0, content.Length].Array[0, 8].Select(cuts => (content, cuts)));
            Property.Fuzz(gen, input =>
            {
                (string? reasoning, string answer) whole = ThinkTagSplitter.Split(input.Content);
                (string? reasoning, string answer) pieces = SplitInPieces(input.Content, input.Cuts);
                Assert.Equal(whole, pieces);
            }, cases: 3000);
        }

        [Fact]
        public void Each_piece_is_given_out_as_soon_as_it_can_be_told()
        {
            var splitter = new ThinkTagSplitter();
            var output = new List<(bool IsReasoning, string Text)>();
            splitter.Feed("<think>\nfirst", output);
            Assert.Equal(new[] { (true, "first") }, output);
            output.Clear();
            splitter.Feed(" thought\n</th", output);
            Assert.Equal(new[] { (true, " thought") }, output);
            output.Clear();
            splitter.Feed("ink>\n\nThe answer", output);
            Assert.Equal(new[] { (false, "The answer") }, output);
        }

        private static (string? Reasoning, string Answer) SplitInPieces(string content, int[] cuts)
        {
            var splitter = new ThinkTagSplitter();
            var output = new List<(bool IsReasoning, string Text)>();
            int at = 0;
            foreach (int cut in cuts.OrderBy(c => c))
            {
                splitter.Feed(content.Substring(at, cut - at), output);
                at = cut;
            }

            splitter.Feed(content.Substring(at), output);
            splitter.Flush(output);
            var reasoning = new StringBuilder();
            var answer = new StringBuilder();
            foreach ((bool isReasoning, string text) in output)
            {
                Assert.NotEqual(string.Empty, text);
                (isReasoning ? reasoning : answer).Append(text);
            }

            return (splitter.Opened ? reasoning.ToString() : null, answer.ToString());
        }
    }
}
