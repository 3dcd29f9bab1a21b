using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// <see cref="SseReader"/> fed as the pipeline feeds it, one line (or block of lines) of text per item, against the
    /// exact event lists of every .sse.expected.json, plus the rules one at a time.
    /// </summary>
    public class SseTextLineTests
    {
        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void Fixture_lines_give_exactly_the_expected_events(string file)
        {
            JsonNode sse = Fixtures.Expected(file)["sse"]!;
            string text = Fixtures.WireText(file);
            var expected = sse["events"]!.AsArray().Select(e => ((string)e!["event"]!, (string)e["data"]!)).ToList();

            // docs/responses.md, SSE framing: a final event without its blank line still counts (WHATWG would discard it).
            if ((bool)sse["discardedAtEof"]!["pendingData"]!)
            {
                string lastLine = StreamRun.Lines(text).Last(l => l.Length > 0);
                Assert.StartsWith("data: ", lastLine);
                expected.Add(("message", lastLine.Substring("data: ".Length)));
            }

            Assert.Equal(expected, Decode(StreamRun.Lines(text)));
            Assert.Equal(expected, Decode(new[] { text }));
        }

        [Fact]
        public void A_blank_line_after_a_dataless_block_resets_the_event_type()
        {
            Assert.Equal(new[] { ("message", "x") }, Decode(new[] { "event: ping", "", "data: x", "" }));
        }

        [Fact]
        public void A_large_block_reads_as_its_lines_do()
        {
            // Over 16K characters, with multi-byte text and a surrogate pair on every line, so parts end anywhere.
            // A comment line first, so long that the first part ends exactly on the high half of the first emoji.
            string first = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"é数";
            string comment = ":" + new string('x', 16 * 1024 - 1 - first.Length - 2) + "\n";
            Assert.True(char.IsHighSurrogate((comment + first + "😀")[16 * 1024 - 1]));
            string text = comment + string.Concat(Enumerable.Range(0, 900).Select(i => "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"é数😀" + i + "\"}}]}\r\n\r\n"));
            Assert.True(text.Length > 20_000);

            var block = new NimChunkDecoder();
            var lines = new NimChunkDecoder();
            var fromBlock = block.AcceptText(text).Concat(block.End()).Select(i => ResultText.Describe(i.Failure ?? i.Result!)).ToList();
            var lineItems = StreamRun.Lines(text).SelectMany(l => lines.AcceptText(l)).ToList();
            lineItems.AddRange(lines.End());
            var fromLines = lineItems.Select(i => ResultText.Describe(i.Failure ?? i.Result!)).ToList();

            Assert.Equal(fromLines, fromBlock);
            Assert.Contains("text=[é数😀899]", fromBlock[900]);
            Assert.Equal(900, Decode(new[] { text }).Count);
        }

        [Fact]
        public void An_empty_event_type_is_no_type()
        {
            Assert.Equal(new[] { ("message", "x"), ("message", "y") }, Decode(new[] { "event:", "data: x", "", "event", "data: y", "" }));

            var reader = new SseReader(1024);
            reader.AppendText("event:");
            Assert.Equal(SseRecord.NeedInput, reader.Read());
            Assert.False(reader.HasPendingEvent);
        }

        [Fact]
        public void Input_after_a_completed_one_starts_afresh()
        {
            var reader = new SseReader(16);
            reader.AppendText("data: " + new string('x', 40));
            Assert.Equal(SseRecord.TooLarge, reader.Read());
            reader.Complete();
            Assert.Equal(SseRecord.NeedInput, reader.Read());

            reader.AppendText("data: next");
            reader.AppendText(string.Empty);
            Assert.Equal(SseRecord.Event, reader.Read());
            Assert.Equal("next", Encoding.UTF8.GetString(reader.Data.ToArray()));
        }

        [Fact]
        public void Event_types_are_read_and_ids_are_accepted()
        {
            var events = Decode(new[] { "id: 7", "event: error", "data: a", "", "data: b", "", "id: x\0y", "data: c", "" });

            Assert.Equal(new[] { ("error", "a"), ("message", "b"), ("message", "c") }, events);
        }

        [Fact]
        public void Comments_dispatch_nothing_and_unknown_fields_are_reported()
        {
            var reader = new SseReader(1024);
            var records = new List<SseRecord>();
            foreach (string line in new[] { ": keep-alive", "", ":", "", "foo: bar", "" })
            {
                reader.AppendText(line);
                for (SseRecord record = reader.Read(); record != SseRecord.NeedInput; record = reader.Read())
                {
                    records.Add(record);
                }
            }

            Assert.Equal(new[] { SseRecord.UnknownLine }, records);
        }

        [Fact]
        public void A_pending_event_is_dispatched_at_the_end_and_only_once()
        {
            var reader = new SseReader(1024);
            reader.AppendText("data: last");
            Assert.Equal(SseRecord.NeedInput, reader.Read());
            Assert.True(reader.HasPendingEvent);

            reader.Complete();
            Assert.Equal(SseRecord.Event, reader.Read());
            Assert.Equal("last", Encoding.UTF8.GetString(reader.Data.ToArray()));
            Assert.False(reader.HasPendingEvent);
            Assert.Equal(SseRecord.NeedInput, reader.Read());
        }

        private static List<(string Event, string Data)> Decode(IEnumerable<string> items)
        {
            var reader = new SseReader(1 << 24);
            var events = new List<(string, string)>();
            foreach (string item in items)
            {
                reader.AppendText(item);
                Drain(reader, events);
            }

            reader.Complete();
            Drain(reader, events);
            return events;
        }

        private static void Drain(SseReader reader, List<(string, string)> events)
        {
            for (SseRecord record = reader.Read(); record != SseRecord.NeedInput; record = reader.Read())
            {
                if (record == SseRecord.Event)
                {
                    events.Add((reader.EventType, Encoding.UTF8.GetString(reader.Data.ToArray())));
                }
            }
        }
    }
}
