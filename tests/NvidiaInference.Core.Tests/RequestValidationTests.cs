using System;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Invalid requests are refused with NimInvalidRequestException naming the field (docs/requests.md, Validation).</summary>
    public class RequestValidationTests
    {
        private const string Png = "iVBORw0KGgoAAAANSUhEUg==";

        [Theory]
        [InlineData("\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]", "messages[0].role", "robot")]
        [InlineData("\"messages\":[\"ok\",{\"content\":\"x\"}]", "messages[1].role", "role")]
        [InlineData("\"messages\":[\"x\"],\"sampling_params\":{\"strategy\":{\"type\":\"top_p\",\"top_p\":0.9}}", "sampling_params.strategy.temperature", "temperature")]
        [InlineData("\"messages\":[\"x\"],\"sampling_params\":{\"strategy\":{\"type\":\"top_p\",\"temperature\":0,\"top_p\":0.9}}", "sampling_params.strategy.temperature", "temperature")]
        [InlineData("\"messages\":[\"x\"],\"sampling_params\":{\"strategy\":{\"type\":\"top_p\",\"temperature\":-0.5,\"top_p\":0.9}}", "sampling_params.strategy.temperature", "temperature")]
        [InlineData("\"messages\":[\"x\"],\"sampling_params\":{\"strategy\":{\"type\":\"top_k\",\"top_k\":0}}", "sampling_params.strategy.top_k", "top_k")]
        [InlineData("\"messages\":[\"x\"],\"sampling_params\":{\"strategy\":{\"type\":\"top_k\",\"top_k\":-2}}", "sampling_params.strategy.top_k", "top_k")]
        [InlineData("\"messages\":[\"x\"],\"sampling_params\":{\"strategy\":{\"type\":\"beam\"}}", "sampling_params.strategy.type", "beam")]
        [InlineData("\"messages\":[\"x\"],\"response_format\":{\"type\":\"grammar\",\"bnf\":{}}", "response_format.type", "only json_schema")]
        [InlineData("\"messages\":[\"x\"],\"tools\":[{\"tool_name\":\"f\"}],\"tool_config\":{\"tool_choice\":\"g\"}", "tool_choice", "g")]
        [InlineData("\"messages\":[\"x\",{\"role\":\"user\",\"content\":{\"type\":\"image\",\"image\":{\"data\":\"not base64!\"}}}]", "messages[1].content.image.data", "message 1")]
        [InlineData("\"messages\":[\"x\",{\"role\":\"user\",\"content\":{\"type\":\"image\",\"image\":{\"data\":\"aGVsbG8gd29ybGQ=\"}}}]", "messages[1].content", "message 1")]
        [InlineData("\"messages\":[{\"role\":\"tool\",\"content\":\"22C\"}]", "messages[0].call_id", "call_id")]
        [InlineData("\"messages\":[{\"role\":\"user\"}]", "messages[0].content", "content")]
        [InlineData("\"messages\":[42]", "messages[0]", "Message 0")]
        public void Invalid_document_names_the_field(string members, string field, string mentioned)
        {
            var e = Assert.Throws<NimInvalidRequestException>(() =>
                NimPayloadBuilder.BuildChat(LlamaStackRequestReader.ReadJson("{\"model\":\"m\"," + members + "}").Chat!));

            Assert.Equal(field, e.Field);
            Assert.Contains(mentioned, e.Message);
        }

        [Theory]
        [InlineData("{\"messages\":[\"x\"]}", "model")]
        [InlineData("{\"model\":\"m\"}", "messages")]
        [InlineData("{\"model\":", "request")]
        [InlineData("[1,2]", "request")]
        public void Invalid_document_shape_names_the_field(string document, string field)
        {
            Assert.Equal(field, Assert.Throws<NimInvalidRequestException>(() => LlamaStackRequestReader.ReadJson(document)).Field);
        }

        [Fact]
        public void A_valid_png_passes_where_non_image_bytes_fail()
        {
            string Doc(string data) => "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"image\",\"image\":{\"data\":\"" + data + "\"}}}]}";

            Assert.NotNull(Payloads.Chat(Doc(Png)));
            Assert.Throws<NimInvalidRequestException>(() => Payloads.Chat(Doc(Convert.ToBase64String(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }))));
        }

        public static TheoryData<Action<ChatCompletionRequest>, string> TypedCases => new TheoryData<Action<ChatCompletionRequest>, string>
        {
            { r => r.Sampling = new SamplingOptions { Temperature = 2.5 }, "temperature" },
            { r => r.Sampling = new SamplingOptions { Temperature = -1 }, "temperature" },
            { r => r.Sampling = new SamplingOptions { TopP = 0 }, "top_p" },
            { r => r.Sampling = new SamplingOptions { TopP = 1.5 }, "top_p" },
            { r => r.Sampling = new SamplingOptions { TopK = 0 }, "top_k" },
            { r => r.Sampling = new SamplingOptions { RepetitionPenalty = 0 }, "repetition_penalty" },
            { r => r.Sampling = new SamplingOptions { MaxTokens = 0 }, "max_tokens" },
            { r => { r.Sampling = new SamplingOptions(); r.Sampling.Stop.Add(string.Empty); }, "stop[0]" },
            { r => r.Logprobs = 21, "logprobs.top_k" },
            { r => r.Logprobs = -1, "logprobs.top_k" },
            { r => r.JsonSchema = "[1]", "response_format.json_schema" },
            { r => r.JsonSchema = "{oops", "response_format.json_schema" },
            { r => r.Messages.Clear(), "messages" },
        };

        [Theory]
        [MemberData(nameof(TypedCases))]
        public void Invalid_typed_request_names_the_field(Action<ChatCompletionRequest> spoil, string field)
        {
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User("x"));
            spoil(request);

            Assert.Equal(field, Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(request)).Field);
        }

        [Fact]
        public void Empty_model_is_refused()
        {
            var request = new ChatCompletionRequest(" ");
            request.Messages.Add(Message.User("x"));

            Assert.Equal("model", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(request)).Field);
            Assert.Equal("model", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildCompletion(new CompletionRequest("", "p"))).Field);
        }
    }
}
