using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>docs/requests.md, The body: completion requests (POST {base}/completions).</summary>
    public class PayloadCompletionTests
    {
        [Fact]
        public void Completion_sends_prompt_sampling_guided_json_and_integer_logprobs()
        {
            // FIX: the reference compared the strategy object with strings and never sent a strategy for completions.
            const string document = "{\"model\":\"m\",\"content\":\"Once upon\",\"sampling_params\":{\"strategy\":{\"type\":\"top_p\",\"temperature\":0.5,\"top_p\":0.8},\"max_tokens\":16}," +
                "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"type\":\"object\"}},\"logprobs\":{\"top_k\":2}}";

            JsonAssert.Equal(
                "{\"model\":\"m\",\"prompt\":\"Once upon\",\"stream\":false,\"n\":1,\"max_tokens\":16,\"temperature\":0.5,\"top_p\":0.8,\"logprobs\":2," +
                "\"nvext\":{\"repetition_penalty\":1.0,\"top_k\":-1,\"guided_json\":{\"type\":\"object\"}}}",
                Payloads.Completion(document).ToJsonString());
        }

        [Fact]
        public void Completion_path_and_top_level_placement()
        {
            RequestDocument read = LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"content\":\"x\",\"stream\":true}");
            NimPayload nvext = NimPayloadBuilder.BuildCompletion(read.Completion!);
            NimPayload topLevel = NimPayloadBuilder.BuildCompletion(read.Completion!, ExtensionPlacement.TopLevel);

            Assert.Equal("completions", nvext.Path);
            Assert.Equal("text/event-stream", nvext.Headers["Accept"]);
            Assert.False(Payloads.Body(topLevel).ContainsKey("nvext"));
            JsonAssert.Equal(Payloads.Flatten(Payloads.Body(nvext)), Payloads.Body(topLevel));
        }

        [Fact]
        public void A_text_item_is_a_prompt()
        {
            JsonObject body = Payloads.Completion("{\"model\":\"m\",\"content\":{\"type\":\"text\",\"text\":\"Roses are\"}}");

            Assert.Equal("Roses are", (string)body["prompt"]!);
        }

        [Theory]
        [InlineData("{\"type\":\"image\",\"image\":{\"url\":{\"uri\":\"https://example.com/a.png\"}}}")]
        [InlineData("[{\"type\":\"text\",\"text\":\"a\"}]")]
        public void Media_and_lists_are_refused(string content)
        {
            var e = Assert.Throws<NimInvalidRequestException>(() => LlamaStackRequestReader.ReadJson("{\"model\":\"m\",\"content\":" + content + "}"));

            Assert.Equal("content", e.Field);
        }
    }
}
