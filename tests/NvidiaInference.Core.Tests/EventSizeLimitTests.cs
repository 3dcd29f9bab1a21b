using System.Collections.Generic;
using System.Linq;
using System.Text;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// The event size limit (NimChunkDecoder.MaxEventSize): exactly where it applies in a byte stream and in pipeline
    /// text, and that what came before the oversized event is kept.
    /// </summary>
    public class EventSizeLimitTests
    {
        private const string Prefix = "data: ";

        /// <summary>A text event whose whole data line (with "data: ") is exactly <paramref name="lineLength"/> bytes.</summary>
        private static string EventWithLine(int lineLength)
        {
            string head = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
            string tail = "\"}}]}";
            return Prefix + head + new string('x', lineLength - Prefix.Length - head.Length - tail.Length) + tail + "\n\n";
        }

        [Theory]
        [InlineData(200, true)]
        [InlineData(201, false)]
        public void A_line_of_exactly_the_limit_passes_and_one_byte_more_does_not(int lineLength, bool passes)
        {
            string transcript = Sse.Text("a") + EventWithLine(lineLength) + Sse.Text("b", "stop") + Sse.Done;

            foreach (int readSize in new[] { 1, 7, 4096 })
            {
                List<object> read = StreamRun.Read(new ChunkedReadStream(Encoding.UTF8.GetBytes(transcript), new[] { readSize }), new NimChunkDecoder(false, 200));

                Assert.Equal(passes ? 5 : 3, read.Count);
                if (!passes)
                {
                    var tooLarge = Assert.IsType<NimEventTooLargeException>(read[2]);
                    Assert.Equal("a", tooLarge.PartialContent);
                    Assert.Equal(200, tooLarge.MaxEventSize);
                }
            }
        }

        [Fact]
        public void The_lines_of_one_event_count_together_and_a_blank_line_starts_the_count_again()
        {
            string line = Prefix + new string(' ', 90) + "\n";
            string threeLines = line + line + line;
            string separateEvents = Sse.Text("a") + Prefix + "{}\n\n" + line + "\n" + line + "\n" + line + "\n" + Sse.Text("b", "stop") + Sse.Done;
            var decoder = new NimChunkDecoder(false, 200);

            List<object> together = StreamRun.Read(Encoding.UTF8.GetBytes(Sse.Text("a") + threeLines + "\n" + Sse.Done), decoder);
            List<object> apart = StreamRun.Read(Encoding.UTF8.GetBytes(separateEvents), new NimChunkDecoder(false, 200));

            Assert.IsType<NimEventTooLargeException>(together.Last());
            Assert.DoesNotContain(apart, r => r is NimEventTooLargeException);
        }

        [Fact]
        public void Comment_lines_do_not_count_towards_an_event_but_a_comment_line_longer_than_the_limit_is_refused()
        {
            string comment = ": " + new string('p', 150) + "\n";
            string manyComments = Sse.Text("a") + comment + comment + comment + Sse.Text("b", "stop") + Sse.Done;
            string longComment = Sse.Text("a") + ": " + new string('p', 250) + "\n\n" + Sse.Done;

            Assert.Equal(ChatCompletionEventType.Complete, Assert.IsType<ChatCompletionEvent>(StreamRun.Read(Encoding.UTF8.GetBytes(manyComments), new NimChunkDecoder(false, 200)).Last()).EventType);
            Assert.IsType<NimEventTooLargeException>(StreamRun.Read(Encoding.UTF8.GetBytes(longComment), new NimChunkDecoder(false, 200)).Last());
        }

        [Theory]
        [InlineData("\r\n")]
        [InlineData("\r")]
        [InlineData("\n")]
        public void Every_line_end_ends_a_line_even_split_across_reads(string lineEnd)
        {
            // 40 events of 150 bytes: far more than the limit together, each well within it.
            string transcript = string.Concat(Enumerable.Repeat(EventWithLine(150).Replace("\n", lineEnd), 40)) + Sse.Text("!", "stop").Replace("\n", lineEnd) + "data: [DONE]" + lineEnd + lineEnd;

            foreach (int readSize in new[] { 1, 2, 149, 150, 151 })
            {
                List<object> read = StreamRun.Read(new ChunkedReadStream(Encoding.UTF8.GetBytes(transcript), new[] { readSize }), new NimChunkDecoder(false, 200));

                Assert.DoesNotContain(read, r => r is System.Exception);
                Assert.Equal(41, read.Count(r => r is ChatCompletionEvent { EventType: ChatCompletionEventType.Progress }));
            }
        }

        [Fact]
        public void Events_completed_in_the_same_read_as_the_oversized_line_are_still_given()
        {
            string transcript = Sse.Text("a") + Sse.Text("b") + Prefix + new string('x', 5000) + "\n\n";

            List<object> read = StreamRun.Read(new ChunkedReadStream(Encoding.UTF8.GetBytes(transcript), new[] { 100_000 }), new NimChunkDecoder(false, 1000));

            Assert.Equal(new[] { "a", "b" }, read.OfType<ChatCompletionEvent>().Where(e => e.EventType == ChatCompletionEventType.Progress).Select(e => e.Delta.Text));
            Assert.Equal("ab", Assert.IsType<NimEventTooLargeException>(read.Last()).PartialContent);
        }

        [Fact]
        public void The_partial_tool_calls_of_the_stream_ride_on_the_error()
        {
            string transcript = Sse.Chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}")
                + Prefix + new string('x', 5000) + "\n\n";

            var tooLarge = Assert.IsType<NimEventTooLargeException>(StreamRun.Read(Encoding.UTF8.GetBytes(transcript), new NimChunkDecoder(false, 1000)).Last());

            ToolCall call = Assert.Single(tooLarge.PartialToolCalls);
            Assert.Equal(("call_1", "get_weather", "{\"city\":"), (call.CallId, call.ToolName, call.ArgumentsJson));
        }

        [Fact]
        public void In_pipeline_text_an_oversized_event_ends_its_stream_and_decoding_goes_on_after_its_blank_line()
        {
            var decoder = new NimChunkDecoder(false, 200);
            var results = new List<object>();
            foreach (string line in StreamRun.Lines(Sse.Text("a") + Prefix + new string('x', 150) + "\n" + Prefix + new string('y', 150) + "\n" + "data: {\"not\":\"decoded\"}\n\n" + Sse.Text("b", "stop") + Sse.Done))
            {
                results.AddRange(decoder.AcceptText(line).Outcomes());
            }

            results.AddRange(decoder.End().Outcomes());

            Assert.Equal(new[] { "Start", "Progress:a", "NimEventTooLargeException", "Start", "Progress:b", "Complete" }, results.Select(Short));
            Assert.Equal("a", ((NimEventTooLargeException)results[2]).PartialContent);
        }

        [Fact]
        public void A_bare_JSON_document_longer_than_the_limit_is_refused_but_a_long_transcript_of_small_events_is_not()
        {
            string transcript = string.Concat(Enumerable.Repeat(Sse.Text("x"), 100)) + Sse.Text("!", "stop") + Sse.Done;
            string response = Fixtures.WireText("chat-response-text-nim2.json").Trim();
            var decoder = new NimChunkDecoder(false, response.Length - 1);

            Assert.IsType<NimEventTooLargeException>(Assert.Single(decoder.AcceptText(response).Outcomes()));
            Assert.IsType<ChatCompletionResponse>(Assert.Single(new NimChunkDecoder(false, response.Length).AcceptText(response).Outcomes()));
            Assert.True(transcript.Length > 1000);
            Assert.DoesNotContain(new NimChunkDecoder(false, 1000).AcceptText(transcript).Outcomes(), r => r is System.Exception);
        }

        [Fact]
        public void A_limit_below_one_is_refused()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => new NimChunkDecoder(false, 0));
        }

        private static string Short(object result) => result switch
        {
            ChatCompletionEvent { EventType: ChatCompletionEventType.Progress } e => "Progress:" + e.Delta.Text,
            ChatCompletionEvent e => e.EventType.ToString(),
            _ => result.GetType().Name,
        };
    }
}
