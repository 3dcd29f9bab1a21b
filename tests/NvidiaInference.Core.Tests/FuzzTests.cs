using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using NvidiaInference.Json;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using NvidiaInference.Responses;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Fuzz properties (issue 6) over the SSE reader, the pipeline decoder, the response and error converters and the
    /// request readers: whatever arrives, nothing but the module's own errors escapes, and streams stay well formed.
    /// A fixed seed and case count in CI; NVI_FUZZ_ITERATIONS asks for more (see <see cref="Property"/>).
    /// </summary>
    public class FuzzTests
    {
        private static readonly Gen<string> Line = Gen.Frequency(
            (8, JsonGen.Chunk.Select(chunk => "data: " + chunk)),
            (3, Gen.OneOfConst("data: [DONE]", "data:", "data: ", "event: error", "event: ping", "event:", "id: 7", "id: \0", "retry: 100",
                "retry: x", ": ping", ":", "\uFEFF", "data", "event", "x-field: value", "data: {\"error\":{\"message\":\"boom\"}}", "data: {\"object\":\"error\",\"message\":\"boom\"}")),
            (2, JsonGen.Any(3).Select(json => "data: " + json)),
            (1, Gen.String.Select(text => "data: " + text)),
            (1, Gen.String));

        private static readonly Gen<string> LineEnd = Gen.Frequency((6, Gen.Const("\n")), (2, Gen.Const("\r\n")), (1, Gen.Const("\r")));

        /// <summary>Lines, each maybe followed by a blank line that dispatches its event.</summary>
        private static readonly Gen<string> Transcript = Gen.Select(Line, LineEnd, Gen.Int[0, 2])
            .Array[0, 24]
            .Select(lines => string.Concat(lines.Select(l => l.Item1 + l.Item2 + (l.Item3 > 0 ? l.Item2 : string.Empty))));

        private static readonly Gen<int> Limit = Gen.Frequency((3, Gen.Const(NimChunkDecoder.DefaultMaxEventSize)), (1, Gen.Int[1, 400]));

        private static readonly Gen<int[]> ReadSizes = Gen.Frequency((2, Gen.Const(1)), (3, Gen.Int[2, 16]), (2, Gen.Int[17, 4096])).Array[1, 6];

        [Fact]
        public void SSE_transcripts_through_NimStreamReader_give_only_module_errors_and_well_formed_streams()
        {
            Property.Fuzz(
                Gen.Select(Transcript, ReadSizes, Limit, Gen.Bool),
                input =>
                {
                    (string transcript, int[] sizes, int limit, bool toolCallProgress) = input;
                    List<object> results = StreamRun.Read(new ChunkedReadStream(Encoding.UTF8.GetBytes(transcript), sizes), new NimChunkDecoder(toolCallProgress, limit));
                    RobustnessPropertyTests.AssertOnlyModuleFailures(results);
                    AssertWellFormed(results);
                },
                cases: 1500,
                salt: 10);
        }

        [Fact]
        public void SSE_transcripts_through_NimChunkDecoder_give_only_module_errors_and_well_formed_streams()
        {
            Property.Fuzz(
                Gen.Select(Transcript, Limit, Gen.Bool, Gen.Bool),
                input =>
                {
                    (string transcript, int limit, bool toolCallProgress, bool lineByLine) = input;
                    var decoder = new NimChunkDecoder(toolCallProgress, limit);
                    var results = new List<object>();
                    foreach (string item in lineByLine ? StreamRun.Lines(transcript) : new List<string> { transcript })
                    {
                        results.AddRange(decoder.AcceptText(item).Outcomes());
                    }

                    results.AddRange(decoder.End().Outcomes());
                    RobustnessPropertyTests.AssertOnlyModuleFailures(results);
                    AssertWellFormed(results);
                },
                cases: 1500,
                salt: 11);
        }

        [Fact]
        public void Any_JSON_through_the_response_model_list_and_error_converters_gives_only_module_errors()
        {
            Gen<string> json = Gen.Frequency((4, JsonGen.Chunk), (2, JsonGen.Any(4)), (1, ModelList), (1, Gen.String), (1, Gen.Int[60, 70].Select(Nested)));
            Property.Fuzz(
                json,
                text =>
                {
                    // An error object gives the server's error, as documented.
                    ExpectDecoderFailure(() => ResponseConverter.ConvertChat(text));
                    ExpectDecoderFailure(() => ResponseConverter.ConvertCompletion(text));
                    Expect<NimProtocolException>(() => ModelListConverter.Convert(text));
                    Expect<FormatException>(() => PlainJson.Parse(text));
                    ServerErrorReader.Read(text);
                },
                cases: 1500,
                salt: 12);
        }

        [Fact]
        public void Request_documents_as_JSON_give_a_payload_or_an_error_that_names_the_field()
        {
            Property.Fuzz(
                RequestGen.Document,
                json =>
                {
                    RequestDocument? document = Expect<NimInvalidRequestException, RequestDocument>(() => LlamaStackRequestReader.ReadJson(json));
                    if (document is not null)
                    {
                        BuildBoth(document);
                    }
                },
                cases: 1500,
                salt: 13);
        }

        [Fact]
        public void Request_documents_holding_values_JSON_cannot_carry_give_a_payload_or_an_error_that_names_the_field()
        {
            // As PowerShell hands them over: dictionaries and lists with NaN, dates, characters, unknown objects, deep nesting.
            Property.Fuzz(
                Gen.Select(RequestGen.Document, Gen.Int[0, int.MaxValue], Gen.Int[0, Hostile.Length - 1]),
                input =>
                {
                    (string json, int where, int which) = input;
                    object? plain;
                    try
                    {
                        plain = PlainJson.Parse(json);
                    }
                    catch (FormatException)
                    {
                        return;
                    }

                    Replace(plain, where, Hostile[which]());
                    RequestDocument? document = Expect<NimInvalidRequestException, RequestDocument>(() => LlamaStackRequestReader.Read(plain));
                    if (document is not null)
                    {
                        BuildBoth(document);
                    }
                },
                cases: 1500,
                salt: 14);
        }

        private static readonly Func<object?>[] Hostile =
        {
            () => double.NaN, () => double.PositiveInfinity, () => float.NegativeInfinity, () => new object(), () => DateTime.UnixEpoch,
            () => Guid.Empty, () => 'c', () => new byte[] { 1, 2 }, () => ulong.MaxValue, () => decimal.MaxValue, () => NestedPlain(200),
            () => new Hashtable { [1] = "numeric key", [""] = null }, () => new ArrayList { null, double.NaN }, () => TimeSpan.Zero,
        };

        private static void BuildBoth(RequestDocument document)
        {
            foreach (ExtensionPlacement placement in new[] { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel })
            {
                NimPayload? payload = Expect<NimInvalidRequestException, NimPayload>(() => document.Chat is not null
                    ? NimPayloadBuilder.BuildChat(document.Chat, placement)
                    : NimPayloadBuilder.BuildCompletion(document.Completion!, placement));
                if (payload is not null)
                {
                    using JsonDocument body = JsonDocument.Parse(payload.Body);
                    Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
                }
            }
        }

        private static readonly Gen<string> ModelList = JsonGen.Obj(
            ("object", JsonGen.Either(Gen.Const("\"list\""))),
            ("data", JsonGen.Either(JsonGen.ArrayOf(JsonGen.Obj(("id", JsonGen.Either(JsonGen.Text)), ("owned_by", JsonGen.Either(JsonGen.Text)), ("root", JsonGen.Either(JsonGen.Text)), ("created", JsonGen.Either(JsonGen.Number))), 3))));

        private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"choices\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth));

        private static object NestedPlain(int depth)
        {
            var root = new Dictionary<string, object?>();
            Dictionary<string, object?> current = root;
            for (int i = 0; i < depth; i++)
            {
                var next = new Dictionary<string, object?>();
                current["a"] = next;
                current = next;
            }

            return root;
        }

        /// <summary>Replaces the value at the <paramref name="where"/>-th slot (modulo the number of slots) of a plain value tree.</summary>
        private static void Replace(object? root, int where, object? value)
        {
            var slots = new List<Action<object?>>();
            void Walk(object? node)
            {
                switch (node)
                {
                    case Dictionary<string, object?> dictionary:
                        foreach (string key in dictionary.Keys.ToList())
                        {
                            slots.Add(v => dictionary[key] = v);
                            Walk(dictionary[key]);
                        }

                        break;
                    case List<object?> list:
                        for (int i = 0; i < list.Count; i++)
                        {
                            int index = i;
                            slots.Add(v => list[index] = v);
                            Walk(list[i]);
                        }

                        break;
                }
            }

            Walk(root);
            if (slots.Count > 0)
            {
                slots[where % slots.Count](value);
            }
        }

        /// <summary>
        /// Streams are well formed: a Start opens each one, Progress only while one is open, one Complete closes it, and a
        /// stream failure closes it too; nothing follows a stream failure from NimStreamReader.
        /// </summary>
        private static void AssertWellFormed(List<object> results)
        {
            bool open = false;
            for (int i = 0; i < results.Count; i++)
            {
                switch (results[i])
                {
                    case ChatCompletionEvent { EventType: ChatCompletionEventType.Start }:
                        if (open)
                        {
                            Assert.Fail($"A second Start at {i} while a stream is open: {Describe(results)}");
                        }

                        open = true;
                        break;
                    case ChatCompletionEvent e:
                        if (!open)
                        {
                            Assert.Fail($"{e.EventType} at {i} without a Start: {Describe(results)}");
                        }

                        open = e.EventType != ChatCompletionEventType.Complete;
                        break;
                    case NimStreamException:
                        open = false;
                        break;
                }
            }
        }

        private static string Describe(List<object> results) => string.Join(" | ", results.Select(r => r is ChatCompletionEvent e ? $"{e.EventType}:{e.Delta.Type}:{e.Delta.Text}" : r.GetType().Name));

        private static void ExpectDecoderFailure(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                RobustnessPropertyTests.AssertOnlyModuleFailures(new object[] { e });
            }
        }

        private static void Expect<TException>(Action action)
            where TException : Exception => Expect<TException, object>(() =>
            {
                action();
                return new object();
            });

        /// <summary>Runs <paramref name="action"/>: its result, or null when it failed with <typeparamref name="TException"/>; any other exception fails the test.</summary>
        private static TResult? Expect<TException, TResult>(Func<TResult> action)
            where TException : Exception
            where TResult : class
        {
            try
            {
                return action();
            }
            catch (TException)
            {
                return null;
            }
            catch (Exception e)
            {
                Assert.Fail($"Unexpected {e.GetType().FullName}: {e}");
                return null;
            }
        }
    }
}
