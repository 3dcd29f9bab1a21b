using System.Text.Json.Nodes;
using NvidiaInference.Json;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>The wire request fixtures, rebuilt from the equivalent Llama Stack document or typed request.</summary>
    public class PayloadFixtureTests
    {
        [Fact]
        public void Chat_request_nim1_nvext_is_rebuilt_from_its_llama_stack_document()
        {
            // TopP sampling + tools + logprobs, as the reference adapter sends it; every value is taken from the fixture.
            JsonNode wire = Fixtures.WireJson("chat-request-nim1-nvext.json");
            JsonNode function = wire["tools"]![0]!["function"]!;
            var document = new JsonObject
            {
                ["model"] = wire["model"]!.DeepClone(),
                ["messages"] = wire["messages"]!.DeepClone(),
                ["sampling_params"] = new JsonObject
                {
                    ["strategy"] = new JsonObject { ["type"] = "top_p", ["temperature"] = wire["temperature"]!.DeepClone(), ["top_p"] = wire["top_p"]!.DeepClone() },
                    ["max_tokens"] = wire["max_tokens"]!.DeepClone(),
                    ["repetition_penalty"] = wire["nvext"]!["repetition_penalty"]!.DeepClone(),
                },
                ["tools"] = new JsonArray(new JsonObject
                {
                    ["tool_name"] = function["name"]!.DeepClone(),
                    ["description"] = function["description"]!.DeepClone(),
                    ["input_schema"] = function["parameters"]!.DeepClone(),
                }),
                ["tool_config"] = new JsonObject { ["tool_choice"] = wire["tool_choice"]!.DeepClone() },
                ["logprobs"] = new JsonObject { ["top_k"] = wire["top_logprobs"]!.DeepClone() },
                ["stream"] = wire["stream"]!.DeepClone(),
            };

            JsonAssert.Equal(wire, Payloads.Chat(document.ToJsonString()));
        }

        [Fact]
        public void Chat_request_nim2_toplevel_is_rebuilt_from_a_typed_request()
        {
            // A Llama Stack strategy cannot hold top_p and top_k together, so this uses the typed request (the cmdlet path).
            JsonNode wire = Fixtures.WireJson("chat-request-nim2-toplevel.json");
            var request = new ChatCompletionRequest((string)wire["model"]!)
            {
                Stream = (bool)wire["stream"]!,
                JsonSchema = wire["guided_json"]!.ToJsonString(),
                Sampling = new SamplingOptions
                {
                    MaxTokens = (int)wire["max_tokens"]!,
                    Temperature = (double)wire["temperature"]!,
                    TopP = (double)wire["top_p"]!,
                    TopK = (int)wire["top_k"]!,
                    RepetitionPenalty = (double)wire["repetition_penalty"]!,
                },
            };
            foreach (JsonNode? message in wire["messages"]!.AsArray())
            {
                request.Messages.Add(LlamaStackMessageReader.Read(PlainJson.Parse(message!.ToJsonString()), request.Messages.Count));
            }

            // The fixture is a hand-written vLLM request: stream_options, min_tokens and ignore_eos are not part of
            // docs/requests.md and are never sent, while n is always sent (The body).
            var expected = (JsonObject)wire.DeepClone();
            foreach (string notSent in new[] { "stream_options", "min_tokens", "ignore_eos" })
            {
                Assert.True(expected.Remove(notSent));
            }

            expected["n"] = 1;

            JsonAssert.Equal(expected, Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.TopLevel)));
        }

        [Fact]
        public void Completion_request_nim1_nvext_is_rebuilt_from_its_llama_stack_document()
        {
            // TopK strategy => nvext.top_k (the reference's completion path never sent a strategy; docs/requests.md, The body, differs there).
            JsonNode wire = Fixtures.WireJson("completion-request-nim1-nvext.json");
            var document = new JsonObject
            {
                ["model"] = wire["model"]!.DeepClone(),
                ["content"] = wire["prompt"]!.DeepClone(),
                ["stream"] = wire["stream"]!.DeepClone(),
                ["sampling_params"] = new JsonObject
                {
                    ["strategy"] = new JsonObject { ["type"] = "top_k", ["top_k"] = wire["nvext"]!["top_k"]!.DeepClone() },
                    ["max_tokens"] = wire["max_tokens"]!.DeepClone(),
                },
                ["response_format"] = new JsonObject { ["type"] = "json_schema", ["json_schema"] = wire["nvext"]!["guided_json"]!.DeepClone() },
                ["logprobs"] = new JsonObject { ["top_k"] = wire["logprobs"]!.DeepClone() },
            };

            JsonAssert.Equal(wire, Payloads.Completion(document.ToJsonString()));
        }
    }
}
