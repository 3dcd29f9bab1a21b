using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>docs/requests.md, The body: sampling, extensions, guided JSON, logprobs, stream and the fixed keys.</summary>
    public class PayloadSamplingTests
    {
        [Fact]
        public void Document_without_sampling_params_is_greedy_with_repetition_penalty_1()
        {
            // Llama Stack default; greedy sends temperature 0 (FIX: the reference sent none).
            JsonAssert.Equal(
                "{" + Payloads.ChatBase + ",\"temperature\":0,\"nvext\":{\"top_k\":-1,\"repetition_penalty\":1.0}}",
                Payloads.Chat(Payloads.ChatDocument()).ToJsonString());
        }

        [Theory]
        [InlineData(ExtensionPlacement.Nvext)]
        [InlineData(ExtensionPlacement.TopLevel)]
        [InlineData(ExtensionPlacement.OpenAI)]
        public void Sampling_params_written_out_as_null_sends_no_sampling_keys(ExtensionPlacement placement)
        {
            // Only a missing sampling_params means Llama Stack's default (greedy); null means none at all.
            RequestDocument chat = LlamaStackRequestReader.ReadJson(Payloads.ChatDocument("\"sampling_params\":null"));
            RequestDocument completion = LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"content\":\"Hi\",\"sampling_params\":null}");

            Assert.Null(chat.Chat!.Sampling);
            Assert.Null(completion.Completion!.Sampling);
            JsonAssert.Equal("{" + Payloads.ChatBase + "}", NimPayloadBuilder.BuildChat(chat.Chat!, placement).Body);
        }

        [Fact]
        public void Request_without_sampling_sends_only_the_fixed_keys_and_no_nvext()
        {
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User("Hi"));

            foreach (ExtensionPlacement placement in new[] { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel })
            {
                JsonAssert.Equal("{" + Payloads.ChatBase + "}", NimPayloadBuilder.BuildChat(request, placement).Body);
            }
        }

        [Theory]
        [InlineData("{\"type\":\"greedy\"}", "\"temperature\":0,\"nvext\":{\"repetition_penalty\":1.0,\"top_k\":-1}")]
        [InlineData("{\"type\":\"top_p\",\"temperature\":0.7,\"top_p\":0.9}", "\"temperature\":0.7,\"top_p\":0.9,\"nvext\":{\"repetition_penalty\":1.0,\"top_k\":-1}")]
        [InlineData("{\"type\":\"top_k\",\"top_k\":40}", "\"nvext\":{\"repetition_penalty\":1.0,\"top_k\":40}")]
        [InlineData("{\"type\":\"top_k\",\"top_k\":-1}", "\"nvext\":{\"repetition_penalty\":1.0,\"top_k\":-1}")]
        public void Strategy_gives_its_keys(string strategy, string expectedKeys)
        {
            string document = Payloads.ChatDocument($"\"sampling_params\":{{\"strategy\":{strategy}}}");
            JsonObject expected = JsonNode.Parse("{" + Payloads.ChatBase + "," + expectedKeys + "}")!.AsObject();

            JsonAssert.Equal(expected, Payloads.Chat(document));
            JsonAssert.Equal(Payloads.Flatten(expected), Payloads.Chat(document, ExtensionPlacement.TopLevel));
        }

        [Fact]
        public void Max_tokens_repetition_penalty_and_stop_are_sent()
        {
            // stop is sent (FIX: the reference dropped it); a single string is a one-element list.
            JsonObject body = Payloads.Chat(Payloads.ChatDocument("\"sampling_params\":{\"max_tokens\":256,\"repetition_penalty\":1.2,\"stop\":[\"\\n\\n\",\"END\"]}"));
            JsonObject single = Payloads.Chat(Payloads.ChatDocument("\"sampling_params\":{\"stop\":\"END\"}"));

            Assert.Equal(256, (int)body["max_tokens"]!);
            Assert.Equal(1.2, (double)body["nvext"]!["repetition_penalty"]!);
            JsonAssert.Equal("[\"\\n\\n\",\"END\"]", body["stop"]!.ToJsonString());
            JsonAssert.Equal("[\"END\"]", single["stop"]!.ToJsonString());
        }

        [Fact]
        public void Max_tokens_0_means_not_set()
        {
            Assert.False(Payloads.Chat(Payloads.ChatDocument("\"sampling_params\":{\"max_tokens\":0}")).ContainsKey("max_tokens"));
        }

        [Theory]
        [InlineData(ExtensionPlacement.Nvext)]
        [InlineData(ExtensionPlacement.TopLevel)]
        public void Json_schema_goes_to_guided_json_and_never_as_response_format(ExtensionPlacement placement)
        {
            const string schema = "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"]}";
            var request = new ChatCompletionRequest("m") { JsonSchema = schema };
            request.Messages.Add(Message.User("Hi"));

            JsonObject body = Payloads.Body(NimPayloadBuilder.BuildChat(request, placement));

            JsonObject expected = JsonNode.Parse("{" + Payloads.ChatBase + ",\"nvext\":{\"guided_json\":" + schema + "}}")!.AsObject();
            JsonAssert.Equal(placement == ExtensionPlacement.Nvext ? expected : Payloads.Flatten(expected), body);
        }

        [Fact]
        public void Response_format_json_schema_in_a_document_gives_guided_json()
        {
            JsonObject body = Payloads.Chat(Payloads.ChatDocument("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"type\":\"object\"}}"));

            JsonAssert.Equal("{\"type\":\"object\"}", body["nvext"]!["guided_json"]!.ToJsonString());
            Assert.False(body.ContainsKey("response_format"));
        }

        [Fact]
        public void Settings_without_extensions_give_no_empty_nvext()
        {
            // FIX: the reference always sent nvext, even empty, which some hosted models reject with 422.
            var sampling = new SamplingOptions { MaxTokens = 10, Temperature = 0.5 };
            sampling.Stop.Add("END");
            var request = new ChatCompletionRequest("m") { Sampling = sampling, Logprobs = 2 };
            request.Messages.Add(Message.User("Hi"));

            JsonAssert.Equal(
                "{" + Payloads.ChatBase + ",\"max_tokens\":10,\"temperature\":0.5,\"stop\":[\"END\"],\"logprobs\":true,\"top_logprobs\":2}",
                NimPayloadBuilder.BuildChat(request).Body);
        }

        [Fact]
        public void Logprobs_top_k_gives_logprobs_true_and_top_logprobs()
        {
            JsonObject body = Payloads.Chat(Payloads.ChatDocument("\"logprobs\":{\"top_k\":3}"));
            JsonObject without = Payloads.Chat(Payloads.ChatDocument());

            Assert.True((bool)body["logprobs"]!);
            Assert.Equal(3, (int)body["top_logprobs"]!);
            Assert.False(without.ContainsKey("logprobs") || without.ContainsKey("top_logprobs"));
        }

        [Theory]
        [InlineData(true, "text/event-stream")]
        [InlineData(false, "application/json")]
        public void Path_stream_flag_and_headers(bool stream, string accept)
        {
            NimPayload payload = NimPayloadBuilder.BuildChat(LlamaStackRequestReader.ReadJson(Payloads.ChatDocument($"\"stream\":{(stream ? "true" : "false")}")).Chat!);

            Assert.Equal("chat/completions", payload.Path);
            Assert.Equal(stream, (bool)Payloads.Body(payload)["stream"]!);
            Assert.Equal("application/json", payload.Headers["Content-Type"]);
            Assert.Equal(accept, payload.Headers["Accept"]);
            Assert.StartsWith("NvidiaInference/", payload.Headers["User-Agent"]);
            Assert.True(payload.Headers["User-Agent"].Length > "NvidiaInference/".Length, "The User-Agent names the version.");
            Assert.DoesNotContain(payload.Headers.Keys, k => k.Equals("Authorization", System.StringComparison.OrdinalIgnoreCase));
        }

        public static TheoryData<string> Documents => new TheoryData<string>
        {
            Payloads.ChatDocument(),
            Payloads.ChatDocument("\"sampling_params\":{\"strategy\":{\"type\":\"top_p\",\"temperature\":0.2,\"top_p\":0.7},\"repetition_penalty\":1.05,\"max_tokens\":9}"),
            Payloads.ChatDocument("\"sampling_params\":{\"strategy\":{\"type\":\"top_k\",\"top_k\":5}},\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"type\":\"object\"}},\"logprobs\":{\"top_k\":1}"),
        };

        [Theory]
        [MemberData(nameof(Documents))]
        public void Top_level_placement_sends_the_same_keys_without_nvext(string document)
        {
            JsonObject nvext = Payloads.Chat(document);
            JsonObject topLevel = Payloads.Chat(document, ExtensionPlacement.TopLevel);

            Assert.True(nvext.ContainsKey("nvext"));
            Assert.False(topLevel.ContainsKey("nvext"));
            JsonAssert.Equal(Payloads.Flatten(nvext), topLevel);
        }
    }
}
