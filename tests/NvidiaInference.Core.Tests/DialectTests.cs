using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// The three dialects of -ExtensionPlacement: Nvext (NIM 1.x), TopLevel (NIM 2.x, vLLM) and OpenAI (OpenAI,
    /// llama-server), from one typed request.
    /// </summary>
    public class DialectTests
    {
        private const string Schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},\"required\":[\"answer\"]}";

        private static readonly ExtensionPlacement[] Placements = { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel, ExtensionPlacement.OpenAI };

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Each_dialect_puts_the_extensions_where_its_servers_read_them(bool stream)
        {
            var chat = new ChatCompletionRequest("m") { JsonSchema = Schema, Stream = stream, Sampling = new SamplingOptions { Temperature = 0.5, TopK = 40, RepetitionPenalty = 1.1 } };
            chat.Messages.Add(Message.User("Hi"));
            var completion = new CompletionRequest("m", "Hi") { JsonSchema = Schema, Stream = stream, Sampling = chat.Sampling };
            var openAIChat = chat.Copy();
            openAIChat.Sampling = new SamplingOptions { Temperature = 0.5 };
            var openAICompletion = new CompletionRequest("m", "Hi") { Stream = stream, Sampling = openAIChat.Sampling };
            string streamText = stream ? "true" : "false";
            string chatBase = $"\"model\":\"m\",\"messages\":[{{\"role\":\"user\",\"content\":\"Hi\"}}],\"stream\":{streamText},\"n\":1,\"temperature\":0.5";
            string completionBase = $"\"model\":\"m\",\"prompt\":\"Hi\",\"stream\":{streamText},\"n\":1,\"temperature\":0.5";
            const string Nvext = ",\"nvext\":{\"top_k\":40,\"repetition_penalty\":1.1,\"guided_json\":" + Schema + "}";
            const string TopLevel = ",\"top_k\":40,\"repetition_penalty\":1.1,\"guided_json\":" + Schema;
            string openAI = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":" + Schema + ",\"strict\":true}}"
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : string.Empty);

            foreach ((string body, string expected) in new[]
            {
                (NimPayloadBuilder.BuildChat(chat, ExtensionPlacement.Nvext).Body, chatBase + Nvext),
                (NimPayloadBuilder.BuildChat(chat, ExtensionPlacement.TopLevel).Body, chatBase + TopLevel),
                (NimPayloadBuilder.BuildChat(openAIChat, ExtensionPlacement.OpenAI).Body, chatBase + openAI),
                (NimPayloadBuilder.BuildCompletion(completion, ExtensionPlacement.Nvext).Body, completionBase + Nvext),
                (NimPayloadBuilder.BuildCompletion(completion, ExtensionPlacement.TopLevel).Body, completionBase + TopLevel),
                (NimPayloadBuilder.BuildCompletion(openAICompletion, ExtensionPlacement.OpenAI).Body, completionBase + (stream ? ",\"stream_options\":{\"include_usage\":true}" : string.Empty)),
            })
            {
                JsonAssert.Equal("{" + expected + "}", body);
            }
        }

        [Fact]
        public void Only_the_OpenAI_dialect_leaves_out_the_neutral_top_k_and_repetition_penalty_and_refuses_the_others()
        {
            // -1 and 1.0 change nothing, so leaving them out is the same request to a server that knows them and a valid
            // one to a server that does not. The NIM dialects keep them: Llama Stack's greedy sends nvext.top_k -1.
            var request = new ChatCompletionRequest("m") { Sampling = new SamplingOptions { TopK = -1, RepetitionPenalty = 1.0 } };
            request.Messages.Add(Message.User("Hi"));

            JsonObject nvext = Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.Nvext));
            JsonObject openAI = Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.OpenAI));

            JsonAssert.Equal("{\"top_k\":-1,\"repetition_penalty\":1.0}", nvext["nvext"]!.ToJsonString());
            JsonAssert.Equal("{" + Payloads.ChatBase + "}", openAI.ToJsonString());
            foreach ((SamplingOptions sampling, string field) in new[]
            {
                (new SamplingOptions { TopK = 40 }, "top_k"),
                (new SamplingOptions { RepetitionPenalty = 1.1 }, "repetition_penalty"),
                (new SamplingOptions { MinTokens = 3 }, "min_tokens"),
            })
            {
                request.Sampling = sampling;
                var chatError = Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(request, ExtensionPlacement.OpenAI));
                var completionError = Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildCompletion(new CompletionRequest("m", "Hi") { Sampling = sampling }, ExtensionPlacement.OpenAI));
                Assert.Equal((field, field), (chatError.Field, completionError.Field));
                Assert.Contains("OpenAI placement", chatError.Message);
            }
        }

        [Fact]
        public void No_dialect_ever_sends_an_empty_nvext_and_only_Nvext_sends_one()
        {
            int?[] topKs = { null, -1, 5 };
            double?[] penalties = { null, 1.0, 1.2 };
            string?[] schemas = { null, Schema };
            double?[] temperatures = { null, 0.5 };
            int checkedBodies = 0;
            foreach (ExtensionPlacement placement in Placements)
            {
                foreach ((int? topK, double? penalty, string? schema, double? temperature) in
                    from k in topKs from p in penalties from s in schemas from t in temperatures select (k, p, s, t))
                {
                    SamplingOptions? sampling = topK is null && penalty is null && temperature is null
                        ? null
                        : new SamplingOptions { TopK = topK, RepetitionPenalty = penalty, Temperature = temperature };
                    var chat = new ChatCompletionRequest("m") { Sampling = sampling, JsonSchema = schema };
                    chat.Messages.Add(Message.User("Hi"));
                    var completion = new CompletionRequest("m", "Hi") { Sampling = sampling, JsonSchema = schema };

                    bool refusedInOpenAI = placement == ExtensionPlacement.OpenAI && (topK is 5 || penalty is 1.2);
                    if (refusedInOpenAI)
                    {
                        Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildChat(chat, placement));
                        Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildCompletion(completion, placement));
                        checkedBodies += 2;
                        continue;
                    }

                    bool completionRefused = placement == ExtensionPlacement.OpenAI && schema is not null;
                    if (completionRefused)
                    {
                        Assert.Equal("response_format", Assert.Throws<NimInvalidRequestException>(() => NimPayloadBuilder.BuildCompletion(completion, placement)).Field);
                        checkedBodies++;
                    }

                    NimPayload[] payloads = completionRefused
                        ? new[] { NimPayloadBuilder.BuildChat(chat, placement) }
                        : new[] { NimPayloadBuilder.BuildChat(chat, placement), NimPayloadBuilder.BuildCompletion(completion, placement) };
                    foreach (JsonObject body in payloads.Select(Payloads.Body))
                    {
                        bool extensions = topK is not null || penalty is not null || schema is not null;
                        Assert.Equal(placement == ExtensionPlacement.Nvext && extensions, body.ContainsKey("nvext"));
                        Assert.True(body["nvext"] is null or JsonObject { Count: > 0 });
                        Assert.Equal(placement == ExtensionPlacement.OpenAI && schema is not null, body.ContainsKey("response_format"));
                        Assert.Equal(placement == ExtensionPlacement.TopLevel && schema is not null, body.ContainsKey("guided_json"));
                        checkedBodies++;
                    }
                }
            }

            Assert.Equal(3 * 3 * 3 * 2 * 2 * 2, checkedBodies);
        }

        [Fact]
        public void Greedy_in_the_OpenAI_dialect_is_the_body_llama_server_accepted()
        {
            // chat-greedy: temperature 0 alone; greedy's top_k -1 is neutral and left out.
            LlamaCppExchange exchange = LlamaCppExchange.Get("chat-greedy");
            JsonObject recorded = exchange.Request;
            var request = new ChatCompletionRequest((string)recorded["model"]!) { Sampling = SamplingOptions.ForGreedy() };
            request.Sampling.MaxTokens = (int)recorded["max_tokens"]!;
            request.Messages.Add(Message.User((string)recorded["messages"]![0]!["content"]!));

            NimPayload payload = NimPayloadBuilder.BuildChat(request, ExtensionPlacement.OpenAI);

            JsonAssert.Equal(RecordedRequest.AsTheModuleSendsIt(recorded, ExtensionPlacement.OpenAI), Payloads.Body(payload));
        }

        [Fact]
        public void Llama_server_ignores_nvext_so_top_k_needs_the_TopLevel_dialect()
        {
            // The same request (seed 42, 12 tokens) three ways: top_k 1 in nvext wrote exactly what no top_k wrote, while
            // top_k 1 at the top level changed the text. The module sends the first with Nvext and the second with TopLevel.
            LlamaCppExchange inNvext = LlamaCppExchange.Get("chat-nvext-topk1");
            LlamaCppExchange topLevel = LlamaCppExchange.Get("chat-topk1");
            LlamaCppExchange without = LlamaCppExchange.Get("chat-seed-repeat");
            var request = new ChatCompletionRequest("tiny-random-llama") { Sampling = new SamplingOptions { MaxTokens = 12, TopK = 1, Seed = 42 } };
            request.Messages.Add(Message.User("Hi"));

            JsonAssert.Equal(RecordedRequest.AsTheModuleSendsIt(inNvext.Request, ExtensionPlacement.Nvext), Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.Nvext)));
            JsonAssert.Equal(RecordedRequest.AsTheModuleSendsIt(topLevel.Request, ExtensionPlacement.TopLevel), Payloads.Body(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.TopLevel)));
            string Content(LlamaCppExchange e) => ResponseConverter.ConvertChat(e.Body).Content;
            Assert.Equal(Content(without), Content(inNvext));
            Assert.NotEqual(Content(without), Content(topLevel));
        }

        [Fact]
        public void Llama_server_ignores_repetition_penalty_and_reads_only_its_own_repeat_penalty()
        {
            // What the README says about llama-server: repetition_penalty 2.0 changed nothing, repeat_penalty 2.0 did.
            string Content(string name) => ResponseConverter.ConvertChat(LlamaCppExchange.Get(name).Body).Content;
            JsonObject Without(string name, string key)
            {
                JsonObject body = LlamaCppExchange.Get(name).Request;
                body.Remove(key);
                return body;
            }

            JsonAssert.Equal(LlamaCppExchange.Get("chat-topk1").Request, Without("chat-topk1-repetition-penalty", "repetition_penalty"));
            JsonAssert.Equal(LlamaCppExchange.Get("chat-topk1").Request, Without("chat-topk1-repeat-penalty", "repeat_penalty"));
            Assert.Equal(Content("chat-topk1"), Content("chat-topk1-repetition-penalty"));
            Assert.NotEqual(Content("chat-topk1"), Content("chat-topk1-repeat-penalty"));
        }
    }
}
