using System.Collections.Generic;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>docs/responses.md (Whole responses to Usage) branch by branch, on small synthetic bodies.</summary>
    public class ResponseConverterTests
    {
        [Theory]
        [InlineData("stop", StopReason.EndOfTurn)]
        [InlineData("length", StopReason.OutOfTokens)]
        [InlineData("tool_calls", StopReason.EndOfMessage)]
        [InlineData("content_filter", StopReason.EndOfTurn)]
        [InlineData("abort", StopReason.EndOfTurn)]
        public void Finish_reason_maps_to_the_stop_reason(string finishReason, StopReason expected)
        {
            Assert.Equal(expected, ResponseConverter.ConvertChat(Chat("{\"role\":\"assistant\",\"content\":\"x\"}", $"\"{finishReason}\"")).StopReason);
        }

        [Fact]
        public void Missing_message_is_a_protocol_error()
        {
            var e = Assert.Throws<NimProtocolException>(() => ResponseConverter.ConvertChat("{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}"));
            Assert.Contains("message not found", e.Message);
        }

        [Theory]
        [InlineData("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"finish_reason\":null}]}")]
        [InlineData("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"}}]}")]
        public void Missing_finish_reason_is_a_protocol_error(string body)
        {
            var e = Assert.Throws<NimProtocolException>(() => ResponseConverter.ConvertChat(body));
            Assert.Contains("finish_reason not found", e.Message);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"choices\":[]}")]
        [InlineData("{\"id\":\"x\"}")]
        [InlineData("[1]")]
        public void Body_without_choices_or_not_json_is_a_protocol_error(string body)
        {
            Assert.Throws<NimProtocolException>(() => ResponseConverter.ConvertChat(body));
            Assert.Throws<NimProtocolException>(() => ResponseConverter.ConvertCompletion(body));
        }

        [Fact]
        public void An_error_body_is_reported_as_the_server_error()
        {
            var e = Assert.Throws<NimStreamErrorException>(() => ResponseConverter.ConvertChat(Fixtures.WireText("error-500-vllm-current.json")));
            Assert.Equal("Internal server error", e.ServerError.Message);
        }

        [Fact]
        public void Null_content_is_empty_text()
        {
            Assert.Equal(string.Empty, ResponseConverter.ConvertChat(Chat("{\"role\":\"assistant\",\"content\":null}", "\"stop\"")).Content);
        }

        [Theory]
        [InlineData("{\\\"a\\\":", ToolCallParseStatus.Failed)]
        [InlineData("[1,2]", ToolCallParseStatus.Failed)]
        [InlineData("\\\"text\\\"", ToolCallParseStatus.Failed)]
        [InlineData("", ToolCallParseStatus.Succeeded)]
        [InlineData("{}", ToolCallParseStatus.Succeeded)]
        public void Tool_call_arguments_parse_or_fail_without_throwing(string arguments, ToolCallParseStatus expected)
        {
            ToolCall call = Assert.Single(ResponseConverter.ConvertChat(Chat(ToolCallMessage("call_1", "f", arguments), "\"tool_calls\"")).ToolCalls);

            Assert.Equal(expected, call.ParseStatus);
            Assert.Equal(arguments.Replace("\\\"", "\""), call.ArgumentsJson);
            if (expected == ToolCallParseStatus.Failed)
            {
                Assert.Null(call.Arguments);
            }
            else
            {
                Assert.Empty(call.Arguments!);
            }
        }

        [Fact]
        public void Tool_call_arguments_parse_to_any_depth_and_every_call_is_kept_in_order()
        {
            string nested = "{\\\"a\\\":{\\\"b\\\":[1,{\\\"c\\\":[true,null,\\\"x\\\"]}]},\\\"n\\\":2.5}";
            string message = "{\"content\":null,\"tool_calls\":[" + ToolCall("call_1", "f", nested) + "," + ToolCall("call_2", "g", "{}") + "]}";

            IReadOnlyList<ToolCall> calls = ResponseConverter.ConvertChat(Chat(message, "\"tool_calls\"")).ToolCalls;

            Assert.Equal(new[] { "call_1", "call_2" }, new[] { calls[0].CallId, calls[1].CallId });
            JsonAssert.Equal("{\"a\":{\"b\":[1,{\"c\":[true,null,\"x\"]}]},\"n\":2.5}", JsonAssert.FromPlain(calls[0].Arguments)!.ToJsonString());
        }

        [Fact]
        public void Empty_top_logprobs_use_the_sampled_token_and_null_content_gives_no_logprobs()
        {
            string withOwn = Chat("{\"content\":\"a\"}", "\"stop\"", ",\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-0.5,\"top_logprobs\":[]}]}");
            string withNull = Chat("{\"content\":\"a\"}", "\"stop\"", ",\"logprobs\":{\"content\":null}");

            TokenLogprobs entry = Assert.Single(ResponseConverter.ConvertChat(withOwn).Logprobs!);
            Assert.Equal(new Dictionary<string, double> { ["a"] = -0.5 }, entry.LogprobsByToken);
            Assert.Null(ResponseConverter.ConvertChat(withNull).Logprobs);
        }

        [Fact]
        public void Usage_without_total_adds_prompt_and_completion()
        {
            Usage usage = ResponseConverter.ConvertChat(Chat("{\"content\":\"a\"}", "\"stop\"", chunkExtra: ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}")).Usage!;

            Assert.Equal((3L, 4L, 7L), (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens));
        }

        private static string Chat(string message, string finishReason, string choiceExtra = "", string chunkExtra = "") =>
            $"{{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{{\"index\":0,\"message\":{message},\"finish_reason\":{finishReason}{choiceExtra}}}]{chunkExtra}}}";

        private static string ToolCallMessage(string id, string name, string arguments) =>
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + ToolCall(id, name, arguments) + "]}";

        private static string ToolCall(string id, string name, string arguments) =>
            $"{{\"id\":\"{id}\",\"type\":\"function\",\"function\":{{\"name\":\"{name}\",\"arguments\":\"{arguments}\"}}}}";
    }
}
