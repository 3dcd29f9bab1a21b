using System.Collections;
using System.Collections.Generic;
using System.Linq;
using NvidiaInference.Json;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>LlamaStackRequestReader: JSON text, dictionaries and hashtables into typed requests (docs/requests.md, Request documents).</summary>
    public class RequestReaderTests
    {
        private const string Document = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]," +
            "\"sampling_params\":{\"strategy\":{\"type\":\"top_k\",\"top_k\":5},\"max_tokens\":20,\"stop\":[\"END\"]}," +
            "\"tools\":[{\"tool_name\":\"f\",\"parameters\":{\"x\":{\"param_type\":\"int\",\"default\":0}}}],\"tool_config\":{\"tool_choice\":\"f\"},\"stream\":true,\"logprobs\":{\"top_k\":2}}";

        [Fact]
        public void Dictionaries_and_hashtables_read_like_the_same_json()
        {
            string expected = NimPayloadBuilder.BuildChat(LlamaStackRequestReader.ReadJson(Document).Chat!).Body;

            RequestDocument fromDictionary = LlamaStackRequestReader.Read(new Dictionary<string, object?>
            {
                ["model"] = "m",
                ["messages"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["role"] = "system", ["content"] = "Be brief." },
                    new Dictionary<string, object?> { ["role"] = "user", ["content"] = new object?[] { new Dictionary<string, object?> { ["type"] = "text", ["text"] = "Hi" } } },
                },
                ["sampling_params"] = new Dictionary<string, object?>
                {
                    ["strategy"] = new Dictionary<string, object?> { ["type"] = "top_k", ["top_k"] = 5 },
                    ["max_tokens"] = 20,
                    ["stop"] = new[] { "END" },
                },
                ["tools"] = new List<object?> { new Dictionary<string, object?> { ["tool_name"] = "f", ["parameters"] = new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?> { ["param_type"] = "int", ["default"] = 0 } } } },
                ["tool_config"] = new Dictionary<string, object?> { ["tool_choice"] = "f" },
                ["stream"] = true,
                ["logprobs"] = new Dictionary<string, object?> { ["top_k"] = 2 },
            });
            RequestDocument fromHashtable = LlamaStackRequestReader.Read(new Hashtable
            {
                ["model"] = "m",
                ["messages"] = new object[] { new Hashtable { ["role"] = "system", ["content"] = "Be brief." }, new Hashtable { ["role"] = "user", ["content"] = new Hashtable { ["type"] = "text", ["text"] = "Hi" } } },
                ["sampling_params"] = new Hashtable { ["strategy"] = new Hashtable { ["type"] = "top_k", ["top_k"] = 5L }, ["max_tokens"] = 20.0, ["stop"] = "END" },
                ["tools"] = new ArrayList { new Hashtable { ["tool_name"] = "f", ["parameters"] = new Hashtable { ["x"] = new Hashtable { ["param_type"] = "int", ["default"] = 0 } } } },
                ["tool_config"] = new Hashtable { ["tool_choice"] = "f" },
                ["stream"] = true,
                ["logprobs"] = new Hashtable { ["top_k"] = 2 },
            });

            JsonAssert.Equal(expected, NimPayloadBuilder.BuildChat(fromDictionary.Chat!).Body);
            JsonAssert.Equal(expected, NimPayloadBuilder.BuildChat(fromHashtable.Chat!).Body);
            Assert.Equal(LlamaStackRequestReader.ReadJson(Document).Warnings, fromHashtable.Warnings);
        }

        [Fact]
        public void Json_text_passed_to_Read_is_parsed()
        {
            JsonAssert.Equal(
                NimPayloadBuilder.BuildChat(LlamaStackRequestReader.ReadJson(Document).Chat!).Body,
                NimPayloadBuilder.BuildChat(LlamaStackRequestReader.Read(Document).Chat!).Body);
        }

        [Fact]
        public void Content_instead_of_messages_is_a_completion_request()
        {
            RequestDocument document = LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"content\":\"Once upon\",\"stream\":true,\"logprobs\":{\"top_k\":3}}");

            Assert.Null(document.Chat);
            Assert.NotNull(document.Completion);
            Assert.Equal(("m", "Once upon", true, (int?)3), (document.Completion!.Model, document.Completion.Prompt, document.Completion.Stream, document.Completion.Logprobs));
        }

        [Fact]
        public void Messages_make_a_chat_request_with_typed_messages()
        {
            ChatCompletionRequest chat = LlamaStackRequestReader.ReadJson(Document).Chat!;

            Assert.Equal(new[] { MessageRole.System, MessageRole.User }, chat.Messages.Select(m => m.Role));
            Assert.Equal("Hi", ((TextContentItem)Assert.Single(chat.Messages[1].Content!.Items!)).Text);
            Assert.Equal(("f", 5, 20), (chat.ToolChoice, chat.Sampling!.TopK!.Value, chat.Sampling.MaxTokens!.Value));
        }

        [Fact]
        public void Missing_sampling_params_is_greedy_with_repetition_penalty_1()
        {
            SamplingOptions sampling = LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"messages\":[\"Hi\"]}").Chat!.Sampling!;

            Assert.Equal((-1, 0.0, 1.0, (double?)null, (int?)null), (sampling.TopK!.Value, sampling.Temperature!.Value, sampling.RepetitionPenalty!.Value, sampling.TopP, sampling.MaxTokens));
        }

        [Fact]
        public void Unknown_fields_are_ignored_with_a_warning_naming_them()
        {
            RequestDocument chat = LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"messages\":[\"Hi\"],\"temperature_x\":1,\"sampling_params\":{\"top_q\":0.5}}");
            RequestDocument completion = LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"content\":\"x\",\"tools\":[]}");

            Assert.Equal(2, chat.Warnings.Count);
            Assert.Contains(chat.Warnings, w => w.Contains("'temperature_x'"));
            Assert.Contains(chat.Warnings, w => w.Contains("'top_q'") && w.Contains("sampling_params"));
            Assert.Contains("'tools'", Assert.Single(completion.Warnings));
            Assert.Empty(LlamaStackRequestReader.ReadJson(Document).Warnings);
        }

        [Fact]
        public void Message_reader_takes_strings_messages_and_earlier_responses()
        {
            ChatCompletionResponse response = ResponseConverter.ConvertChat(Fixtures.WireText("chat-response-tool-calls.json"));
            Message typed = Message.System("s");

            Assert.Equal((MessageRole.User, "hello"), (LlamaStackMessageReader.Read("hello", 0).Role, LlamaStackMessageReader.Read("hello", 0).Content!.Text));
            Assert.Same(typed, LlamaStackMessageReader.Read(typed, 0));
            Message assistant = LlamaStackMessageReader.Read(response, 0);
            Assert.Equal(MessageRole.Assistant, assistant.Role);
            Assert.Equal(response.ToolCalls, assistant.ToolCalls);
        }

        [Fact]
        public void Tool_reader_takes_llama_stack_openai_and_typed_tools()
        {
            var typed = new ToolDefinition("t");

            Assert.Same(typed, LlamaStackToolReader.Read(typed, 0));
            Assert.Equal("f", LlamaStackToolReader.Read(PlainJson.Parse("{\"tool_name\":\"f\"}"), 0).Name);
            ToolDefinition openAi = LlamaStackToolReader.Read(PlainJson.Parse("{\"type\":\"function\",\"function\":{\"name\":\"g\",\"parameters\":{\"type\":\"object\"}}}"), 0);
            Assert.Equal("g", openAi.Name);
            JsonAssert.Equal("{\"type\":\"object\"}", openAi.ParametersSchemaJson!);
        }
    }
}
