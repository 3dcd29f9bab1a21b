using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// The SSE events <see cref="SseReader"/> (the one framer of byte streams, raw lines and pipeline text) sees for every
    /// .sse fixture, whatever sizes the bytes arrive in, and its line and event rules one by one.
    /// </summary>
    public class ByteStreamSseEventsTests
    {
        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void The_reader_sees_the_expected_events_and_keeps_the_unterminated_last_one(string file)
        {
            JsonNode sse = Fixtures.Expected(file)["sse"]!;
            var expected = sse["events"]!.AsArray().Select(e => ((string)e!["event"]!, (string)e["data"]!)).ToList();
            if ((bool)sse["discardedAtEof"]!["pendingData"]!)
            {
                string lastLine = StreamRun.Lines(Fixtures.WireText(file)).Last(l => l.Length > 0);
                expected.Add(("message", lastLine.Substring("data: ".Length)));
            }

            byte[] bytes = File.ReadAllBytes(Fixtures.Wire(file));
            foreach (int size in new[] { 1, 2, 3, 7, 64, 1 << 20 })
            {
                Assert.Equal(expected, Events(bytes, size));
            }
        }

        [Theory]
        [InlineData("data: a\r\ndata: b\r\rdata: c\n\n", "a\nb|c")]
        [InlineData("\uFEFFdata: x\n\n", "x")]
        [InlineData("data:x\ndata\n\n", "x\n")]
        [InlineData(": comment\nid: 7\nretry: 10\ndata: y\n\n", "y")]
        [InlineData("event: ping\n\ndata: z\n\n", "z")]
        [InlineData("data: w", "w")]
        public void Lines_end_at_CR_LF_and_CRLF_and_fields_follow_the_rules(string text, string joined)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            foreach (int size in new[] { 1, 2, 5, 100 })
            {
                List<(string Type, string Data)> events = Events(bytes, size);
                Assert.Equal(joined, string.Join("|", events.Select(e => e.Data)));
                Assert.All(events, e => Assert.Equal("message", e.Type));
            }
        }

        [Fact]
        public void An_event_field_names_the_type_and_a_blank_line_resets_it()
        {
            List<(string Type, string Data)> events = Events(Encoding.UTF8.GetBytes("event: error\ndata: e\n\ndata: m\n\n"), 3);

            Assert.Equal(new[] { ("error", "e"), ("message", "m") }, events);
        }

        [Fact]
        public void An_unknown_field_is_reported_and_does_not_end_the_event()
        {
            var reader = new SseReader(1024);
            reader.Append(Encoding.UTF8.GetBytes("data: a\nnonsense\ndata: b\n\n"));

            Assert.Equal(SseRecord.UnknownLine, reader.Read());
            Assert.Equal("nonsense", reader.LineText);
            Assert.Equal(SseRecord.Event, reader.Read());
            Assert.Equal("a\nb", Encoding.UTF8.GetString(reader.Data.ToArray()));
            Assert.Equal(SseRecord.NeedInput, reader.Read());
        }

        [Fact]
        public void A_line_past_the_limit_is_never_held_and_the_rest_of_its_event_is_skipped()
        {
            var reader = new SseReader(16);
            reader.Append(Encoding.UTF8.GetBytes("data: "));
            for (int i = 0; i < 1000; i++)
            {
                reader.Append(Encoding.UTF8.GetBytes(new string('x', 1000)));
                SseRecord record = reader.Read();
                Assert.Equal(i == 0 ? SseRecord.TooLarge : SseRecord.NeedInput, record);
            }

            reader.Append(Encoding.UTF8.GetBytes("\ndata: skipped\n\ndata: next\n\n"));
            Assert.Equal(SseRecord.Event, reader.Read());
            Assert.Equal("next", Encoding.UTF8.GetString(reader.Data.ToArray()));
        }

        [Fact]
        public void Text_items_end_their_own_lines()
        {
            var reader = new SseReader(1024);
            reader.AppendText("data: a\r");
            reader.AppendText("\n");
            Assert.Equal(SseRecord.Event, reader.Read());
            Assert.Equal("a", Encoding.UTF8.GetString(reader.Data.ToArray()));
        }

        private static List<(string Type, string Data)> Events(byte[] bytes, int size)
        {
            var reader = new SseReader(1 << 24);
            var events = new List<(string, string)>();
            int offset = 0;
            while (true)
            {
                SseRecord record = reader.Read();
                if (record == SseRecord.Event)
                {
                    events.Add((reader.EventType, Encoding.UTF8.GetString(reader.Data.ToArray())));
                }
                else if (record == SseRecord.NeedInput)
                {
                    if (offset == bytes.Length)
                    {
                        reader.Complete();
                        while (reader.Read() == SseRecord.Event)
                        {
                            events.Add((reader.EventType, Encoding.UTF8.GetString(reader.Data.ToArray())));
                        }

                        return events;
                    }

                    int count = System.Math.Min(size, bytes.Length - offset);
                    reader.Append(new System.ReadOnlySpan<byte>(bytes, offset, count));
                    offset += count;
                }
            }
        }
    }
}
