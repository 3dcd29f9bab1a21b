using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using NvidiaInference.Json;
using NvidiaInference.Requests;
using NvidiaInference.Responses;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Hostile streams (issue 6): each gives either the correct events or a clear module error, within bounded memory.
    /// Large and long streams are generated as they are read, never materialized.
    /// </summary>
    public class HostileInputTests
    {
        private const int MiB = 1024 * 1024;
        private static readonly string Start = Sse.Chunk("{\"role\":\"assistant\",\"content\":\"\"}");

        [Fact]
        public void A_50_MB_line_is_refused_having_read_no_more_than_the_limit()
        {
            using var stream = new GeneratedStream(Concat(
                GeneratedStream.Text(Start + Sse.Text("a") + "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""),
                GeneratedStream.Filler((byte)'x', 50L * 1000 * 1000),
                GeneratedStream.Text("\"}}]}\n\n" + Sse.Done)));

            List<object> results = StreamRun.Read(stream);

            Assert.Equal(new[] { "Start:", "Progress:a" }, results.Take(2).Select(Short));
            var tooLarge = Assert.IsType<NimEventTooLargeException>(Assert.Single(results.Skip(2)));
            Assert.Equal(NimChunkDecoder.DefaultMaxEventSize, tooLarge.MaxEventSize);
            Assert.Equal("a", tooLarge.PartialContent);
            Assert.Contains("16 MiB", tooLarge.Message);
            Assert.DoesNotContain("-MaxEventSize", tooLarge.Message); // The cmdlet layer gives that advice (NimErrorRecords).
            Assert.InRange(stream.BytesRead, NimChunkDecoder.DefaultMaxEventSize, NimChunkDecoder.DefaultMaxEventSize + stream.MaxRead + 1024);
        }

        [Fact]
        public void Memory_stays_bounded_by_the_limit_whatever_the_line_length()
        {
            NimStreamReader.Read(new GeneratedStream(GeneratedStream.Text(Sse.Done)), new NimChunkDecoder(false, MiB)).ToList();
            using var stream = new GeneratedStream(Concat(GeneratedStream.Text("data: \""), GeneratedStream.Filler((byte)'x', 50L * 1000 * 1000)));

            long before = GC.GetAllocatedBytesForCurrentThread();
            List<object> results = StreamRun.Read(stream, new NimChunkDecoder(false, MiB));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.IsType<NimEventTooLargeException>(Assert.Single(results));
            Assert.True(allocated < 16L * MiB, $"Reading a 50 MB line with a 1 MiB limit allocated {allocated / MiB} MiB.");
        }

        [Fact]
        public void A_50_MB_event_is_read_whole_when_the_limit_allows_it()
        {
            using var stream = new GeneratedStream(Concat(
                GeneratedStream.Text("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""),
                GeneratedStream.Filler((byte)'x', 50L * 1000 * 1000),
                GeneratedStream.Text("\"},\"finish_reason\":\"stop\"}]}\n\n" + Sse.Done)));

            List<object> results = StreamRun.Read(stream, new NimChunkDecoder(false, 64 * MiB));

            Assert.Equal(new[] { "Start:", "Progress:", "Complete:" }, results.Select(r => Short(r).Split(':')[0] + ":"));
            Assert.Equal(50 * 1000 * 1000, ((ChatCompletionEvent)results[1]).Delta.Text.Length);
        }

        [Fact]
        public void Two_million_tiny_events_stream_through_in_bounded_memory()
        {
            const int Events = 2_000_000;
            byte[] tiny = Encoding.UTF8.GetBytes(": ping\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n");
            using var stream = new GeneratedStream(Concat(
                GeneratedStream.Text(Start),
                GeneratedStream.Repeat(tiny, Events),
                GeneratedStream.Text(Sse.Text("!", "stop") + Sse.Done)));
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            long largestGrowth = 0;
            int progress = 0;
            ChatCompletionEvent? last = null;

            foreach (ChatCompletionEvent item in NimStreamReader.ReadChat(stream))
            {
                progress += item.EventType == ChatCompletionEventType.Progress ? 1 : 0;
                if (progress % 500_000 == 0)
                {
                    largestGrowth = Math.Max(largestGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                last = item;
            }

            Assert.Equal(Events + 1, progress);
            Assert.Equal(ChatCompletionEventType.Complete, last!.EventType);
            // What is kept is the text for the final response (2 million characters): nothing per event beyond it.
            Assert.True(largestGrowth < 32L * MiB, $"The heap grew by {largestGrowth / MiB} MiB while 2 million events streamed.");
        }

        [Theory]
        [InlineData(new byte[] { 0xFF }, "\uFFFD")]
        [InlineData(new byte[] { 0xC3, 0x28 }, "\uFFFD(")]
        [InlineData(new byte[] { 0xE2, 0x82 }, "\uFFFD")]
        [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\uFFFD\uFFFD\uFFFD")]
        [InlineData(new byte[] { 0xC0, 0xAF }, "\uFFFD\uFFFD")]
        public void Invalid_UTF8_in_text_becomes_replacement_characters(byte[] invalid, string expected)
        {
            byte[] transcript = Bytes(Start, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a", invalid, "b\"},\"finish_reason\":\"stop\"}]}\n\n", Sse.Done);

            foreach (List<object> results in new[] { StreamRun.Read(transcript), StreamRun.Read(new ChunkedReadStream(transcript, new[] { 1 })) })
            {
                Assert.Equal(new[] { "Start:", "Progress:a" + expected + "b", "Complete:" }, results.Select(Short));
            }
        }

        [Fact]
        public void Invalid_UTF8_outside_a_string_is_a_clear_error_after_the_events_before_it()
        {
            byte[] transcript = Bytes(Start, Sse.Text("a"), "data: {\"choices\":", new byte[] { 0xFF }, "[]}\n\n", Sse.Done);

            List<object> results = StreamRun.Read(transcript);

            Assert.Equal(new[] { "Start:", "Progress:a", "NimProtocolException" }, results.Select(Short));
        }

        [Theory]
        [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\0b\"}}]}\n\n", "NimProtocolException")]
        [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\0\n\n", "NimProtocolException")]
        [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\\u0000b\"}}]}\n\n", "Progress:a\0b")]
        [InlineData(": a comment with \0 in it\n\n", null)]
        [InlineData("\0\n\n", null)]
        [InlineData("id: \0\n\n", null)]
        public void NUL_bytes_give_the_text_or_a_clear_error(string nulEvent, string? expected)
        {
            byte[] transcript = Bytes(Start, Sse.Text("x"), nulEvent, Sse.Text("y", "stop"), Sse.Done);

            List<string> results = StreamRun.Read(transcript).Select(Short).ToList();

            Assert.Equal(new[] { "Start:", "Progress:x" }, results.Take(2));
            if (expected is "NimProtocolException")
            {
                Assert.Equal(new[] { expected }, results.Skip(2));
            }
            else
            {
                Assert.Equal((expected is null ? Array.Empty<string>() : new[] { expected }).Concat(new[] { "Progress:y", "Complete:" }), results.Skip(2));
            }
        }

        [Theory]
        [InlineData("data: [DONE]")]
        [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}]}")]
        [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}]}\r")]
        public void A_final_line_without_any_line_end_still_completes_the_stream(string last)
        {
            string transcript = Start + Sse.Text("a") + last;

            foreach (List<object> results in new[] { StreamRun.Read(Encoding.UTF8.GetBytes(transcript)), StreamRun.DecodeText(transcript) })
            {
                Assert.Equal(ChatCompletionEventType.Complete, Assert.IsType<ChatCompletionEvent>(results.Last()).EventType);
                Assert.DoesNotContain(results, r => r is Exception);
            }
        }

        [Theory]
        [InlineData("data:\n\n", null)]
        [InlineData("data: \n\n", null)]
        [InlineData("data:\ndata:\n\n", null)]
        [InlineData("data: hello\n\n", "NimProtocolException")]
        [InlineData("data: [DONE\n\n", "NimProtocolException")]
        [InlineData("data: {\n\n", "NimProtocolException")]
        [InlineData("data: {\"choices\":[\n\n", "NimProtocolException")]
        public void Data_without_JSON_is_skipped_when_empty_and_a_clear_error_otherwise(string dataEvent, string? expected)
        {
            string transcript = Start + Sse.Text("a") + dataEvent + Sse.Text("b", "stop") + Sse.Done;

            List<string> read = StreamRun.Read(Encoding.UTF8.GetBytes(transcript)).Select(Short).ToList();
            List<string> decoded = StreamRun.DecodeText(transcript).Select(Short).ToList();

            if (expected is null)
            {
                Assert.Equal(new[] { "Start:", "Progress:a", "Progress:b", "Complete:" }, read);
                Assert.Equal(read, decoded);
            }
            else
            {
                // The reader stops at the first bad event; the pipeline decoder reports it and goes on.
                Assert.Equal(new[] { "Start:", "Progress:a", expected }, read);
                Assert.Equal(new[] { "Start:", "Progress:a", expected, "Progress:b", "Complete:" }, decoded);
            }
        }

        public static TheoryData<string, string> WrongShapes => new TheoryData<string, string>
        {
            { "[1,2]", "NimProtocolException" },
            { "\"text\"", "NimProtocolException" },
            { "42", "NimProtocolException" },
            { "null", "NimProtocolException" },
            { "{}", "NimProtocolException" },
            { "{\"choices\":\"x\"}", "NimProtocolException" },
            { "{\"object\":\"chat.completion.chunk\",\"choices\":\"x\"}", "NimProtocolException" },
            { "{\"object\":\"chat.completion.chunk\",\"choices\":[\"x\",1,null]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":\"x\"}]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":42}}]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":{\"a\":1}}}]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":{}}}]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[1,\"x\",null,[]]}}]}", "" },
            { "{\"choices\":[{\"index\":\"0\",\"delta\":{\"content\":\"z\"}}]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":42}]}", "" },
            { "{\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":\"x\"}]}", "" },
            { "{\"choices\":[],\"usage\":\"lots\"}", "" },
        };

        [Theory]
        [MemberData(nameof(WrongShapes))]
        public void JSON_of_the_wrong_shape_gives_a_clear_error_or_is_ignored_where_it_is_harmless(string json, string expected)
        {
            string transcript = Start + Sse.Text("a") + Sse.Data(json) + Sse.Text("b", "stop") + Sse.Done;

            List<string> read = StreamRun.Read(Encoding.UTF8.GetBytes(transcript)).Select(Short).ToList();

            Assert.Equal(new[] { "Start:", "Progress:a" }, read.Take(2));
            Assert.Equal(expected.Length > 0 ? new[] { expected } : new[] { "Progress:b", "Complete:" }, read.Skip(2));
            RobustnessPropertyTests.AssertOnlyModuleFailures(StreamRun.DecodeText(transcript));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_chunk_with_ten_thousand_tool_calls_gives_every_call_in_order(bool toolCallProgress)
        {
            const int Calls = 10_000;
            string calls = string.Join(",", Enumerable.Range(0, Calls).Select(i =>
                $"{{\"index\":{i},\"id\":\"call_{i}\",\"type\":\"function\",\"function\":{{\"name\":\"f{i}\",\"arguments\":\"{{\\\"n\\\":{i}}}\"}}}}"));
            string transcript = Sse.Chunk("{\"tool_calls\":[" + calls + "]}", "tool_calls") + Sse.Done;
            var clock = Stopwatch.StartNew();

            foreach (List<object> results in new[] { StreamRun.Read(Encoding.UTF8.GetBytes(transcript), toolCallProgress), StreamRun.DecodeText(transcript, toolCallProgress) })
            {
                List<ToolCall> finished = results.OfType<ChatCompletionEvent>()
                    .Where(e => e.Delta.ParseStatus == ToolCallParseStatus.Succeeded).Select(e => e.Delta.ToolCall!).ToList();
                Assert.Equal(Enumerable.Range(0, Calls).Select(i => $"call_{i}/f{i}/{i}"), finished.Select(c => $"{c.CallId}/{c.ToolName}/{c.Arguments!["n"]}"));
                Assert.Equal(ChatCompletionEventType.Complete, ((ChatCompletionEvent)results.Last()).EventType);
                Assert.Equal(toolCallProgress ? Calls : 0, results.OfType<ChatCompletionEvent>().Count(e => e.Delta.ParseStatus == ToolCallParseStatus.Started));
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Ten thousand tool calls took {clock.Elapsed}: something is quadratic.");
        }

        private static readonly string Deep = new string('[', 10_000) + new string(']', 10_000);
        private static readonly string DeepObject = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);

        [Fact]
        public void JSON_nested_ten_thousand_levels_as_stream_data_is_a_clear_error()
        {
            foreach (string deep in new[] { Deep, DeepObject })
            {
                string transcript = Start + Sse.Text("a") + Sse.Data(deep) + Sse.Text("b", "stop") + Sse.Done;

                List<object> read = StreamRun.Read(Encoding.UTF8.GetBytes(transcript));

                Assert.Equal(new[] { "Start:", "Progress:a", "NimProtocolException" }, read.Select(Short));
                Assert.Contains("depth of 64", ((Exception)read[2]).Message);
                Assert.Equal(new[] { "Start:", "Progress:a", "NimProtocolException", "Progress:b", "Complete:" }, StreamRun.DecodeText(transcript).Select(Short));
            }
        }

        [Fact]
        public void JSON_nested_ten_thousand_levels_as_tool_call_arguments_keeps_the_call_with_its_raw_text()
        {
            string arguments = System.Text.Json.JsonSerializer.Serialize(DeepObject);
            string transcript = Sse.Chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":" + arguments + "}}]}", "tool_calls") + Sse.Done;

            ToolCall call = StreamRun.Read(Encoding.UTF8.GetBytes(transcript)).OfType<ChatCompletionEvent>().Single(e => e.Delta.ToolCall is not null).Delta.ToolCall!;

            Assert.Equal(ToolCallParseStatus.Failed, call.ParseStatus);
            Assert.Equal(DeepObject, call.ArgumentsJson);
            Assert.Null(call.Arguments);
        }

        [Fact]
        public void JSON_nested_ten_thousand_levels_fails_only_with_module_errors_everywhere_it_can_arrive()
        {
            foreach (string deep in new[] { Deep, DeepObject })
            {
                Assert.Throws<NimProtocolException>(() => ResponseConverter.ConvertChat(deep));
                Assert.Throws<NimProtocolException>(() => ResponseConverter.ConvertCompletion(deep));
                Assert.Throws<FormatException>(() => PlainJson.Parse(deep));
                Assert.Equal(deep.Substring(0, 500) + "...", ServerErrorReader.Read(deep)!.Message);
                Assert.Throws<NimInvalidRequestException>(() => LlamaStackRequestReader.ReadJson(deep));
                var error = Assert.IsType<NimStreamErrorException>(StreamRun.DecodeText(Start + "event: error\ndata: " + deep + "\n\n").Last());
                Assert.Equal(deep, error.ServerError.Message);
            }
        }

        private static IEnumerable<byte[]> Concat(params IEnumerable<byte[]>[] parts) => parts.SelectMany(p => p);

        private static byte[] Bytes(params object[] parts) =>
            parts.SelectMany(p => p as byte[] ?? Encoding.UTF8.GetBytes((string)p)).ToArray();

        private static string Short(object result) => result switch
        {
            ChatCompletionEvent { EventType: ChatCompletionEventType.Progress } e => "Progress:" + e.Delta.Text,
            ChatCompletionEvent e => e.EventType + ":",
            _ => result.GetType().Name,
        };
    }
}
