using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Seed, the OpenAI penalties, parallel_tool_calls and min_tokens, in each placement.</summary>
    public class PayloadKnobTests
    {
        [Theory]
        [InlineData(ExtensionPlacement.Nvext)]
        [InlineData(ExtensionPlacement.TopLevel)]
        [InlineData(ExtensionPlacement.OpenAI)]
        public void Seed_and_penalties_are_top_level_fields_in_every_placement(ExtensionPlacement placement)
        {
            var sampling = new SamplingOptions { Seed = 1234567890123, FrequencyPenalty = -0.5, PresencePenalty = 1.5 };
            var chat = new ChatCompletionRequest("m") { Sampling = sampling };
            chat.Messages.Add(Message.User("Hi"));

            foreach (JsonObject body in new[] { Payloads.Body(NimPayloadBuilder.BuildChat(chat, placement)), Payloads.Body(NimPayloadBuilder.BuildCompletion(new CompletionRequest("m", "Hi") { Sampling = sampling }, placement)) })
            {
                Assert.Equal((1234567890123L, -0.5, 1.5), ((long)body["seed"]!, (double)body["frequency_penalty"]!, (double)body["presence_penalty"]!));
                Assert.False(body.ContainsKey("nvext"));
            }
        }

        [Theory]
        [InlineData(ExtensionPlacement.Nvext, "{\"nvext\":{\"min_tokens\":5}}")]
        [InlineData(ExtensionPlacement.TopLevel, "{\"min_tokens\":5}")]
        public void Min_tokens_goes_where_the_placement_puts_extensions(ExtensionPlacement placement, string expected)
        {
            var chat = new ChatCompletionRequest("m") { Sampling = new SamplingOptions { MinTokens = 5 } };
            chat.Messages.Add(Message.User("Hi"));

            JsonAssert.Equal("{" + Payloads.ChatBase + "," + expected.Substring(1), NimPayloadBuilder.BuildChat(chat, placement).Body);
        }

        [Theory]
        [InlineData(true, "true")]
        [InlineData(false, "false")]
        public void Parallel_tool_calls_is_sent_only_when_given_and_only_with_tools(bool parallel, string expected)
        {
            var chat = new ChatCompletionRequest("m") { ParallelToolCalls = parallel };
            chat.Messages.Add(Message.User("Hi"));
            JsonObject withoutTools = Payloads.Body(NimPayloadBuilder.BuildChat(chat));
            chat.Tools.Add(new ToolDefinition("f"));
            JsonObject withTools = Payloads.Body(NimPayloadBuilder.BuildChat(chat));
            chat.ParallelToolCalls = null;
            JsonObject notGiven = Payloads.Body(NimPayloadBuilder.BuildChat(chat));

            Assert.Equal(expected, withTools["parallel_tool_calls"]!.ToJsonString());
            Assert.False(withoutTools.ContainsKey("parallel_tool_calls"));
            Assert.False(notGiven.ContainsKey("parallel_tool_calls"));
            chat.ParallelToolCalls = parallel;
            Assert.Equal(parallel, chat.Copy().ParallelToolCalls);
        }

        [Theory]
        [InlineData("frequency_penalty", 2.5)]
        [InlineData("frequency_penalty", -2.01)]
        [InlineData("presence_penalty", 3)]
        [InlineData("presence_penalty", double.NaN)]
        public void Penalties_outside_OpenAIs_range_are_refused_naming_the_field(string field, double value)
        {
            var sampling = field == "frequency_penalty" ? new SamplingOptions { FrequencyPenalty = value } : new SamplingOptions { PresencePenalty = value };
            var chat = new ChatCompletionRequest("m") { Sampling = sampling };
            chat.Messages.Add(Message.User("Hi"));

            Assert.Equal(field, Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(chat)).Field);
        }

        [Fact]
        public void Min_tokens_above_max_tokens_or_below_0_is_refused()
        {
            var chat = new ChatCompletionRequest("m") { Sampling = new SamplingOptions { MinTokens = 10, MaxTokens = 5 } };
            chat.Messages.Add(Message.User("Hi"));

            Assert.Equal("min_tokens", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(chat)).Field);
            chat.Sampling = new SamplingOptions { MinTokens = -1 };
            Assert.Equal("min_tokens", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(chat)).Field);
        }

        [Fact]
        public void A_completion_schema_in_the_OpenAI_placement_is_refused_but_a_chat_schema_is_sent()
        {
            const string schema = "{\"type\":\"object\"}";
            var chat = new ChatCompletionRequest("m") { JsonSchema = schema };
            chat.Messages.Add(Message.User("Hi"));

            var e = Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildCompletion(new CompletionRequest("m", "Hi") { JsonSchema = schema }, ExtensionPlacement.OpenAI));
            Assert.Equal("response_format", e.Field);
            Assert.Contains("OpenAI placement", e.Message);
            Assert.True(Payloads.Body(NimPayloadBuilder.BuildChat(chat, ExtensionPlacement.OpenAI)).ContainsKey("response_format"));
            Assert.True(Payloads.Body(NimPayloadBuilder.BuildCompletion(new CompletionRequest("m", "Hi") { JsonSchema = schema }, ExtensionPlacement.TopLevel)).ContainsKey("guided_json"));
        }
    }
}
