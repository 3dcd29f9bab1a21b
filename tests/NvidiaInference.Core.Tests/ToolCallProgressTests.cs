using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>toolCallProgress: a Started or InProgress event per streamed tool-call fragment, then the parsed call.</summary>
    public class ToolCallProgressTests
    {
        [Theory]
        [InlineData("chat-stream-openai-parallel-tool-calls.sse")]
        [InlineData("chat-stream-nim-complete-tool-call.sse")]
        [InlineData("chat-stream-nim-two-complete-tool-calls-one-delta.sse")]
        [InlineData("chat-stream-quirk-repeated-tool-name.sse")]
        [InlineData("chat-stream-quirk-cumulative-arguments.sse")]
        public void Each_fragment_gives_started_for_a_new_call_then_in_progress(string file)
        {
            // The call index of every fragment, read from the fixture's own event list, in arrival order.
            var fragments = new List<int>();
            foreach (JsonNode? sseEvent in Fixtures.Expected(file)["sse"]!["events"]!.AsArray())
            {
                string data = (string)sseEvent!["data"]!;
                if (data == "[DONE]" || JsonNode.Parse(data)!["choices"] is not JsonArray { Count: > 0 } choices ||
                    choices[0]!["delta"]?["tool_calls"] is not JsonArray toolCalls)
                {
                    continue;
                }

                fragments.AddRange(toolCalls.Select(t => (int)t!["index"]!));
            }

            List<ChatCompletionEvent> events = StreamRun.DecodeText(Fixtures.WireText(file), toolCallProgress: true)
                .Cast<ChatCompletionEvent>()
                .Where(e => e.Delta.ParseStatus is ToolCallParseStatus.Started or ToolCallParseStatus.InProgress)
                .ToList();

            Assert.NotEmpty(fragments);
            Assert.Equal(fragments.Count, events.Count);
            var seen = new HashSet<int>();
            for (int i = 0; i < fragments.Count; i++)
            {
                ToolCallParseStatus expected = seen.Add(fragments[i]) ? ToolCallParseStatus.Started : ToolCallParseStatus.InProgress;
                Assert.Equal(expected, events[i].Delta.ParseStatus);
                Assert.Equal(DeltaType.ToolCall, events[i].Delta.Type);
                Assert.Null(events[i].Delta.ToolCall!.Arguments);
            }

            // The fragment texts of each call add up to its arguments (for cumulative snapshots, only the new part counts).
            JsonArray calls = Fixtures.Expected(file)["aggregate"]!["choices"]![0]!["toolCalls"]!.AsArray();
            foreach (JsonNode? call in calls)
            {
                int index = (int)call!["index"]!;
                string added = string.Concat(Enumerable.Range(0, fragments.Count).Where(i => fragments[i] == index).Select(i => events[i].Delta.Text));
                Assert.Equal((string)call["arguments"]!, added);
            }

            // Every call is named from its first fragment on.
            Assert.All(events, e => Assert.NotEqual(string.Empty, e.Delta.ToolCall!.ToolName));
        }

        [Fact]
        public void Parsed_calls_come_after_all_fragments_when_the_choice_finishes()
        {
            List<ChatCompletionEvent> events = StreamRun.DecodeText(Fixtures.WireText("chat-stream-openai-parallel-tool-calls.sse"), toolCallProgress: true)
                .Cast<ChatCompletionEvent>()
                .ToList();

            int lastFragment = events.FindLastIndex(e => e.Delta.ParseStatus is ToolCallParseStatus.Started or ToolCallParseStatus.InProgress);
            int firstParsed = events.FindIndex(e => e.Delta.ParseStatus == ToolCallParseStatus.Succeeded);
            Assert.True(lastFragment < firstParsed);
            Assert.Equal(2, events.Count(e => e.Delta.ParseStatus == ToolCallParseStatus.Succeeded));
            Assert.Equal(ChatCompletionEventType.Complete, events[events.Count - 1].EventType);
        }
    }
}
