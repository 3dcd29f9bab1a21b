using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Every body llama-server answered in tests/fixtures/llamacpp converts to the right objects: content, tool calls with
    /// parsed arguments, stop reason, usage and logprobs, read independently from the recorded JSON; error bodies give the
    /// server's message.
    /// </summary>
    public class LlamaCppResponseTests
    {
        /// <summary>Endpoints the module never calls: llama-server's health check and its own settings.</summary>
        private static readonly string[] NotCalled = { "health", "health-v1", "auth-health-missing", "props" };

        private static readonly Func<LlamaCppExchange, bool> IsChatResponse = e => e.Status == 200 && e.IsChat && !e.IsStream;
        private static readonly Func<LlamaCppExchange, bool> IsCompletionResponse = e => e.Status == 200 && e.IsCompletion && !e.IsStream;
        private static readonly Func<LlamaCppExchange, bool> IsChatStream = e => e.IsChat && e.IsStream;
        private static readonly Func<LlamaCppExchange, bool> IsCompletionStream = e => e.IsCompletion && e.IsStream;
        private static readonly Func<LlamaCppExchange, bool> IsError = e => e.Status >= 400;
        private static readonly Func<LlamaCppExchange, bool> IsModelList = e => e.Status == 200 && e.Path.EndsWith("/models", StringComparison.Ordinal);

        public static TheoryData<string> ChatResponses => LlamaCppExchange.Names(IsChatResponse);

        public static TheoryData<string> CompletionResponses => LlamaCppExchange.Names(IsCompletionResponse);

        public static TheoryData<string> ChatStreams => LlamaCppExchange.Names(IsChatStream);

        public static TheoryData<string> CompletionStreams => LlamaCppExchange.Names(IsCompletionStream);

        public static TheoryData<string> Errors => LlamaCppExchange.Names(IsError);

        public static TheoryData<string> ModelLists => LlamaCppExchange.Names(IsModelList);

        [Fact]
        public void Every_exchange_is_checked_by_exactly_one_of_these_tests()
        {
            var kinds = new[] { IsChatResponse, IsCompletionResponse, IsChatStream, IsCompletionStream, IsError, IsModelList };

            Assert.All(LlamaCppExchange.All, e => Assert.Equal(NotCalled.Contains(e.Name) ? 0 : 1, kinds.Count(kind => kind(e))));
        }

        [Theory]
        [MemberData(nameof(ChatResponses))]
        public void Chat_response_converts_to_its_content_calls_stop_reason_usage_and_logprobs(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            JsonNode body = exchange.BodyJson;
            JsonNode choice = body["choices"]![0]!;
            JsonNode message = choice["message"]!;

            foreach (ChatCompletionResponse response in new[] { ResponseConverter.ConvertChat(exchange.Body), Assert.IsType<ChatCompletionResponse>(Assert.Single(StreamRun.DecodeText(exchange.Body))) })
            {
                Assert.Equal((string?)message["content"] ?? string.Empty, response.Content);
                Assert.Equal(AggregateAssert.MapFinishReason((string)choice["finish_reason"]!), response.StopReason);
                Assert.Equal(((string)body["model"]!, (string)body["id"]!), (response.Model, response.Id));
                AggregateAssert.UsageMatches(body["usage"], response.Usage);
                AggregateAssert.ToolCallsMatch(ExpectedCalls(message["tool_calls"] as JsonArray), response.ToolCalls);
                ChatLogprobsMatch(choice["logprobs"]?["content"] as JsonArray, response.Logprobs);
            }
        }

        [Theory]
        [MemberData(nameof(CompletionResponses))]
        public void Completion_response_converts_to_its_text_stop_reason_usage_and_logprobs(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            JsonNode body = exchange.BodyJson;
            JsonNode choice = body["choices"]![0]!;

            foreach (CompletionResponse response in new[] { ResponseConverter.ConvertCompletion(exchange.Body), Assert.IsType<CompletionResponse>(Assert.Single(StreamRun.DecodeText(exchange.Body))) })
            {
                Assert.Equal((string)choice["text"]!, response.Content);
                Assert.Equal(AggregateAssert.MapFinishReason((string)choice["finish_reason"]!), response.StopReason);
                AggregateAssert.UsageMatches(body["usage"], response.Usage);

                // llama-server writes completion logprobs in the chat form, logprobs.content.
                ChatLogprobsMatch(choice["logprobs"]?["content"] as JsonArray, response.Logprobs);
            }
        }

        [Theory]
        [MemberData(nameof(ChatStreams))]
        public void Chat_stream_converts_to_the_events_its_chunks_add_up_to(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            StreamedChoice expected = StreamedChoice.Read(exchange.StreamChunks, "content");
            Assert.Equal("[DONE]", exchange.StreamData.Last());

            foreach (List<object> results in new[] { StreamRun.Read(Encoding.UTF8.GetBytes(exchange.Body)), StreamRun.DecodeText(exchange.Body) })
            {
                List<ChatCompletionEvent> events = results.Cast<ChatCompletionEvent>().ToList();
                Assert.Equal(ChatCompletionEventType.Start, events[0].EventType);
                ChatCompletionEvent complete = Assert.Single(events, e => e.EventType == ChatCompletionEventType.Complete);
                Assert.Same(complete, events.Last());

                List<ChatCompletionEvent> text = events.Where(e => e.EventType == ChatCompletionEventType.Progress && e.Delta.Type == DeltaType.Text).ToList();
                Assert.Equal(expected.Text, string.Concat(text.Select(e => e.Delta.Text)));
                Assert.Equal(AggregateAssert.MapFinishReason(expected.FinishReason), complete.StopReason);
                AggregateAssert.UsageMatches(expected.Usage, complete.Usage);
                AggregateAssert.ToolCallsMatch(expected.Calls, events.Where(e => e.Delta.Type == DeltaType.ToolCall).Select(e => e.Delta.ToolCall!).ToList());
                ChatLogprobsMatch(expected.Logprobs, Flatten(text.Select(e => e.Logprobs).Append(complete.Logprobs)));
            }
        }

        [Theory]
        [MemberData(nameof(CompletionStreams))]
        public void Completion_stream_converts_to_the_chunks_it_is_made_of(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            StreamedChoice expected = StreamedChoice.Read(exchange.StreamChunks, "text");

            foreach (List<object> results in new[] { StreamRun.Read(Encoding.UTF8.GetBytes(exchange.Body)), StreamRun.DecodeText(exchange.Body) })
            {
                List<CompletionStreamChunk> chunks = results.Cast<CompletionStreamChunk>().ToList();
                Assert.Equal(expected.Text, string.Concat(chunks.Select(c => c.Delta)));
                CompletionStreamChunk finishing = Assert.Single(chunks, c => c.StopReason is not null);
                Assert.Equal(AggregateAssert.MapFinishReason(expected.FinishReason), finishing.StopReason);
                AggregateAssert.UsageMatches(expected.Usage, chunks.Last(c => c.Usage is not null).Usage);
                ChatLogprobsMatch(expected.Logprobs, Flatten(chunks.Select(c => c.Logprobs)));
            }
        }

        /// <summary>Pairs of recordings whose requests differ only in streaming: both give the same answer.</summary>
        [Theory]
        [InlineData("chat-stream-tools-parallel", "chat-tools-parallel")]
        [InlineData("chat-stream-tools-required", "chat-tools-required")]
        [InlineData("chat-stream-tool-result", "chat-tool-result")]
        [InlineData("chat-stream-context-full", "chat-context-full")]
        public void A_stream_assembles_into_what_the_server_answered_without_streaming(string streamed, string whole)
        {
            JsonObject streamedRequest = LlamaCppExchange.Get(streamed).Request;
            JsonObject wholeRequest = LlamaCppExchange.Get(whole).Request;
            streamedRequest.Remove("stream");
            streamedRequest.Remove("stream_options");
            JsonAssert.Equal(wholeRequest, streamedRequest);

            List<ChatCompletionEvent> events = StreamRun.DecodeText(LlamaCppExchange.Get(streamed).Body).Cast<ChatCompletionEvent>().ToList();
            ChatCompletionResponse response = ResponseConverter.ConvertChat(LlamaCppExchange.Get(whole).Body);

            Assert.Equal(response.Content, string.Concat(events.Select(e => e.Delta.Type == DeltaType.Text ? e.Delta.Text : string.Empty)));
            Assert.Equal(response.StopReason, events.Last().StopReason);
            List<ToolCall> calls = events.Where(e => e.Delta.Type == DeltaType.ToolCall).Select(e => e.Delta.ToolCall!).ToList();
            Assert.Equal(response.ToolCalls.Select(c => (c.ToolName, c.ArgumentsJson, c.ParseStatus)), calls.Select(c => (c.ToolName, c.ArgumentsJson, c.ParseStatus)));
        }

        [Theory]
        [MemberData(nameof(Errors))]
        public void Error_body_gives_the_server_message_type_and_code(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            JsonNode error = exchange.BodyJson["error"]!;

            ServerError read = ServerErrorReader.Read(exchange.Body)!;

            Assert.Equal((string)error["message"]!, read.Message);
            Assert.Equal((string)error["type"]!, read.Type);
            Assert.Equal(((int)error["code"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), read.Code);
            Assert.Equal(exchange.Status, (int)error["code"]!);
            var e = Assert.Throws<NimStreamErrorException>(() => ResponseConverter.ConvertChat(exchange.Body));
            Assert.Equal(read.Message, e.ServerError.Message);
        }

        [Theory]
        [MemberData(nameof(ModelLists))]
        public void Model_list_gives_each_served_model(string name)
        {
            JsonArray data = LlamaCppExchange.Get(name).BodyJson["data"]!.AsArray();

            IReadOnlyList<NimModel> models = ModelListConverter.Convert(LlamaCppExchange.Get(name).Body);

            Assert.Equal(data.Select(m => (string)m!["id"]!), models.Select(m => m.Id));
            Assert.Equal(data.Select(m => (string?)m!["owned_by"]), models.Select(m => m.OwnedBy));
            Assert.Equal(data.Select(m => (long?)m!["created"]), models.Select(m => m.Created?.ToUnixTimeSeconds()));
        }

        private static JsonArray ExpectedCalls(JsonArray? calls) => new JsonArray((calls ?? new JsonArray()).Select(c => (JsonNode)new JsonObject
        {
            ["id"] = (string)c!["id"]!,
            ["name"] = (string)c["function"]!["name"]!,
            ["arguments"] = (string)c["function"]!["arguments"]!,
            ["argumentsParsed"] = JsonNode.Parse((string)c["function"]!["arguments"]!),
            ["argumentsValidJson"] = true,
        }).ToArray());

        /// <summary>Each entry's token, its logprob, and a map of its top_logprobs (the token itself when that list is empty).</summary>
        private static void ChatLogprobsMatch(JsonArray? content, IReadOnlyList<TokenLogprobs>? actual)
        {
            if (content is null || content.Count == 0)
            {
                Assert.Null(actual);
                return;
            }

            Assert.NotNull(actual);
            Assert.Equal(content.Select(c => ((string)c!["token"]!, (double?)c["logprob"])), actual!.Select(l => (l.Token, l.Logprob)));
            for (int i = 0; i < content.Count; i++)
            {
                JsonArray top = content[i]!["top_logprobs"]!.AsArray();
                Dictionary<string, double> expected = top.Count > 0
                    ? top.ToDictionary(t => (string)t!["token"]!, t => (double)t!["logprob"]!)
                    : new Dictionary<string, double> { [(string)content[i]!["token"]!] = (double)content[i]!["logprob"]! };
                Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual[i].LogprobsByToken.OrderBy(p => p.Key, StringComparer.Ordinal));
            }
        }

        private static List<TokenLogprobs>? Flatten(IEnumerable<IReadOnlyList<TokenLogprobs>?> parts)
        {
            List<TokenLogprobs> all = parts.Where(p => p is not null).SelectMany(p => p!).ToList();
            return all.Count == 0 ? null : all;
        }

        /// <summary>
        /// What the chunks of choice 0 add up to, read the plain way llama-server's streams allow: text appended, each
        /// tool call's id and name from its first fragment and its arguments appended, the last finish reason and usage.
        /// </summary>
        private sealed class StreamedChoice
        {
            public string Text { get; private set; } = string.Empty;

            public JsonArray Calls { get; } = new JsonArray();

            public string? FinishReason { get; private set; }

            public JsonNode? Usage { get; private set; }

            public JsonArray Logprobs { get; } = new JsonArray();

            public static StreamedChoice Read(IEnumerable<JsonNode> chunks, string textMember)
            {
                var result = new StreamedChoice();
                var arguments = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
                foreach (JsonNode chunk in chunks)
                {
                    result.Usage = chunk["usage"]?.DeepClone() ?? result.Usage;
                    JsonArray choices = chunk["choices"]!.AsArray();
                    foreach (JsonNode choice in choices.Where(c => (int)c!["index"]! == 0).Select(c => c!))
                    {
                        JsonNode delta = textMember == "text" ? choice : choice["delta"]!;
                        result.Text += (string?)delta[textMember] ?? string.Empty;
                        foreach (JsonNode? fragment in delta["tool_calls"] as JsonArray ?? new JsonArray())
                        {
                            int index = (int)fragment!["index"]!;
                            if (!arguments.ContainsKey(index))
                            {
                                arguments[index] = ((string)fragment["id"]!, (string)fragment["function"]!["name"]!, new StringBuilder());
                            }

                            arguments[index].Arguments.Append((string?)fragment["function"]!["arguments"]);
                        }

                        foreach (JsonNode? entry in choice["logprobs"]?["content"] as JsonArray ?? new JsonArray())
                        {
                            result.Logprobs.Add(entry!.DeepClone());
                        }

                        result.FinishReason = (string?)choice["finish_reason"] ?? result.FinishReason;
                    }
                }

                foreach ((string id, string name, StringBuilder text) in arguments.Values)
                {
                    result.Calls.Add(new JsonObject
                    {
                        ["id"] = id,
                        ["name"] = name,
                        ["arguments"] = text.ToString(),
                        ["argumentsParsed"] = JsonNode.Parse(text.ToString()),
                        ["argumentsValidJson"] = true,
                    });
                }

                return result;
            }
        }
    }
}
