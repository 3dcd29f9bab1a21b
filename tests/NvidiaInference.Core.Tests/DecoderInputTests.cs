using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>What NimChunkDecoder accepts as pipeline items besides SSE: bare JSON, [DONE], bad data, several transcripts.</summary>
    public class DecoderInputTests
    {
        [Fact]
        public void A_bare_chat_completion_gives_a_response()
        {
            List<object> results = StreamRun.DecodeItems(new[] { Fixtures.WireText("chat-response-text-nim2.json") });

            var response = Assert.IsType<ChatCompletionResponse>(Assert.Single(results));
            Assert.Equal("GPU computing uses graphics processors to run many calculations in parallel.", response.Content);
        }

        [Fact]
        public void A_bare_text_completion_gives_a_completion_response()
        {
            List<object> results = StreamRun.DecodeItems(new[] { Fixtures.WireText("completion-response-text.json") });

            var response = Assert.IsType<CompletionResponse>(Assert.Single(results));
            Assert.Equal(" Paris. The capital of Germany is Berlin.", response.Content);
        }

        [Fact]
        public void Bare_DONE_ends_a_stream_of_bare_chunks()
        {
            string chunk = Sse.Text("hi").Substring("data: ".Length).Trim();

            List<object> results = StreamRun.DecodeItems(new[] { chunk, "[DONE]" });

            Assert.Equal(new[] { ChatCompletionEventType.Start, ChatCompletionEventType.Progress, ChatCompletionEventType.Complete },
                results.Cast<ChatCompletionEvent>().Select(e => e.EventType));
        }

        [Fact]
        public void After_DONE_a_new_chunk_starts_a_new_stream()
        {
            string one = Fixtures.WireText("chat-stream-text.sse");

            List<ChatCompletionEvent> events = StreamRun.DecodeText(one + one).Cast<ChatCompletionEvent>().ToList();

            Assert.Equal(2, events.Count(e => e.EventType == ChatCompletionEventType.Start));
            Assert.Equal(2, events.Count(e => e.EventType == ChatCompletionEventType.Complete));
            int secondStart = events.FindLastIndex(e => e.EventType == ChatCompletionEventType.Start);
            Assert.Equal(ChatCompletionEventType.Complete, events[secondStart - 1].EventType);
        }

        [Theory]
        [InlineData("data: {not json\n\n")]
        [InlineData("data: [1,2]\n\n")]
        [InlineData("data: {\"hello\":\"world\"}\n\n")]
        [InlineData("{broken")]
        [InlineData("not sse at all")]
        public void Bad_data_is_reported_in_place_and_decoding_goes_on(string bad)
        {
            List<object> results = StreamRun.DecodeItems(new[] { Sse.Text("a"), bad, Sse.Text("b", "stop"), Sse.Done });

            Assert.Equal(new[] { "Start", "Progress:a", "NimProtocolException", "Progress:b", "Complete" }, results.Select(Short));
        }

        private static string Short(object result) => result switch
        {
            ChatCompletionEvent { EventType: ChatCompletionEventType.Progress } e => "Progress:" + e.Delta.Text,
            ChatCompletionEvent e => e.EventType.ToString(),
            _ => result.GetType().Name,
        };
    }
}
