using System;
using System.IO;
using System.Text;

namespace NvidiaInference.Benchmarks
{
    /// <summary>
    /// A realistic chat stream as a server sends it (vLLM/NIM 2.x shape): a role chunk, text tokens (some with escapes
    /// and non-ASCII), two parallel tool calls streamed as OpenAI-style fragments, a finish chunk, a usage-only chunk,
    /// and [DONE]. Exactly <c>chunks</c> data events before [DONE]; the same count always gives the same bytes. With
    /// thinking, a reasoning model's stream: the first 80% of the text tokens arrive as <c>reasoning_content</c>.
    /// </summary>
    public static class ChatTranscript
    {
        private const string Head = "{\"id\":\"chatcmpl-8f14e45fceea167a5a36dedd4bea2543\",\"object\":\"chat.completion.chunk\",\"created\":1767026600,\"model\":\"meta/llama-3.1-8b-instruct\",\"choices\":[";

        private static readonly string[] Tokens =
        {
            " The", " GPU", " executes", " thousands", " of", " threads", " in", " parallel", ",", " which", " makes", " matrix",
            " multiplication", " fast", ".", "\\n\\n", "**", "Key", " point", ":**", " memory", " bandwidth", " (", "HBM", ")",
            " matters", " as", " much", " as", " FLOPS", " \\\"", "roofline", "\\\"", " —", " café", " 数据", " é", "1", "2", "%",
        };

        private static readonly string[][] Calls =
        {
            new[] { "call_Qx7v2LmN8pR4sT1uW9yZ3bKd", "get_weather", "{\"city\":\"Paris, France\",\"unit\":\"celsius\",\"days\":3}" },
            new[] { "call_Hb3nK8wQ2mZ5xR7tY1uV4cPe", "get_time", "{\"timezone\":\"Europe/Paris\",\"format\":\"24h\"}" },
        };

        /// <summary>The transcript as UTF-8 bytes.</summary>
        public static byte[] Bytes(int chunks, bool thinking = false)
        {
            using var buffer = new MemoryStream();
            using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" })
            {
                Write(writer, chunks, thinking);
            }

            return buffer.ToArray();
        }

        /// <summary>Writes the transcript, event by event, so a long one never sits in memory.</summary>
        public static void Write(TextWriter writer, int chunks, bool thinking = false)
        {
            if (chunks < 50)
            {
                throw new ArgumentOutOfRangeException(nameof(chunks), "A transcript has at least 50 chunks.");
            }

            int toolFragments = ToolFragmentCount();
            Event(writer, "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}");
            int text = chunks - 3 - toolFragments;
            int thought = thinking ? text * 4 / 5 : 0;
            for (int i = 0; i < text; i++)
            {
                string field = i < thought ? "reasoning_content" : "content";
                Event(writer, "{\"index\":0,\"delta\":{\"" + field + "\":\"" + Tokens[i % Tokens.Length] + "\"},\"logprobs\":null,\"finish_reason\":null}");
            }

            for (int call = 0; call < Calls.Length; call++)
            {
                WriteToolCall(writer, call);
            }

            Event(writer, "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}");
            writer.Write("data: " + Head + "],\"usage\":{\"prompt_tokens\":187,\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (chunks + 187) + "}}\n\n");
            writer.Write("data: [DONE]\n\n");
        }

        private static void WriteToolCall(TextWriter writer, int call)
        {
            string[] spec = Calls[call];
            Event(writer, "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + call + ",\"id\":\"" + spec[0] + "\",\"type\":\"function\",\"function\":{\"name\":\"" + spec[1] + "\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}");
            foreach (string piece in Pieces(spec[2]))
            {
                Event(writer, "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + call + ",\"function\":{\"arguments\":\"" + piece.Replace("\"", "\\\"") + "\"}}]},\"logprobs\":null,\"finish_reason\":null}");
            }
        }

        private static int ToolFragmentCount()
        {
            int count = 0;
            foreach (string[] spec in Calls)
            {
                count += 1 + Pieces(spec[2]).Length;
            }

            return count;
        }

        /// <summary>Argument text cut into the 3-to-6-character pieces a tokenizer gives.</summary>
        private static string[] Pieces(string arguments)
        {
            int count = (arguments.Length + 4) / 5;
            var pieces = new string[count];
            for (int i = 0; i < count; i++)
            {
                pieces[i] = arguments.Substring(i * 5, Math.Min(5, arguments.Length - i * 5));
            }

            return pieces;
        }

        private static void Event(TextWriter writer, string choice) => writer.Write("data: " + Head + choice + "]}\n\n");
    }
}
