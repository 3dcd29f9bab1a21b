using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// What the module reads is tolerant whatever the dialect (docs/responses.md, Whole responses; docs/errors.md, Server error bodies): the cases of the
    /// list that other test classes do not already cover. Covered elsewhere: finish_reason outside OpenAI's list for chat
    /// (StreamEventTests, ResponseConverterTests), usage on every chunk (StreamEventTests and
    /// chat-stream-continuous-usage.sse), repeated tool names and cumulative argument snapshots (their .sse fixtures in
    /// StreamFixtureTests and ToolCallProgressTests), the error body shapes of the fixtures (ServerErrorReaderTests),
    /// errors inside a stream with and without [DONE] (StreamFailureTests, CompletionStreamTests) and comment lines
    /// (chat-stream-keepalive-comments.sse, SseLineDecoderTests).
    /// </summary>
    public class ToleranceTests
    {
        /// <summary>Every realistic stream: the wire fixtures with an aggregate and the llama-server recordings.</summary>
        public static TheoryData<string> Streams
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string file in FixtureData.AggregateStreams)
                {
                    data.Add("wire/" + file);
                }

                foreach (LlamaCppExchange exchange in LlamaCppExchange.All.Where(e => e.IsStream))
                {
                    data.Add("llamacpp/" + exchange.Name);
                }

                return data;
            }
        }

        [Theory]
        [MemberData(nameof(Streams))]
        public void Unknown_members_in_every_object_of_every_chunk_change_nothing(string stream)
        {
            string text = StreamText(stream);
            string withUnknown = MapData(text, data => JsonNode.Parse(data) is JsonObject chunk ? AddUnknownMembers(chunk).ToJsonString() : data);
            Assert.NotEqual(text, withUnknown);

            Assert.Equal(StreamRun.Describe(StreamRun.DecodeText(text)), StreamRun.Describe(StreamRun.DecodeText(withUnknown)));
            Assert.Equal(StreamRun.Describe(StreamRun.Read(Encoding.UTF8.GetBytes(text))), StreamRun.Describe(StreamRun.Read(Encoding.UTF8.GetBytes(withUnknown))));
        }

        [Theory]
        [MemberData(nameof(Streams))]
        public void Comment_pings_before_every_event_change_nothing(string stream)
        {
            // sse-starlette's keep-alive (vLLM) and a bare colon line, between every two events and inside none.
            string text = StreamText(stream).Replace("\r\n", "\n");
            string withPings = ": ping - 2025-01-01 00:00:00.000000+00:00\n\n" + text.Replace("\n\n", "\n\n:\n\n: ping - 2025-01-01 00:00:15.000000+00:00\n\n");

            Assert.Equal(StreamRun.Describe(StreamRun.DecodeText(text)), StreamRun.Describe(StreamRun.DecodeText(withPings)));
            Assert.Equal(StreamRun.Describe(StreamRun.DecodeItems(StreamRun.Lines(text))), StreamRun.Describe(StreamRun.DecodeItems(StreamRun.Lines(withPings))));
            Assert.Equal(StreamRun.Describe(StreamRun.Read(Encoding.UTF8.GetBytes(text))), StreamRun.Describe(StreamRun.Read(Encoding.UTF8.GetBytes(withPings))));
        }

        [Fact]
        public void Explicit_nulls_read_as_absent_in_a_stream()
        {
            const string Nulls = "\"id\":null,\"created\":null,\"model\":null,\"system_fingerprint\":null,\"usage\":null,\"prompt_token_ids\":null";
            string transcript =
                Sse.Data("{\"object\":\"chat.completion.chunk\"," + Nulls + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":null,\"refusal\":null,\"reasoning_content\":null},\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null,\"token_ids\":null}]}")
                + Sse.Chunk("{\"role\":null,\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":null}}]}", choiceExtra: ",\"logprobs\":null,\"stop_reason\":null")
                + Sse.Chunk("{\"role\":null,\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":null,\"type\":null,\"function\":{\"name\":null,\"arguments\":\"{\\\"a\\\":1}\"}}]}", choiceExtra: ",\"logprobs\":{\"content\":null}")
                + Sse.Chunk("{\"role\":null,\"content\":null,\"tool_calls\":null}", "tool_calls", chunkExtra: ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":null}")
                + Sse.Done;

            List<object> results = StreamRun.DecodeText(transcript);

            Assert.Equal(
                new[] { "Start", "ToolCall call_1 f {\"a\":1} Succeeded", "Complete EndOfMessage 3/2/5" },
                results.Cast<ChatCompletionEvent>().Select(Short));
        }

        [Fact]
        public void Explicit_nulls_read_as_absent_in_responses()
        {
            string chat = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\",\"system_fingerprint\":null,\"service_tier\":null,\"prompt_logprobs\":null,"
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":null,\"refusal\":null,\"function_call\":null,\"reasoning_content\":null,\"annotations\":null,\"audio\":null},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":0,\"total_tokens\":4,\"prompt_tokens_details\":null}}";
            string completion = "{\"id\":\"x\",\"object\":\"text_completion\",\"model\":\"m\",\"choices\":[{\"index\":0,\"text\":\"a\",\"logprobs\":null,\"finish_reason\":\"length\",\"stop_reason\":null,\"prompt_logprobs\":null}],\"usage\":null}";

            ChatCompletionResponse chatResponse = ResponseConverter.ConvertChat(chat);
            CompletionResponse completionResponse = ResponseConverter.ConvertCompletion(completion);

            Assert.Equal((string.Empty, StopReason.EndOfTurn, 0, (object?)null, 4L), (chatResponse.Content, chatResponse.StopReason, chatResponse.ToolCalls.Count, (object?)chatResponse.Logprobs, chatResponse.Usage!.TotalTokens));
            Assert.Equal(("a", StopReason.OutOfTokens, (object?)null, (object?)null), (completionResponse.Content, completionResponse.StopReason, (object?)completionResponse.Logprobs, (object?)completionResponse.Usage));
        }

        [Theory]
        [InlineData("128008")]
        [InlineData("\"</s>\"")]
        [InlineData("null")]
        [InlineData("true")]
        [InlineData("{\"token\":128008}")]
        public void Stop_reason_of_any_type_leaves_the_stop_reason_to_finish_reason(string stopReason)
        {
            string extra = ",\"stop_reason\":" + stopReason;
            string stream = Sse.Chunk("{\"content\":\"a\"}", choiceExtra: extra) + Sse.Chunk("{}", "length", choiceExtra: extra) + Sse.Done;
            string chat = "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"},\"finish_reason\":\"tool_calls\"" + extra + "}]}";
            string completion = "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"stop\"" + extra + "}]}";

            Assert.Equal(new[] { "Start", "Text a", "Complete OutOfTokens -" }, StreamRun.DecodeText(stream).Cast<ChatCompletionEvent>().Select(Short));
            Assert.Equal(StopReason.EndOfMessage, ResponseConverter.ConvertChat(chat).StopReason);
            Assert.Equal(StopReason.EndOfTurn, ResponseConverter.ConvertCompletion(completion).StopReason);
        }

        [Theory]
        [InlineData("abort")]
        [InlineData("eos")]
        [InlineData("error")]
        [InlineData("content_filter")]
        public void Completion_finish_reason_outside_OpenAIs_list_is_end_of_turn(string finishReason)
        {
            string whole = "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"" + finishReason + "\"}]}";
            string stream = Sse.Data("{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":null}]}") + Sse.Data(whole) + Sse.Done;

            Assert.Equal(StopReason.EndOfTurn, ResponseConverter.ConvertCompletion(whole).StopReason);
            Assert.Equal(new StopReason?[] { null, StopReason.EndOfTurn }, StreamRun.DecodeText(stream).Cast<CompletionStreamChunk>().Select(c => c.StopReason));
        }

        [Fact]
        public void Empty_content_beside_tool_calls_gives_the_calls_and_no_text()
        {
            // llama-server and vLLM send content "" with tool calls; NIM 1.x and OpenAI send null.
            const string Call = "{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}";
            string stream = Sse.Chunk("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + Call + "]}") + Sse.Chunk("{\"content\":\"\"}", "tool_calls") + Sse.Done;
            string whole = "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + Call + "]},\"finish_reason\":\"tool_calls\"}]}";

            Assert.Equal(new[] { "Start", "ToolCall call_1 f {} Succeeded", "Complete EndOfMessage -" }, StreamRun.DecodeText(stream).Cast<ChatCompletionEvent>().Select(Short));
            ChatCompletionResponse response = ResponseConverter.ConvertChat(whole);
            Assert.Equal((string.Empty, "f", StopReason.EndOfMessage), (response.Content, Assert.Single(response.ToolCalls).ToolName, response.StopReason));
        }

        /// <summary>Error bodies of shapes no fixture has, and the message each must give.</summary>
        [Theory]
        [InlineData("\"The model is overloaded.\"", "The model is overloaded.")]
        [InlineData("{\"detail\":\"Not Found\"}", "Not Found")]
        [InlineData("{\"error\":{\"object\":\"error\",\"message\":\"boom\",\"type\":\"BadRequestError\",\"code\":400}}", "boom")]
        [InlineData("{\"message\":\"boom\",\"code\":503}", "boom")]
        [InlineData("{\"error\":{\"code\":401,\"message\":\"Invalid API Key\",\"type\":\"authentication_error\"}}", "Invalid API Key")]
        [InlineData("{\"type\":\"urn:kaizen:problem-details:not-found\",\"status\":404,\"title\":\"Not Found\",\"requestId\":\"r\"}", "Not Found")]
        public void Error_body_of_any_shape_gives_its_message(string body, string message)
        {
            Assert.Equal(message, ServerErrorReader.Read(body)!.Message);
        }

        private static string StreamText(string stream) => stream.StartsWith("wire/", System.StringComparison.Ordinal)
            ? Fixtures.WireText(stream.Substring("wire/".Length))
            : LlamaCppExchange.Get(stream.Substring("llamacpp/".Length)).Body;

        /// <summary>Rewrites the data of every single-line data: field.</summary>
        private static string MapData(string text, System.Func<string, string> map) =>
            string.Join("\n", StreamRun.Lines(text).Select(line =>
                line.StartsWith("data:", System.StringComparison.Ordinal) && line.Substring(5).Trim() is string data && data.StartsWith("{", System.StringComparison.Ordinal)
                    ? "data: " + map(data)
                    : line)) + "\n";

        /// <summary>Adds an unknown member to every object, except legacy top_logprobs maps, whose members are tokens.</summary>
        private static JsonNode AddUnknownMembers(JsonNode node, bool tokenMap = false)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (KeyValuePair<string, JsonNode?> member in obj.ToList())
                    {
                        if (member.Value is not null)
                        {
                            AddUnknownMembers(member.Value, tokenMap: member.Key == "top_logprobs");
                        }
                    }

                    if (!tokenMap)
                    {
                        obj["x_future_field"] = new JsonObject { ["nested"] = new JsonArray(1, null, "text") };
                    }

                    break;
                case JsonArray array:
                    foreach (JsonNode? item in array)
                    {
                        if (item is not null)
                        {
                            // Legacy completion top_logprobs is a list of token maps; chat's is a list of objects with a token.
                            AddUnknownMembers(item, tokenMap: tokenMap && item is JsonObject entry && !entry.ContainsKey("token"));
                        }
                    }

                    break;
            }

            return node;
        }

        private static string Short(ChatCompletionEvent e) => e.EventType switch
        {
            ChatCompletionEventType.Start => "Start",
            ChatCompletionEventType.Complete => $"Complete {e.StopReason} {(e.Usage is null ? "-" : $"{e.Usage.PromptTokens}/{e.Usage.CompletionTokens}/{e.Usage.TotalTokens}")}",
            _ when e.Delta.Type == DeltaType.Text => "Text " + e.Delta.Text,
            _ => $"ToolCall {e.Delta.ToolCall!.CallId} {e.Delta.ToolCall.ToolName} {e.Delta.ToolCall.ArgumentsJson} {e.Delta.ParseStatus}",
        };
    }
}
