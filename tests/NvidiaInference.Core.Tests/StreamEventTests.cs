using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>The chat stream event rules of docs/responses.md, Streams, on small synthetic streams.</summary>
    public class StreamEventTests
    {
        [Theory]
        [InlineData("stop", StopReason.EndOfTurn)]
        [InlineData("length", StopReason.OutOfTokens)]
        [InlineData("tool_calls", StopReason.EndOfMessage)]
        [InlineData("content_filter", StopReason.EndOfTurn)]
        [InlineData("abort", StopReason.EndOfTurn)]
        [InlineData("eos", StopReason.EndOfTurn)]
        public void Finish_reason_maps_to_the_stop_reason(string finishReason, StopReason expected)
        {
            Assert.Equal(expected, Complete(Sse.Text("a") + Sse.Text("", finishReason) + Sse.Done).StopReason);
        }

        [Theory]
        [InlineData("length", null, StopReason.OutOfTokens)]
        [InlineData("stop", "length", StopReason.OutOfTokens)]
        [InlineData("length", "stop", StopReason.EndOfTurn)]
        public void The_last_non_null_finish_reason_decides(string first, string? second, StopReason expected)
        {
            string transcript = Sse.Text("a", first) + Sse.Chunk("{}", second) + Sse.Done;

            Assert.Equal(expected, Complete(transcript).StopReason);
        }

        [Fact]
        public void DONE_without_any_finish_reason_completes_with_no_stop_reason()
        {
            ChatCompletionEvent complete = Complete(Sse.Text("a") + Sse.Done);

            Assert.Null(complete.StopReason);
            Assert.Null(complete.Response!.StopReason);
            Assert.Equal("a", complete.Response.Content);
        }

        [Fact]
        public void Role_only_empty_and_finish_only_chunks_give_no_progress_event()
        {
            string transcript = Sse.Chunk("{\"role\":\"assistant\"}") + Sse.Chunk("{\"content\":null}") + Sse.Text("") + Sse.Text("x") + Sse.Chunk("{}", "stop") + Sse.Done;

            List<ChatCompletionEvent> events = Events(transcript);

            Assert.Equal(new[] { ChatCompletionEventType.Start, ChatCompletionEventType.Progress, ChatCompletionEventType.Complete }, events.Select(e => e.EventType));
            Assert.Equal("x", events[1].Delta.Text);
        }

        [Fact]
        public void Usage_is_the_last_non_null_one_and_a_usage_only_chunk_gives_no_event()
        {
            string transcript = Sse.Chunk("{\"content\":\"a\"}", chunkExtra: ",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}")
                + Sse.Chunk("{}", "stop", chunkExtra: ",\"usage\":null")
                + Sse.Data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}")
                + Sse.Done;

            List<ChatCompletionEvent> events = Events(transcript);

            Assert.Equal(3, events.Count);
            Assert.Equal((5L, 2L, 7L), (events[2].Usage!.PromptTokens, events[2].Usage!.CompletionTokens, events[2].Usage!.TotalTokens));
        }

        [Fact]
        public void Text_progress_events_carry_their_own_logprobs_and_textless_logprobs_go_on_complete()
        {
            string logprobs(string token, double value) =>
                $",\"logprobs\":{{\"content\":[{{\"token\":\"{token}\",\"logprob\":{value},\"top_logprobs\":[]}}]}}";
            string transcript = Sse.Chunk("{\"content\":\"Hi\"}", choiceExtra: logprobs("Hi", -0.5))
                + Sse.Chunk("{\"content\":\"\"}", "stop", choiceExtra: logprobs("<eos>", -0.25))
                + Sse.Done;

            List<ChatCompletionEvent> events = Events(transcript);

            TokenLogprobs hi = Assert.Single(events[1].Logprobs!);
            Assert.Equal(("Hi", -0.5), (hi.Token, hi.Logprob!.Value));
            Assert.Equal(-0.5, hi.LogprobsByToken["Hi"]);
            TokenLogprobs eos = Assert.Single(events[2].Logprobs!);
            Assert.Equal(("<eos>", -0.25), (eos.Token, eos.Logprob!.Value));
        }

        [Fact]
        public void Text_and_tool_call_in_one_delta_give_the_text_then_the_call_at_the_finish()
        {
            string transcript = Sse.Chunk("{\"content\":\"Let me check.\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}")
                + Sse.Chunk("{}", "tool_calls") + Sse.Done;

            List<ChatCompletionEvent> events = Events(transcript);

            Assert.Equal("Let me check.", events[1].Delta.Text);
            Assert.Equal(("call_1", ToolCallParseStatus.Succeeded), (events[2].Delta.ToolCall!.CallId, events[2].Delta.ParseStatus!.Value));
            Assert.Equal(StopReason.EndOfMessage, events[3].StopReason);
        }

        [Theory]
        [InlineData("", ToolCallParseStatus.Succeeded)]
        [InlineData("{\\\"a\\\":", ToolCallParseStatus.Failed)]
        [InlineData("[1,2]", ToolCallParseStatus.Failed)]
        public void Tool_call_arguments_that_do_not_parse_give_a_failed_event_with_the_raw_text(string arguments, ToolCallParseStatus expected)
        {
            string transcript = Sse.Chunk($"{{\"tool_calls\":[{{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{{\"name\":\"f\",\"arguments\":\"{arguments}\"}}}}]}}", "length") + Sse.Done;

            ChatCompletionEvent call = Events(transcript).Single(e => e.Delta.Type == DeltaType.ToolCall);

            Assert.Equal(expected, call.Delta.ParseStatus);
            Assert.Equal(arguments.Replace("\\\"", "\""), call.Delta.ToolCall!.ArgumentsJson);
            Assert.Equal(call.Delta.ToolCall.ArgumentsJson, call.Delta.Text);
            Assert.Equal(expected == ToolCallParseStatus.Succeeded, call.Delta.ToolCall.Arguments is not null);
        }

        [Fact]
        public void Calls_still_open_at_DONE_are_emitted_before_complete()
        {
            string transcript = Sse.Chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}}]}") + Sse.Done;

            List<ChatCompletionEvent> events = Events(transcript);

            Assert.Equal(ToolCallParseStatus.Succeeded, events[1].Delta.ParseStatus);
            Assert.Equal(1L, events[1].Delta.ToolCall!.Arguments!["x"]);
            Assert.Equal(ChatCompletionEventType.Complete, events[2].EventType);
        }

        [Fact]
        public void Choices_other_than_the_first_are_ignored()
        {
            string transcript = Sse.Text("a")
                + Sse.Data("{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"},\"finish_reason\":null}]}")
                + Sse.Text("b", "stop") + Sse.Done;

            Assert.Equal("ab", string.Concat(Events(transcript).Select(e => e.Delta.Text)));
        }

        private static List<ChatCompletionEvent> Events(string transcript)
        {
            List<object> results = StreamRun.DecodeText(transcript);
            Assert.All(results, r => Assert.IsType<ChatCompletionEvent>(r));
            return results.Cast<ChatCompletionEvent>().ToList();
        }

        private static ChatCompletionEvent Complete(string transcript)
        {
            ChatCompletionEvent last = Events(transcript).Last();
            Assert.Equal(ChatCompletionEventType.Complete, last.EventType);
            return last;
        }
    }
}
