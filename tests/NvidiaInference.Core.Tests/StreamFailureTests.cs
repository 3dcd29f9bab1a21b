using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>In-stream errors and truncated streams: everything before is emitted, then the failure, never a Complete.</summary>
    public class StreamFailureTests
    {
        private static readonly string TwoTextChunks = Sse.Chunk("{\"role\":\"assistant\",\"content\":\"\"}") + Sse.Text("Hel") + Sse.Text("lo");

        [Theory]
        [InlineData("data: {\"error\":{\"message\":\"boom\",\"type\":\"InternalServerError\",\"code\":500}}\n\n")]
        [InlineData("data: {\"object\":\"error\",\"message\":\"boom\",\"code\":400}\n\n")]
        [InlineData("data: {\"error\":\"boom\"}\n\n")]
        [InlineData("event: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n")]
        [InlineData("event: error\ndata: {\"message\":\"boom\"}\n\n")]
        public void Error_in_the_stream_comes_after_every_earlier_event(string errorEvent)
        {
            string transcript = TwoTextChunks + errorEvent + Sse.Done;

            foreach (List<object> results in new[] { StreamRun.DecodeText(transcript), StreamRun.Read(Encoding.UTF8.GetBytes(transcript)) })
            {
                Assert.Equal(new[] { "Start:", "Progress:Hel", "Progress:lo" }, results.Take(3).Select(Short));
                var error = Assert.IsType<NimStreamErrorException>(results[3]);
                Assert.Equal("boom", error.ServerError.Message);
                Assert.Equal("Hello", error.PartialContent);
                Assert.Equal(4, results.Count);
            }
        }

        [Theory]
        [InlineData("upstream worker disconnected")]
        [InlineData("\"upstream worker disconnected\"")]
        public void Error_event_whose_data_is_not_a_json_object_still_carries_the_text_so_far(string data)
        {
            // An `event: error` ends the stream with an error whatever its data (docs/errors.md, Errors inside a stream).
            string transcript = TwoTextChunks + "event: error\ndata: " + data + "\n\n";

            List<object> results = StreamRun.DecodeText(transcript);

            Assert.Equal(new[] { "Start:", "Progress:Hel", "Progress:lo" }, results.Take(3).Select(Short));
            var error = Assert.IsType<NimStreamErrorException>(results[3]);
            Assert.Contains("upstream worker disconnected", error.ServerError.Message);
            Assert.Equal("Hello", error.PartialContent);
            Assert.Equal(4, results.Count);
        }

        [Fact]
        public void Error_after_tool_call_fragments_keeps_the_partial_calls()
        {
            string transcript = Sse.Chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}")
                + Sse.Chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}")
                + Sse.Data("{\"error\":{\"message\":\"boom\"}}");

            var error = Assert.IsType<NimStreamErrorException>(StreamRun.DecodeText(transcript).Last());

            ToolCall call = Assert.Single(error.PartialToolCalls);
            Assert.Equal(("call_1", "get_weather", "{\"city\":"), (call.CallId, call.ToolName, call.ArgumentsJson));
        }

        [Fact]
        public void Stream_without_finish_reason_or_DONE_is_truncated()
        {
            foreach (List<object> results in new[] { StreamRun.DecodeText(TwoTextChunks), StreamRun.Read(Encoding.UTF8.GetBytes(TwoTextChunks)) })
            {
                Assert.Equal(new[] { "Start:", "Progress:Hel", "Progress:lo" }, results.Take(3).Select(Short));
                var truncated = Assert.IsType<NimStreamTruncatedException>(results[3]);
                Assert.Equal("Hello", truncated.PartialContent);
                Assert.Equal(4, results.Count);
            }
        }

        [Fact]
        public void Truncated_stream_keeps_the_tool_call_fragments_it_had()
        {
            string transcript = Sse.Chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}]}");

            var truncated = Assert.IsType<NimStreamTruncatedException>(StreamRun.DecodeText(transcript).Last());

            ToolCall call = Assert.Single(truncated.PartialToolCalls);
            Assert.Equal(("call_1", "f", "{\"a\""), (call.CallId, call.ToolName, call.ArgumentsJson));
        }

        [Fact]
        public void End_of_input_after_a_finish_reason_is_a_normal_completion()
        {
            List<object> results = StreamRun.Read(Encoding.UTF8.GetBytes(TwoTextChunks + Sse.Text("!", "stop")));

            Assert.Equal(new[] { "Start:", "Progress:Hel", "Progress:lo", "Progress:!", "Complete:" }, results.Select(Short));
        }

        [Fact]
        public void Empty_stream_still_gives_start_and_complete()
        {
            // docs/responses.md, Streams: a stream that is only [DONE] still gives Start and Complete.
            List<object> results = StreamRun.Read(Encoding.UTF8.GetBytes(Sse.Done));

            Assert.Equal(new[] { "Start:", "Complete:" }, results.Select(Short));
            Assert.Null(((ChatCompletionEvent)results[1]).StopReason);
            Assert.Null(((ChatCompletionEvent)results[1]).Response!.StopReason);
        }

        [Fact]
        public void Body_with_no_events_at_all_is_truncated_not_a_silent_success()
        {
            // Neither [DONE] nor a finish_reason arrived (docs/responses.md, Streams: not an empty success).
            List<object> results = StreamRun.Read(new byte[0]);

            Assert.IsType<NimStreamTruncatedException>(Assert.Single(results));
        }

        private static string Short(object result) => result is ChatCompletionEvent e ? $"{e.EventType}:{e.Delta.Text}" : result.GetType().Name;
    }
}
