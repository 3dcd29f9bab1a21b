using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Builds wire bodies from Llama Stack documents and parses them for comparison.</summary>
    internal static class Payloads
    {
        public static JsonObject Chat(string document, ExtensionPlacement placement = ExtensionPlacement.Nvext)
        {
            RequestDocument read = LlamaStackRequestReader.ReadJson(document);
            Assert.NotNull(read.Chat);
            return Body(NimPayloadBuilder.BuildChat(read.Chat!, placement));
        }

        public static JsonObject Completion(string document, ExtensionPlacement placement = ExtensionPlacement.Nvext)
        {
            RequestDocument read = LlamaStackRequestReader.ReadJson(document);
            Assert.NotNull(read.Completion);
            return Body(NimPayloadBuilder.BuildCompletion(read.Completion!, placement));
        }

        public static JsonObject Body(NimPayload payload) => JsonNode.Parse(payload.Body)!.AsObject();

        /// <summary>A chat document with one user message and the given extra top-level members (JSON text after a comma).</summary>
        public static string ChatDocument(string extra = "") =>
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + (extra.Length > 0 ? "," + extra : string.Empty) + "}";

        /// <summary>The body every chat document above gives before sampling and extensions.</summary>
        public const string ChatBase = "\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false,\"n\":1";

        /// <summary>Moves nvext's members to the top level: what ExtensionPlacement.TopLevel must give.</summary>
        public static JsonObject Flatten(JsonObject body)
        {
            var flat = (JsonObject)body.DeepClone();
            if (flat["nvext"] is JsonObject nvext)
            {
                flat.Remove("nvext");
                foreach (var member in nvext)
                {
                    flat[member.Key] = member.Value?.DeepClone();
                }
            }

            return flat;
        }
    }
}
