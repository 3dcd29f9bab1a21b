using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Every request llama-server was sent in tests/fixtures/llamacpp, rebuilt by the module from the equivalent typed
    /// request: the module sends that same body (up to <see cref="RecordedRequest.AsTheModuleSendsIt"/>), refuses it
    /// as invalid, or has no way to express it, and which of the three is written down here.
    /// </summary>
    public class LlamaCppRequestTests
    {
        /// <summary>Recorded requests that hold something the module has no parameter for.</summary>
        private static readonly Dictionary<string, string> NotExpressible = new Dictionary<string, string>
        {
            ["chat-json-object"] = "response_format json_object: the module asks only for a JSON schema",
            ["chat-logit-bias"] = "logit_bias",
            ["chat-logprobs-only"] = "logprobs without top_logprobs",
            ["chat-max-completion-tokens"] = "max_completion_tokens: the module sends max_tokens, which every server here accepts",
            ["chat-n2"] = "n: 2",
            ["chat-n5"] = "n: 5",
            ["chat-nvext"] = "nvext.ignore_eos",
            ["chat-topk-reppen"] = "min_p",
            ["chat-topk1-repeat-penalty"] = "repeat_penalty, llama-server's own name for repetition_penalty",
            ["chat-unknown-field"] = "frobnicate and user",
            ["cmpl-echo"] = "echo",
            ["cmpl-prompt-array"] = "a list of prompts",
            ["cmpl-suffix"] = "suffix",
            ["err-bad-role"] = "the role wizard (the request reader refuses unknown roles, see RequestReaderTests)",
            ["err-content-number"] = "content 42",
            ["err-empty-body"] = "an empty body",
            ["err-invalid-json"] = "JSON cut short",
            ["err-max-tokens-string"] = "max_tokens \"ten\"",
            ["err-n-too-large"] = "n: 64",
            ["err-response-format-bad"] = "response_format yaml",
            ["err-tools-bad-schema"] = "a tool without a name",
            ["err-top-logprobs-without-logprobs"] = "top_logprobs without logprobs",
        };

        /// <summary>Recorded requests the module refuses before sending, and the field it names.</summary>
        private static readonly Dictionary<string, string> RefusedLocally = new Dictionary<string, string>
        {
            ["chat-no-model"] = "model",
            ["err-no-messages"] = "messages",
            ["err-empty-messages"] = "messages",
            ["err-neg-max-tokens"] = "max_tokens",
            ["err-max-tokens-minus1"] = "max_tokens",
            ["err-max-tokens-zero"] = "max_tokens",
            ["err-temperature-negative"] = "temperature",
            ["cmpl-err-neg-max-tokens"] = "max_tokens",
            ["cmpl-err-no-prompt"] = "content",
        };

        /// <summary>Requests whose body the module can send but whose path it never uses.</summary>
        private static readonly Dictionary<string, string> OtherEndpoint = new Dictionary<string, string>
        {
            ["err-unknown-path"] = "POST /v1/chat/complete",
        };

        public static TheoryData<string> Expressible => LlamaCppExchange.Names(e =>
            e.RequestText is not null && !NotExpressible.ContainsKey(e.Name) && !RefusedLocally.ContainsKey(e.Name) && !OtherEndpoint.ContainsKey(e.Name));

        public static TheoryData<string> NotExpressibleNames => LlamaCppExchange.Names(e => NotExpressible.ContainsKey(e.Name));

        public static TheoryData<string> RefusedNames => LlamaCppExchange.Names(e => RefusedLocally.ContainsKey(e.Name));

        [Fact]
        public void Every_listed_name_is_a_recorded_request()
        {
            var withRequest = LlamaCppExchange.All.Where(e => e.RequestText is not null).Select(e => e.Name).ToHashSet();

            Assert.All(NotExpressible.Keys.Concat(RefusedLocally.Keys).Concat(OtherEndpoint.Keys), n => Assert.Contains(n, withRequest));
            int expressible = Expressible.Count;
            Assert.True(expressible >= 40, $"Only {expressible} recorded requests are expressible.");
        }

        [Theory]
        [MemberData(nameof(Expressible))]
        public void The_module_sends_the_body_llama_server_was_sent(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            JsonObject recorded = exchange.Request;

            // A recording that used nvext is the Nvext dialect (llama-server ignores it); one with NIM's sampling fields at
            // the top level is the TopLevel dialect (the OpenAI dialect refuses them); everything else is OpenAI's.
            bool nimSampling = (recorded["top_k"] is JsonNode k && (int)k != -1) || (recorded["repetition_penalty"] is JsonNode p && (double)p != 1.0);
            ExtensionPlacement placement = recorded.ContainsKey("nvext") ? ExtensionPlacement.Nvext : nimSampling ? ExtensionPlacement.TopLevel : ExtensionPlacement.OpenAI;
            NimPayload payload = RecordedRequest.Build(recorded, exchange.IsCompletion, placement);

            // llama-server also serves the API without /v1 (chat-basic-noprefix); the module always puts /v1 in the base URI.
            Assert.Equal(exchange.Path.Replace("/v1/", "/"), "/" + payload.Path);
            Assert.Equal(payload.Stream, (bool?)recorded["stream"] ?? false);
            JsonAssert.Equal(RecordedRequest.AsTheModuleSendsIt(recorded, placement), Payloads.Body(payload));
        }

        [Theory]
        [MemberData(nameof(NotExpressibleNames))]
        public void A_request_listed_as_not_expressible_holds_what_the_module_cannot_send(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);
            if (!TryParse(exchange.RequestText!, out JsonObject? recorded))
            {
                // Not a JSON object at all (empty, or cut short): the module always sends a whole body.
                Assert.Contains(name, new[] { "err-empty-body", "err-invalid-json" });
                return;
            }

            Exception e = Record.Exception(() => RecordedRequest.Build(recorded!, exchange.IsCompletion, ExtensionPlacement.OpenAI));

            Assert.IsType<NotExpressibleException>(e);
        }

        [Theory]
        [MemberData(nameof(RefusedNames))]
        public void The_module_refuses_before_sending_and_names_the_field(string name)
        {
            LlamaCppExchange exchange = LlamaCppExchange.Get(name);

            var e = Assert.Throws<NimInvalidRequestException>(() => RecordedRequest.Build(exchange.Request, exchange.IsCompletion, ExtensionPlacement.OpenAI));

            Assert.Equal(RefusedLocally[name], e.Field);
        }

        private static bool TryParse(string text, out JsonObject? body)
        {
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
                return body is not null;
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
                return false;
            }
        }
    }
}
