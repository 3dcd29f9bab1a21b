using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>SseLineDecoder against the exact event lists of every .sse.expected.json, plus the rules one at a time.</summary>
    public class SseLineDecoderTests
    {
        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void Fixture_lines_give_exactly_the_expected_events(string file)
        {
            JsonNode sse = Fixtures.Expected(file)["sse"]!;
            string text = Fixtures.WireText(file);
            var expected = sse["events"]!.AsArray()
                .Select(e => ((string)e!["event"]!, (string)e["data"]!, (string)e["lastEventId"]!))
                .ToList();

            // docs/responses.md, SSE framing: a final event without its blank line still counts (WHATWG would discard it).
            if ((bool)sse["discardedAtEof"]!["pendingData"]!)
            {
                string lastLine = StreamRun.Lines(text).Last(l => l.Length > 0);
                Assert.StartsWith("data: ", lastLine);
                expected.Add(("message", lastLine.Substring("data: ".Length), (string)sse["lastEventId"]!));
            }

            Assert.Equal(expected, Decode(SseLineDecoder.SplitLines(text)));
            Assert.Equal(expected, Decode(StreamRun.Lines(text)));
        }

        [Theory]
        [InlineData("a\nb", new[] { "a", "b" })]
        [InlineData("a\rb", new[] { "a", "b" })]
        [InlineData("a\r\nb", new[] { "a", "b" })]
        [InlineData("a\n\nb\n", new[] { "a", "", "b" })]
        [InlineData("a\r\r\n\n", new[] { "a", "", "" })]
        [InlineData("\r\n", new[] { "" })]
        [InlineData("", new string[0])]
        [InlineData("last line without end", new[] { "last line without end" })]
        public void SplitLines_splits_at_CR_LF_and_CRLF(string text, string[] expected)
        {
            Assert.Equal(expected, SseLineDecoder.SplitLines(text));
        }

        [Fact]
        public void A_blank_line_after_a_dataless_block_resets_the_event_type()
        {
            var events = Decode(new[] { "event: ping", "", "data: x", "" });

            Assert.Equal(new[] { ("message", "x", "") }, events);
        }

        [Fact]
        public void Event_type_and_id_are_read_and_the_id_persists()
        {
            var events = Decode(new[] { "id: 7", "event: error", "data: a", "", "data: b", "", "id: x\0y", "data: c", "" });

            Assert.Equal(new[] { ("error", "a", "7"), ("message", "b", "7"), ("message", "c", "7") }, events);
        }

        [Fact]
        public void Comments_and_unknown_fields_dispatch_nothing()
        {
            Assert.Empty(Decode(new[] { ": keep-alive", "", ":", "", "foo: bar", "" }));
        }

        [Fact]
        public void A_pending_event_is_flushed_at_the_end_and_only_once()
        {
            var decoder = new SseLineDecoder();
            Assert.False(decoder.Feed("data: last", out _));
            Assert.True(decoder.HasPendingEvent);

            Assert.True(decoder.Flush(out SseEvent flushed));
            Assert.Equal("last", flushed.Data);
            Assert.False(decoder.HasPendingEvent);
            Assert.False(decoder.Flush(out _));
        }

        private static List<(string Event, string Data, string Id)> Decode(IEnumerable<string> lines)
        {
            var decoder = new SseLineDecoder();
            var events = new List<(string, string, string)>();
            foreach (string line in lines)
            {
                if (decoder.Feed(line, out SseEvent dispatched))
                {
                    events.Add((dispatched.EventType, dispatched.Data, dispatched.LastEventId));
                }
            }

            if (decoder.Flush(out SseEvent last))
            {
                events.Add((last.EventType, last.Data, last.LastEventId));
            }

            return events;
        }
    }
}
