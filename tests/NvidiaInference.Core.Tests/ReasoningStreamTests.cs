using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Streams of reasoning models: Reasoning deltas, then Text, then tool calls; Complete's Response holds both.</summary>
    public class ReasoningStreamTests
    {
        private const string Thought = "17 has no divisor.";

        [Theory]
        [InlineData("chat-stream-reasoning-field.sse")]
        [InlineData("chat-stream-reasoning-both.sse")]
        public void Thinking_fields_give_Reasoning_deltas_counted_once(string file)
        {
            List<ChatCompletionEvent> events = Events(Fixtures.ReasoningText(file));
            Assert.Equal(new[] { "17", " has", " no", " divisor." }, Texts(events, DeltaType.Reasoning));
            Assert.Equal(new[] { "Yes,", " 17 is prime." }, Texts(events, DeltaType.Text));
            ChatCompletionResponse response = events.Last().Response!;
            Assert.Equal(Thought, response.Reasoning);
            Assert.Equal("Yes, 17 is prime.", response.Content);
            int lastReasoning = events.FindLastIndex(e => e.Delta.Type == DeltaType.Reasoning);
            int firstText = events.FindIndex(e => e.Delta.Type == DeltaType.Text && e.EventType == ChatCompletionEventType.Progress);
            Assert.True(lastReasoning < firstText, "the thinking comes before the answer");
        }

        [Fact]
        public void Reasoning_tokens_ride_on_the_Complete_event()
        {
            ChatCompletionEvent complete = Events(Fixtures.ReasoningText("chat-stream-reasoning-field.sse")).Last();
            Assert.Equal(4, complete.Usage!.ReasoningTokens);
            Assert.Equal(4, complete.Response!.Usage!.ReasoningTokens);
        }

        [Fact]
        public void Inline_tags_split_across_chunks_give_the_same_events_as_the_parsed_form()
        {
            List<ChatCompletionEvent> events = Events(Fixtures.ReasoningText("chat-stream-think-tags-split.sse"));
            Assert.Equal(Thought, string.Concat(Texts(events, DeltaType.Reasoning)));
            Assert.Equal("Yes, 17 is prime.", string.Concat(Texts(events, DeltaType.Text)));
            Assert.DoesNotContain(events, e => e.Delta.Text.Contains('<') || e.Delta.Text.Contains('>'));
            Assert.Equal(Thought, events.Last().Response!.Reasoning);
            Assert.Equal("Yes, 17 is prime.", events.Last().Response!.Content);
        }

        [Fact]
        public void Raw_content_streams_the_tags_as_text()
        {
            var decoder = new NimChunkDecoder(new ChatReadOptions(rawContent: true), NimChunkDecoder.DefaultMaxEventSize);
            List<ChatCompletionEvent> events = decoder.AcceptText(Fixtures.ReasoningText("chat-stream-think-tags-split.sse")).Outcomes().Concat(decoder.End().Outcomes()).Cast<ChatCompletionEvent>().ToList();
            Assert.Empty(Texts(events, DeltaType.Reasoning));
            Assert.Equal("<think>\n" + Thought + "\n</think>\n\nYes, 17 is prime.", events.Last().Response!.Content);
            Assert.Null(events.Last().Response!.Reasoning);
        }

        [Fact]
        public void Thinking_then_a_tool_call_keeps_both()
        {
            List<ChatCompletionEvent> events = Events(Fixtures.ReasoningText("chat-stream-reasoning-tool-calls.sse"));
            ChatCompletionResponse response = events.Last().Response!;
            Assert.Equal("The user wants the weather; call the tool.", response.Reasoning);
            Assert.Equal("Oslo", Assert.Single(response.ToolCalls).Arguments!["city"]);
            Assert.Equal(StopReason.EndOfMessage, response.StopReason);
            Message turn = response.AssistantTurn();
            Assert.Equal(response.Reasoning, turn.Reasoning);
            Assert.Single(turn.ToolCalls);
        }

        /// <summary>llama.cpp's streams: parsed thinking and thinking left inline give the same thinking.</summary>
        [Fact]
        public void Recorded_inline_tags_read_as_the_recorded_parsed_thinking()
        {
            ChatCompletionEvent parsed = Read("reasoning-stream").Last();
            ChatCompletionEvent inline = Read("reasoning-raw-think-tags-stream").Last();
            Assert.Equal(" kle nach ISBNilar", parsed.Response!.Reasoning);
            Assert.Equal(parsed.Response.Reasoning, inline.Response!.Reasoning);
            Assert.Equal(string.Empty, inline.Response.Content);
            Assert.Equal(parsed.StopReason, inline.StopReason);
        }

        [Theory]
        [InlineData("reasoning-stream", " kle nach ISBNilar", "")]
        [InlineData("reasoning-then-answer-stream", " kle nach ISBN", "ph passion lang")]
        [InlineData("reasoning-raw-think-tags-stream", " kle nach ISBNilar", "")]
        public void Recorded_streams_give_Reasoning_then_Text(string name, string reasoning, string content)
        {
            List<ChatCompletionEvent> events = Read(name);
            Assert.Equal(reasoning, string.Concat(Texts(events, DeltaType.Reasoning)));
            Assert.Equal(content, string.Concat(Texts(events, DeltaType.Text)));
            Assert.Equal(reasoning, events.Last().Response!.Reasoning);
            Assert.Equal(content, events.Last().Response!.Content);
        }

        [Fact]
        public void Recorded_stream_with_thinking_switched_off_has_no_Reasoning()
        {
            List<ChatCompletionEvent> events = Read("reasoning-off-stream");
            Assert.Empty(Texts(events, DeltaType.Reasoning));
            Assert.Null(events.Last().Response!.Reasoning);
            Assert.NotEqual(string.Empty, events.Last().Response!.Content);
        }

        [Fact]
        public void A_stream_cut_off_while_thinking_keeps_the_thinking_in_the_failure()
        {
            string transcript = Fixtures.ReasoningText("chat-stream-reasoning-field.sse");
            string cut = transcript.Substring(0, transcript.IndexOf("Yes,", System.StringComparison.Ordinal));
            cut = cut.Substring(0, cut.LastIndexOf("\n\n", System.StringComparison.Ordinal) + 2);
            var failure = Assert.IsType<NimStreamTruncatedException>(StreamRun.Read(Encoding.UTF8.GetBytes(cut)).Last());
            Assert.Equal(Thought, failure.PartialReasoning);
            Assert.Equal(string.Empty, failure.PartialContent);
        }

        [Fact]
        public void A_stream_that_ends_before_the_closing_tag_gives_its_thinking()
        {
            string transcript = string.Concat(new[] { "<thi", "nk>\nstill", " weighing" }.Select(piece => Sse.Chunk(piece))) + Sse.Finish("length") + Sse.Done;
            List<ChatCompletionEvent> events = Events(transcript);
            Assert.Equal("still weighing", string.Concat(Texts(events, DeltaType.Reasoning)));
            Assert.Empty(Texts(events, DeltaType.Text));
            Assert.Equal(StopReason.OutOfTokens, events.Last().StopReason);
        }

        [Fact]
        public void Thinking_sent_in_a_field_and_inline_in_a_stream_counts_once()
        {
            string Chunk(string delta) => "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n";
            string transcript = Chunk("{\"reasoning_content\":\"R1\",\"content\":\"<think>R1\"}") + Chunk("{\"reasoning_content\":\"R2\",\"content\":\"R2</think>\"}")
                + Chunk("{\"content\":\"A\"}") + Sse.Finish("stop") + Sse.Done;
            List<ChatCompletionEvent> events = Events(transcript);
            Assert.Equal(new[] { "R1", "R2" }, Texts(events, DeltaType.Reasoning));
            Assert.Equal("R1R2", events.Last().Response!.Reasoning);
            Assert.Equal("A", events.Last().Response!.Content);
        }

        /// <summary>Property: any cut of an inline-tag answer into chunks gives the same Reasoning and Content.</summary>
        [Fact]
        public void Any_cut_of_an_inline_answer_into_chunks_gives_the_same_Reasoning_and_Content()
        {
            const string content = "<think>\nFirst < second, and 17 > 4.\n</think>\n\nYes, 17 is prime.";
            Property.Fuzz(Gen.Int[0, content.Length].Array[0, 10], cuts =>
            {
                int at = 0;
                var pieces = new List<string>();
                foreach (int cut in cuts.OrderBy(c => c))
                {
                    pieces.Add(content.Substring(at, cut - at));
                    at = cut;
                }

                pieces.Add(content.Substring(at));
                ChatCompletionResponse response = Events(string.Concat(pieces.Select(Sse.Chunk)) + Sse.Finish("stop") + Sse.Done).Last().Response!;
                Assert.Equal("First < second, and 17 > 4.", response.Reasoning);
                Assert.Equal("Yes, 17 is prime.", response.Content);
            }, cases: 500);
        }

        private static List<string> Texts(IEnumerable<ChatCompletionEvent> events, DeltaType type) =>
            events.Where(e => e.EventType == ChatCompletionEventType.Progress && e.Delta.Type == type).Select(e => e.Delta.Text).ToList();

        private static List<ChatCompletionEvent> Events(string transcript) =>
            StreamRun.Read(Encoding.UTF8.GetBytes(transcript)).Select(item => Assert.IsType<ChatCompletionEvent>(item)).ToList();

        private static List<ChatCompletionEvent> Read(string recording) =>
            Events(File.ReadAllText(Path.Combine(Fixtures.LlamaCppReasoningDir, recording + ".sse")));

        /// <summary>Chat chunks written for these tests.</summary>
        private static class Sse
        {
            public const string Done = "data: [DONE]\n\n";

            public static string Chunk(string content) =>
                "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + System.Text.Json.JsonSerializer.Serialize(content) + "},\"finish_reason\":null}]}\n\n";

            public static string Finish(string reason) =>
                "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
        }
    }
}
