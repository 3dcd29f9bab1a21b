using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// The fast path of chat chunks (ChatChunkScanner) against the document-based path: over every fixture, every
    /// recording and generated streams that vary the common shapes the fast path takes and the ones it must leave to the
    /// documents, both must give exactly the same results and failures.
    /// </summary>
    public class FastPathDifferentialTests
    {
        public static TheoryData<string> StreamFiles()
        {
            var data = new TheoryData<string>();
            foreach (string directory in new[] { Fixtures.WireDir, Fixtures.LlamaCppDir, Fixtures.LlamaCppReasoningDir, Fixtures.ReasoningDir })
            {
                foreach (string file in Directory.GetFiles(directory, "*.sse").OrderBy(f => f, System.StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(Path.Combine(Fixtures.WireDir, ".."), file));
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(StreamFiles))]
        public void Every_saved_stream_reads_the_same_both_ways(string file)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(Fixtures.WireDir, "..", file));

            AssertSameBothWays(bytes);
        }

        [Theory]
        [MemberData(nameof(FixtureData.RecordedStreams), MemberType = typeof(FixtureData))]
        public void Every_recorded_stream_reads_the_same_both_ways(string file)
        {
            JsonNode recording = Fixtures.RecordedJson(file);
            string sse = string.Concat(recording["input"]!.AsArray().Select(chunk => "data: " + chunk!.ToJsonString() + "\n\n")) + "data: [DONE]\n\n";

            AssertSameBothWays(Encoding.UTF8.GetBytes(sse));
        }

        [Fact]
        public void The_fast_path_takes_the_common_chunk_and_leaves_the_rest()
        {
            Assert.True(ChatChunkScanner.TryScan(Chunk("{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}"), true, true, out ScannedChatChunk text));
            Assert.Equal("Hi", text.Content);
            Assert.Equal("m", text.Model);
            Assert.True(ChatChunkScanner.TryScan(Chunk("{\"index\":0,\"delta\":{\"reasoning\":\"r\",\"reasoning_content\":\"\"},\"finish_reason\":\"stop\"}"), false, false, out ScannedChatChunk thinking));
            Assert.Equal("r", thinking.Reasoning);
            Assert.Equal("stop", thinking.FinishReason);
            Assert.Null(thinking.Model);

            Assert.False(ChatChunkScanner.TryScan(Chunk("{\"index\":0,\"delta\":{\"tool_calls\":[]}}"), true, true, out _));
            Assert.False(ChatChunkScanner.TryScan(Chunk("{\"index\":1,\"delta\":{\"content\":\"x\"}}"), true, true, out _));
            Assert.False(ChatChunkScanner.TryScan(Chunk("{\"delta\":{\"content\":\"x\",\"content\":\"y\"}}"), true, true, out _));
            Assert.False(ChatChunkScanner.TryScan(Chunk("{\"delta\":{\"content\":7}}"), true, true, out _));
            Assert.False(ChatChunkScanner.TryScan(Encoding.UTF8.GetBytes("{\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":1}}"), true, true, out _));
            Assert.False(ChatChunkScanner.TryScan(Encoding.UTF8.GetBytes("{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"), true, true, out _));
            Assert.False(ChatChunkScanner.TryScan(Encoding.UTF8.GetBytes("{\"object\":\"chat.completion.chunk\",\"choices\":[]} {}"), true, true, out _));
        }

        [Fact]
        public void Generated_streams_read_the_same_both_ways()
        {
            Property.ForAll(
                Gen.Select(Event.Array[1, 30], Gen.Bool, Gen.Bool),
                input =>
                {
                    (string[] events, bool toolCallProgress, bool rawContent) = input;
                    byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(events.Select(e => "data: " + e + "\n\n")) + "data: [DONE]\n\n");
                    AssertSameBothWays(bytes, toolCallProgress, rawContent);
                },
                cases: 1500,
                salt: 40);
        }

        [Fact]
        public void Chunks_that_are_not_valid_UTF8_read_the_same_both_ways()
        {
            byte[] head = Encoding.UTF8.GetBytes("data: {\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a");
            byte[] tail = Encoding.UTF8.GetBytes("b\"},\"finish_reason\":null}]}\n\ndata: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\u00e9\\ud800\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            foreach (byte[] invalid in new[] { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xED, 0xA0, 0x80 } })
            {
                AssertSameBothWays(head.Concat(invalid).Concat(tail).ToArray());
            }
        }

        private static byte[] Chunk(string choice) =>
            Encoding.UTF8.GetBytes("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[" + choice + "]}");

        private static void AssertSameBothWays(byte[] bytes, bool toolCallProgress = false, bool rawContent = false)
        {
            foreach (bool progress in toolCallProgress ? new[] { true } : new[] { false, true })
            {
                var options = new ChatReadOptions(progress, rawContent);
                List<string> fast = Describe(bytes, new NimChunkDecoder(options, NimChunkDecoder.DefaultMaxEventSize));
                List<string> documents = Describe(bytes, new NimChunkDecoder(options, NimChunkDecoder.DefaultMaxEventSize) { UseFastPath = false });
                Assert.Equal(documents, fast);

                // Piped as text lines, too: the same reader and the same decoder.
                var lines = new NimChunkDecoder(options, NimChunkDecoder.DefaultMaxEventSize);
                var slow = new NimChunkDecoder(options, NimChunkDecoder.DefaultMaxEventSize) { UseFastPath = false };
                Assert.Equal(DescribeLines(bytes, slow), DescribeLines(bytes, lines));
            }
        }

        private static List<string> Describe(byte[] bytes, NimChunkDecoder decoder) =>
            StreamRun.Read(bytes, decoder).Select(Full).ToList();

        private static List<string> DescribeLines(byte[] bytes, NimChunkDecoder decoder)
        {
            var results = new List<object>();
            foreach (string line in StreamRun.Lines(Encoding.UTF8.GetString(bytes)))
            {
                results.AddRange(decoder.AcceptText(line).Outcomes());
            }

            results.AddRange(decoder.End().Outcomes());
            return results.Select(Full).ToList();
        }

        /// <summary>Everything a result says, the thinking and the assembled response included.</summary>
        private static string Full(object result) => result switch
        {
            ChatCompletionEvent e => ResultText.Describe(e) + (e.Response is ChatCompletionResponse r ? " response=" + ResultText.Describe(r) + " thinking=[" + r.Reasoning + "] reasoningTokens=" + r.Usage?.ReasoningTokens : string.Empty),
            ChatCompletionResponse r => ResultText.Describe(r) + " thinking=[" + r.Reasoning + "]",
            NimStreamException e => ResultText.Describe(e) + " thinking=[" + e.PartialReasoning + "]",
            _ => ResultText.Describe(result),
        };

        // Common chunks, in any member order, with the variations a server may send, and now and then a shape the fast path
        // must leave alone (tool calls, logprobs, usage, a second choice, a duplicate, a number where text belongs).
        private static readonly Gen<string> Text = Gen.OneOfConst("\"\"", "\"Hi\"", "\" there\"", "\"caf\\u00e9 \\\"q\\\" \\n\"", "\"数据\"", "\"<think>\"", "\"</think>\"", "\"<thi\"", "\"nk>plan\"", "\"\\ud83d\\ude00\"", "null", "7");

        private static readonly Gen<string> Delta = Members(
            ("role", Gen.OneOfConst("\"assistant\"", "null")),
            ("content", Text),
            ("reasoning_content", Text),
            ("reasoning", Text),
            ("tool_calls", Gen.OneOfConst("null", "null", "[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]")),
            ("extra", Gen.OneOfConst("1", "{\"nested\":[1,2,{\"content\":\"x\"}]}", "\"s\"")));

        private static readonly Gen<string> Choice = Members(
            ("index", Gen.OneOfConst("0", "0", "null", "1", "\"0\"", "0.0")),
            ("delta", Gen.Frequency((8, Delta), (1, Gen.OneOfConst("null", "\"text\"", "[]")))),
            ("logprobs", Gen.OneOfConst("null", "null", "null", "{\"content\":[{\"token\":\"Hi\",\"logprob\":-0.5,\"top_logprobs\":[]}]}")),
            ("finish_reason", Gen.OneOfConst("null", "null", "null", "\"stop\"", "\"length\"", "\"tool_calls\"", "3")),
            ("stop_reason", Gen.OneOfConst("null", "128001")));

        private static readonly Gen<string> Event = Gen.Frequency(
            (12, Members(
                ("id", Gen.OneOfConst("\"chatcmpl-1\"", "\"chatcmpl-2\"", "null", "5")),
                ("object", Gen.OneOfConst("\"chat.completion.chunk\"", "\"chat.completion.chunk\"", "\"chat.completion.chunk\"", "\"chat.completion\"", "\"text_completion\"")),
                ("created", Gen.OneOfConst("1767026600", "null")),
                ("model", Gen.OneOfConst("\"meta/llama-3.1-8b-instruct\"", "\"m\\u00e9\"", "null")),
                ("system_fingerprint", Gen.OneOfConst("\"fp\"", "null")),
                ("choices", Gen.Frequency((10, Choice.Select(c => "[" + c + "]")), (2, Gen.Const("[]")), (1, Choice.Select(c => "[" + c + "," + c + "]")), (1, Gen.Const("null")))),
                ("usage", Gen.OneOfConst("null", "null", "null", "{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7,\"completion_tokens_details\":{\"reasoning_tokens\":2}}")),
                ("error", Gen.OneOfConst("null", "false", "{\"message\":\"boom\"}")))),
            (1, Gen.OneOfConst(
                "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"content\":\"b\"}}]}",
                "{\"object\":\"chat.completion.chunk\",\"object\":\"chat.completion.chunk\",\"choices\":[]}",
                "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]} trailing",
                "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]",
                "[DONE]")));

        /// <summary>An object of some of the members, in a random order.</summary>
        private static Gen<string> Members(params (string Name, Gen<string> Value)[] members)
        {
            Gen<List<(int Key, string Text)>> result = Gen.Const(() => new List<(int, string)>());
            foreach ((string name, Gen<string> value) in members)
            {
                result = Gen.Select(result, Gen.Int[0, 3], value, Gen.Int, (list, present, text, key) =>
                {
                    var copy = new List<(int, string)>(list);
                    if (present > 0)
                    {
                        copy.Add((key, "\"" + name + "\":" + text));
                    }

                    return copy;
                });
            }

            return result.Select(list => "{" + string.Join(",", list.OrderBy(m => m.Key).Select(m => m.Text)) + "}");
        }
    }
}
