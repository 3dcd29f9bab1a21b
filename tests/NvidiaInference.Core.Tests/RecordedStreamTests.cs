using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Recorded server chunks, fed one JSON line each, give the Llama Stack events in <c>expected</c>.</summary>
    public class RecordedStreamTests
    {
        [Theory]
        [MemberData(nameof(FixtureData.RecordedStreams), MemberType = typeof(FixtureData))]
        public void Chunks_as_json_lines_give_the_expected_events(string file)
        {
            JsonNode recording = Fixtures.RecordedJson(file);
            IEnumerable<string> lines = recording["input"]!.AsArray().Select(chunk => chunk!.ToJsonString());

            List<object> results = StreamRun.DecodeItems(lines);

            Assert.All(results, r => Assert.IsType<ChatCompletionEvent>(r));
            List<ChatCompletionEvent> events = results.Cast<ChatCompletionEvent>().ToList();
            JsonArray expected = recording["expected"]!.AsArray();
            Assert.Equal(expected.Count, events.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                EventMatches(expected[i]!, events[i]);
            }
        }

        private static void EventMatches(JsonNode expected, ChatCompletionEvent actual)
        {
            Assert.Equal((string)expected["event_type"]!, Snake(actual.EventType.ToString()));
            Assert.Null(expected["logprobs"]);
            Assert.Null(actual.Logprobs);
            Assert.Equal((string?)expected["stop_reason"], actual.StopReason is StopReason reason ? Snake(reason.ToString()) : null);

            JsonNode delta = expected["delta"]!;
            Assert.Equal((string)delta["type"]!, Snake(actual.Delta.Type.ToString()));
            if (actual.Delta.Type == DeltaType.Text)
            {
                Assert.Equal((string)delta["text"]!, actual.Delta.Text);
                return;
            }

            Assert.Equal((string)delta["parse_status"]!, Snake(actual.Delta.ParseStatus!.Value.ToString()));
            JsonNode call = delta["tool_call"]!;
            ToolCall actualCall = actual.Delta.ToolCall!;
            Assert.Equal((string)call["call_id"]!, actualCall.CallId);
            Assert.Equal((string)call["tool_name"]!, actualCall.ToolName);
            JsonAssert.Equal(call["arguments"], JsonAssert.FromPlain(actualCall.Arguments));
        }

        /// <summary>EndOfTurn -> end_of_turn, ToolCall -> tool_call: Llama Stack's spelling of our enum names.</summary>
        private static string Snake(string pascal) =>
            string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
    }
}
