using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CsCheck;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Random JSON shaped like chunks and responses: the members the converters read, each present or not, holding a
    /// plausible value, an edge value (1.5, 1e400, 2^31, a string where a number belongs) or any JSON at all.
    /// </summary>
    internal static class JsonGen
    {
        internal static readonly Gen<string> Number = Gen.OneOf(
            Gen.OneOfConst("0", "0", "0", "1", "-1", "2", "1.5", "1e10", "1e400", "-1e400", "2147483648", "9223372036854775808", "-0.0001"),
            Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0"));

        internal static readonly Gen<string> Text = Gen.OneOf(
            Gen.OneOfConst("\"\"", "\"x\"", "\"Hello\"", "\"Zürich\"", "\"[DONE]\"", "\"{\\\"a\\\":1}\"", "\"{\\\"a\\\":1e400}\"", "\"{\\\"a\\\":\"", "\"[1]\"", "\"f\""),
            Gen.String.Select(s => JsonSerializer.Serialize(s)));

        private static readonly Gen<string> Scalar = Gen.OneOf(Gen.OneOfConst("null", "true", "false"), Number, Text);

        /// <summary>Any JSON value nested to at most <paramref name="depth"/> levels.</summary>
        public static Gen<string> Any(int depth) => depth == 0
            ? Scalar
            : Gen.Frequency(
                (3, Scalar),
                (1, Any(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
                (1, Gen.Select(Text, Any(depth - 1)).Array[0, 3].Select(m => "{" + string.Join(",", m.GroupBy(p => p.Item1).Select(g => g.Key + ":" + g.First().Item2)) + "}")));

        internal static Gen<string> Either(Gen<string> plausible) => Gen.Frequency((6, plausible), (1, Scalar), (1, Any(2)));

        internal static Gen<string> ArrayOf(Gen<string> item, int max) => item.Array[0, max].Select(items => "[" + string.Join(",", items) + "]");

        /// <summary>An object whose members each appear with probability 2/3.</summary>
        internal static Gen<string> Obj(params (string Key, Gen<string> Value)[] members)
        {
            Gen<List<string>> result = Gen.Const(() => new List<string>());
            foreach ((string key, Gen<string> value) in members)
            {
                Gen<string?> member = Gen.Frequency((2, value.Select(v => (string?)(JsonSerializer.Serialize(key) + ":" + v))), (1, Gen.Const((string?)null)));
                result = Gen.Select(result, member, (list, m) =>
                {
                    var copy = new List<string>(list);
                    if (m is not null)
                    {
                        copy.Add(m);
                    }

                    return copy;
                });
            }

            return result.Select(list => "{" + string.Join(",", list) + "}");
        }

        private static readonly Gen<string> ToolCall = Obj(
            ("index", Either(Number)),
            ("id", Either(Gen.OneOfConst("\"call_1\"", "\"call_2\"", "\"\""))),
            ("type", Either(Gen.Const("\"function\""))),
            ("function", Either(Obj(("name", Either(Gen.OneOfConst("\"f\"", "\"g\"", "\"\""))), ("arguments", Either(Text))))));

        private static readonly Gen<string> Logprobs = Obj(
            ("content", Either(ArrayOf(Obj(("token", Either(Text)), ("logprob", Either(Number)), ("top_logprobs", Either(ArrayOf(Obj(("token", Text), ("logprob", Number)), 3)))), 3))),
            ("tokens", Either(ArrayOf(Text, 3))),
            ("token_logprobs", Either(ArrayOf(Number, 3))),
            ("top_logprobs", Either(ArrayOf(Obj(("x", Number), ("y", Number)), 3))));

        private static readonly Gen<string> Message = Obj(
            ("role", Either(Gen.Const("\"assistant\""))),
            ("content", Either(Text)),
            ("tool_calls", Either(ArrayOf(ToolCall, 3))));

        private static readonly Gen<string> Choice = Obj(
            ("index", Either(Number)),
            ("delta", Either(Message)),
            ("message", Either(Message)),
            ("text", Either(Text)),
            ("logprobs", Either(Logprobs)),
            ("finish_reason", Either(Gen.OneOfConst("null", "\"stop\"", "\"length\"", "\"tool_calls\"", "\"abort\""))));

        private static readonly Gen<string> Usage = Obj(("prompt_tokens", Either(Number)), ("completion_tokens", Either(Number)), ("total_tokens", Either(Number)));

        /// <summary>A chunk, response or error object.</summary>
        public static readonly Gen<string> Chunk = Obj(
            ("object", Either(Gen.OneOfConst("\"chat.completion.chunk\"", "\"chat.completion.chunk\"", "\"chat.completion\"", "\"text_completion\"", "\"error\""))),
            ("id", Either(Text)),
            ("choices", Either(ArrayOf(Choice, 2))),
            ("usage", Either(Usage)),
            ("error", Gen.Frequency((1, Either(Obj(("message", Either(Text)), ("code", Either(Number))))), (6, Gen.Const("null")))),
            ("message", Either(Text)));
    }
}
