using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Steering a reasoning model, and sending its thinking back in a conversation (docs/reasoning.md).</summary>
    public class ReasoningPayloadTests
    {
        private static ChatCompletionRequest Request()
        {
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User("Hi"));
            return request;
        }

        [Theory]
        [InlineData(ExtensionPlacement.Nvext)]
        [InlineData(ExtensionPlacement.TopLevel)]
        [InlineData(ExtensionPlacement.OpenAI)]
        public void Reasoning_effort_goes_to_the_top_level_in_every_placement(ExtensionPlacement placement)
        {
            ChatCompletionRequest request = Request();
            request.ReasoningEffort = "low";
            JsonObject body = Payloads.Body(NimPayloadBuilder.BuildChat(request, placement));
            Assert.Equal("low", (string)body["reasoning_effort"]!);
            Assert.Null(body["nvext"]);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Thinking_sends_both_template_switches(bool thinking)
        {
            ChatCompletionRequest request = Request();
            request.Thinking = thinking;
            foreach (ExtensionPlacement placement in new[] { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel })
            {
                JsonObject body = Payloads.Body(NimPayloadBuilder.BuildChat(request, placement));
                JsonAssert.Equal($"{{\"enable_thinking\":{(thinking ? "true" : "false")},\"thinking\":{(thinking ? "true" : "false")}}}", body["chat_template_kwargs"]!.ToJsonString());
                Assert.Null(body["nvext"]);
            }
        }

        [Fact]
        public void Template_arguments_join_the_switches_and_win_for_the_same_key()
        {
            ChatCompletionRequest request = Request();
            request.Thinking = true;
            request.ChatTemplateArguments["thinking"] = false;
            request.ChatTemplateArguments["reasoning_budget"] = 64;
            JsonObject body = Payloads.Body(NimPayloadBuilder.BuildChat(request));
            JsonAssert.Equal("{\"enable_thinking\":true,\"thinking\":false,\"reasoning_budget\":64}", body["chat_template_kwargs"]!.ToJsonString());
        }

        [Fact]
        public void The_thinking_budget_travels_with_the_extensions()
        {
            ChatCompletionRequest request = Request();
            request.MaxThinkingTokens = 256;
            Assert.Equal(256, (int)Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.Nvext))["nvext"]!["max_thinking_tokens"]!);
            JsonObject top = Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.TopLevel));
            Assert.Equal(256, (int)top["max_thinking_tokens"]!);
            Assert.Null(top["nvext"]);
        }

        [Fact]
        public void The_OpenAI_placement_refuses_template_switches_and_the_budget_before_sending()
        {
            ChatCompletionRequest thinking = Request();
            thinking.Thinking = false;
            Assert.Equal("chat_template_kwargs", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(thinking, ExtensionPlacement.OpenAI)).Field);
            ChatCompletionRequest arguments = Request();
            arguments.ChatTemplateArguments["x"] = 1;
            Assert.Contains("reasoning_effort", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(arguments, ExtensionPlacement.OpenAI)).Message);
            ChatCompletionRequest budget = Request();
            budget.MaxThinkingTokens = 10;
            Assert.Equal("max_thinking_tokens", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(budget, ExtensionPlacement.OpenAI)).Field);
        }

        [Fact]
        public void A_negative_budget_is_refused()
        {
            ChatCompletionRequest request = Request();
            request.MaxThinkingTokens = -1;
            Assert.Equal("max_thinking_tokens", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(request)).Field);
        }

        [Theory]
        [InlineData(ExtensionPlacement.Nvext, true)]
        [InlineData(ExtensionPlacement.TopLevel, true)]
        [InlineData(ExtensionPlacement.OpenAI, false)]
        public void A_turn_with_tool_calls_carries_its_thinking_back_outside_the_OpenAI_placement(ExtensionPlacement placement, bool sent)
        {
            var call = new ToolCall("call_1", "get_weather", null, "{\"city\":\"Oslo\"}", ToolCallParseStatus.Succeeded);
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User("Weather in Oslo?"));
            request.Messages.Add(Message.Assistant(string.Empty, new[] { call }, "The user wants the weather; call the tool."));
            request.Messages.Add(Message.ToolResult("call_1", "Snow, -3 C"));
            request.Messages.Add(Message.Assistant("It snows.", null, "The tool answered."));
            request.Messages.Add(Message.User("And tomorrow?"));
            JsonArray messages = Payloads.Body(NimPayloadBuilder.BuildChat(request, placement))["messages"]!.AsArray();
            Assert.Equal(sent ? "The user wants the weather; call the tool." : null, (string?)messages[1]!["reasoning_content"]);
            Assert.Null(messages[3]!["reasoning_content"]);
        }

        /// <summary>The recorded request that llama.cpp accepted: the same history, written by the module, is the same body.</summary>
        [Fact]
        public void A_history_with_thinking_is_written_as_the_recorded_request()
        {
            JsonObject recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.LlamaCppReasoningDir, "reasoning-history-with-reasoning.request.json")))!.AsObject();
            var request = new ChatCompletionRequest("nvidia/nemotron-3-nano-30b-a3b");
            var call = new ToolCall("call_1", "get_weather", null, "{\"city\":\"Oslo\"}", ToolCallParseStatus.Succeeded);
            request.Messages.Add(Message.User("Weather in Oslo?"));
            request.Messages.Add(Message.Assistant(string.Empty, new[] { call }, "The user wants the weather; call the tool."));
            request.Messages.Add(Message.ToolResult("call_1", "Snow, -3 C"));

            JsonArray written = Payloads.Body(NimPayloadBuilder.BuildChat(request))["messages"]!.AsArray();
            JsonAssert.Equal(recorded["messages"]!.ToJsonString(), written.ToJsonString());
        }

        [Fact]
        public void A_copied_request_keeps_its_steering()
        {
            ChatCompletionRequest request = Request();
            request.ReasoningEffort = "high";
            request.Thinking = true;
            request.MaxThinkingTokens = 9;
            request.ChatTemplateArguments["a"] = "b";
            ChatCompletionRequest copy = request.Copy();
            Assert.Equal(NimPayloadBuilder.BuildChat(request).Body, NimPayloadBuilder.BuildChat(copy).Body);
        }
    }
}
