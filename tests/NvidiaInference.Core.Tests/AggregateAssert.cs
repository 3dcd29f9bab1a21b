using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Checks decoder results against the <c>aggregate</c> of an .sse.expected.json.</summary>
    internal static class AggregateAssert
    {
        /// <summary>docs/responses.md, Stop reasons: stop, length, tool_calls and anything else.</summary>
        public static StopReason? MapFinishReason(string? finishReason) => finishReason switch
        {
            null => null,
            "length" => StopReason.OutOfTokens,
            "tool_calls" => StopReason.EndOfMessage,
            _ => StopReason.EndOfTurn,
        };

        public static void Matches(JsonNode aggregate, IReadOnlyList<object> results, bool isCompletion)
        {
            Assert.DoesNotContain(results, r => r is Exception && r is not NimStreamException && r is not NimProtocolException);
            if (isCompletion)
            {
                MatchesCompletion(aggregate, results);
            }
            else
            {
                MatchesChat(aggregate, results);
            }
        }

        private static void MatchesChat(JsonNode aggregate, IReadOnlyList<object> results)
        {
            JsonNode choice = aggregate["choices"]![0]!;
            List<ChatCompletionEvent> events = results.OfType<ChatCompletionEvent>().ToList();
            Assert.NotEmpty(events);
            Assert.Equal(ChatCompletionEventType.Start, events[0].EventType);
            Assert.Equal(string.Empty, events[0].Delta.Text);
            Assert.Single(events, e => e.EventType == ChatCompletionEventType.Start);

            List<ChatCompletionEvent> textEvents = events.Where(e => e.EventType == ChatCompletionEventType.Progress && e.Delta.Type == DeltaType.Text).ToList();
            Assert.All(textEvents, e => Assert.NotEqual(string.Empty, e.Delta.Text));
            Assert.Equal((string)choice["content"]!, string.Concat(textEvents.Select(e => e.Delta.Text)));

            List<ToolCall> calls = events
                .Where(e => e.Delta.Type == DeltaType.ToolCall && e.Delta.ParseStatus is ToolCallParseStatus.Succeeded or ToolCallParseStatus.Failed)
                .Select(e => e.Delta.ToolCall!)
                .ToList();
            ToolCallsMatch(choice["toolCalls"]!.AsArray(), calls);

            JsonNode? error = aggregate["error"];
            if (error is not null)
            {
                Exception failure = Assert.Single(results.OfType<Exception>());
                Assert.Same(failure, results[results.Count - 1]);
                NimStreamErrorException streamError = Assert.IsType<NimStreamErrorException>(failure);
                Assert.Equal((string)error["body"]!["message"]!, streamError.ServerError.Message);
                Assert.Equal((string)choice["content"]!, streamError.PartialContent);
                Assert.DoesNotContain(events, e => e.EventType == ChatCompletionEventType.Complete);
                return;
            }

            Assert.DoesNotContain(results, r => r is Exception);
            ChatCompletionEvent complete = Assert.Single(events, e => e.EventType == ChatCompletionEventType.Complete);
            Assert.Same(complete, events[events.Count - 1]);
            Assert.Equal(string.Empty, complete.Delta.Text);
            Assert.Equal(MapFinishReason((string?)choice["finishReason"]), complete.StopReason);
            UsageMatches(aggregate["usage"], complete.Usage);

            if (choice["logprobTokens"] is JsonArray tokens)
            {
                // Logprobs ride on the text event they belong to; those of a step without text (EOS) on Complete.
                Assert.All(textEvents, e => Assert.Equal(e.Delta.Text, string.Concat(e.Logprobs!.Select(l => l.Token))));
                IEnumerable<TokenLogprobs> all = textEvents.SelectMany(e => e.Logprobs!).Concat(complete.Logprobs ?? Array.Empty<TokenLogprobs>());
                Assert.Equal(tokens.Select(t => (string)t!), all.Select(l => l.Token));
            }
            else
            {
                Assert.All(events, e => Assert.Null(e.Logprobs));
            }
        }

        private static void MatchesCompletion(JsonNode aggregate, IReadOnlyList<object> results)
        {
            JsonNode choice = aggregate["choices"]![0]!;
            Assert.Null(aggregate["error"]);
            Assert.DoesNotContain(results, r => r is Exception);
            List<CompletionStreamChunk> chunks = results.OfType<CompletionStreamChunk>().ToList();
            Assert.Equal(results.Count, chunks.Count);
            Assert.Equal((string)choice["content"]!, string.Concat(chunks.Select(c => c.Delta)));

            // The stop reason is on the finishing chunk only (docs/responses.md, Completion streams).
            CompletionStreamChunk finishing = Assert.Single(chunks, c => c.StopReason is not null);
            Assert.Equal(MapFinishReason((string?)choice["finishReason"]), finishing.StopReason);
            UsageMatches(aggregate["usage"], chunks.LastOrDefault(c => c.Usage is not null)?.Usage);

            if (choice["logprobs"] is JsonObject logprobs)
            {
                List<TokenLogprobs> entries = chunks.Where(c => c.Logprobs is not null).SelectMany(c => c.Logprobs!).ToList();
                Assert.Equal(logprobs["tokens"]!.AsArray().Select(t => (string)t!), entries.Select(e => e.Token));
                Assert.Equal(logprobs["token_logprobs"]!.AsArray().Select(v => (double?)v), entries.Select(e => e.Logprob));
                JsonArray tops = logprobs["top_logprobs"]!.AsArray();
                for (int i = 0; i < entries.Count; i++)
                {
                    Assert.Equal(
                        tops[i]!.AsObject().Select(p => new KeyValuePair<string, double>(p.Key, (double)p.Value!)).OrderBy(p => p.Key, StringComparer.Ordinal),
                        entries[i].LogprobsByToken.OrderBy(p => p.Key, StringComparer.Ordinal));
                }
            }
            else
            {
                Assert.All(chunks, c => Assert.Null(c.Logprobs));
            }
        }

        public static void ToolCallsMatch(JsonArray expected, IReadOnlyList<ToolCall> actual)
        {
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                JsonNode call = expected[i]!;
                Assert.Equal((string)call["id"]!, actual[i].CallId);
                Assert.Equal((string)call["name"]!, actual[i].ToolName);
                Assert.Equal((string)call["arguments"]!, actual[i].ArgumentsJson);
                if ((bool)call["argumentsValidJson"]!)
                {
                    Assert.Equal(ToolCallParseStatus.Succeeded, actual[i].ParseStatus);
                    JsonAssert.Equal(call["argumentsParsed"], JsonAssert.FromPlain(actual[i].Arguments));
                }
                else
                {
                    Assert.Equal(ToolCallParseStatus.Failed, actual[i].ParseStatus);
                    Assert.Null(actual[i].Arguments);
                }
            }
        }

        public static void UsageMatches(JsonNode? expected, Usage? actual)
        {
            if (expected is null)
            {
                Assert.Null(actual);
                return;
            }

            Assert.NotNull(actual);
            Assert.Equal((long)expected["prompt_tokens"]!, actual!.PromptTokens);
            Assert.Equal((long)expected["completion_tokens"]!, actual.CompletionTokens);
            Assert.Equal((long)expected["total_tokens"]!, actual.TotalTokens);
        }
    }
}
