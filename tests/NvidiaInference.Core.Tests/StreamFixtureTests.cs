using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Every .sse fixture through the line path (NimChunkDecoder) and the byte path (NimStreamReader).</summary>
    public class StreamFixtureTests
    {
        [Theory]
        [MemberData(nameof(FixtureData.AggregateStreams), MemberType = typeof(FixtureData))]
        public void Whole_text_through_the_decoder_matches_the_aggregate(string file)
        {
            List<object> results = StreamRun.DecodeText(Fixtures.WireText(file));

            AggregateAssert.Matches(Fixtures.Expected(file)["aggregate"]!, results, IsCompletion(file));
        }

        [Theory]
        [MemberData(nameof(FixtureData.AggregateStreams), MemberType = typeof(FixtureData))]
        public void Line_by_line_through_the_decoder_matches_the_aggregate(string file)
        {
            List<object> results = StreamRun.DecodeItems(StreamRun.Lines(Fixtures.WireText(file)));

            AggregateAssert.Matches(Fixtures.Expected(file)["aggregate"]!, results, IsCompletion(file));
        }

        [Theory]
        [MemberData(nameof(FixtureData.AggregateStreams), MemberType = typeof(FixtureData))]
        public void NimStreamReader_over_the_file_matches_the_aggregate(string file)
        {
            using FileStream stream = File.OpenRead(Fixtures.Wire(file));
            List<object> results = StreamRun.Read(stream);

            AggregateAssert.Matches(Fixtures.Expected(file)["aggregate"]!, results, IsCompletion(file));
        }

        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void Line_by_line_whole_text_and_byte_stream_give_the_same_results(string file)
        {
            string text = Fixtures.WireText(file);
            List<string> whole = StreamRun.Describe(StreamRun.DecodeText(text));
            List<string> byLine = StreamRun.Describe(StreamRun.DecodeItems(StreamRun.Lines(text)));
            Assert.Equal(whole, byLine);

            using FileStream stream = File.OpenRead(Fixtures.Wire(file));
            List<string> bytes = StreamRun.Describe(StreamRun.Read(stream));

            // The byte path stops at the first failure (it throws) and at [DONE].
            Assert.Equal(StreamRun.Describe(StreamRun.UpToFirstFailure(StreamRun.DecodeText(text))), bytes);
        }

        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void Tool_call_progress_adds_only_started_and_in_progress_events(string file)
        {
            string text = Fixtures.WireText(file);
            List<string> plain = StreamRun.Describe(StreamRun.DecodeText(text));
            List<object> withProgress = StreamRun.DecodeText(text, toolCallProgress: true);

            List<string> withoutFragments = StreamRun.Describe(withProgress.Where(r =>
                r is not ChatCompletionEvent { Delta.ParseStatus: ToolCallParseStatus.Started or ToolCallParseStatus.InProgress }));
            Assert.Equal(plain, withoutFragments);
        }

        [Fact]
        public void Final_event_without_a_blank_line_still_counts_so_DONE_is_seen()
        {
            // docs/responses.md, SSE framing (deliberately unlike WHATWG, which discards the unterminated event).
            const string file = "chat-stream-eof-no-trailing-blank-line.sse";
            JsonNode discarded = Fixtures.Expected(file)["sse"]!["discardedAtEof"]!;
            Assert.Equal("data: [DONE]", (string)discarded["unterminatedLine"]!);

            var decoder = new NimChunkDecoder();
            decoder.AcceptText(Fixtures.WireText(file));
            Assert.False(decoder.SawDone);
            List<object> atEnd = decoder.End().Outcomes();

            Assert.True(decoder.SawDone);
            ChatCompletionEvent complete = Assert.IsType<ChatCompletionEvent>(Assert.Single(atEnd));
            Assert.Equal(ChatCompletionEventType.Complete, complete.EventType);
        }

        [Fact]
        public void Framing_vector_dispatches_every_event_including_the_unterminated_last_one()
        {
            // The framing vector's data are not chunks, so each non-empty event is a NimProtocolException carrying its data;
            // empty data is skipped.
            const string file = "sse-framing-edge-cases.sse";
            JsonNode sse = Fixtures.Expected(file)["sse"]!;
            List<string> expectedPayloads = sse["events"]!.AsArray()
                .Select(e => (string)e!["data"]!)
                .Where(d => d.Trim().Length > 0 && d.Trim() != "[DONE]")
                .ToList();
            Assert.True((bool)sse["discardedAtEof"]!["pendingData"]!);
            List<string> lines = StreamRun.Lines(Fixtures.WireText(file));
            string lastLine = lines.Last(l => l.Length > 0);
            expectedPayloads.Add(lastLine.Substring("data: ".Length));

            List<object> results = StreamRun.DecodeText(Fixtures.WireText(file));

            // Besides the protocol errors only chat events may appear ([DONE] may close an empty stream); no other failure.
            Assert.All(results, r => Assert.True(r is NimProtocolException || r is ChatCompletionEvent, ResultText.Describe(r)));
            List<string?> payloads = results.OfType<NimProtocolException>().Select(e => e.Payload).ToList();

            // The line path also reports lines whose field SSE does not know (here "foo: bar"), then goes on.
            List<string> unknownFieldLines = lines.Where(IsUnknownField).ToList();
            Assert.NotEmpty(unknownFieldLines);
            Assert.Equal(unknownFieldLines, payloads.Where(p => unknownFieldLines.Contains(p!)));
            Assert.Equal(expectedPayloads, payloads.Where(p => !unknownFieldLines.Contains(p!)));
        }

        private static bool IsUnknownField(string line)
        {
            string text = line.TrimStart('\uFEFF');
            if (text.Length == 0 || text[0] == ':')
            {
                return false;
            }

            int colon = text.IndexOf(':');
            string field = colon < 0 ? text : text.Substring(0, colon);
            return field is not ("data" or "event" or "id" or "retry");
        }

        private static bool IsCompletion(string file) => file.StartsWith("completion-", System.StringComparison.Ordinal);
    }
}
