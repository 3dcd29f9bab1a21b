using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using NvidiaInference.Http;
using NvidiaInference.Tests.Fakes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// EndpointProbe's decisions over a fake transport: when to stop, what counts as not supported, and which extension
    /// placement it recommends (docs/requests.md, Extension placement).
    /// </summary>
    public class EndpointProbeTests
    {
        private const string Plain = "Yes, water is wet.";

        [Fact]
        public void Recommends_the_only_placement_whose_output_follows_the_schema()
        {
            var server = new StructuredServer { Honoured = { ExtensionPlacement.TopLevel }, Refused = { ExtensionPlacement.Nvext } };

            EndpointCheck check = Probe(server).RecommendPlacement("m");

            Assert.Equal(ExtensionPlacement.TopLevel, check.Placement);
            Assert.Equal(EndpointCheckStatus.Passed, check.Status);
            Assert.Equal(new[] { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel, ExtensionPlacement.OpenAI }, server.Asked);
        }

        [Fact]
        public void Of_several_honoured_placements_the_first_in_the_order_Nvext_TopLevel_OpenAI_wins()
        {
            var server = new StructuredServer { Honoured = { ExtensionPlacement.OpenAI, ExtensionPlacement.Nvext } };

            Assert.Equal(ExtensionPlacement.Nvext, Probe(server).RecommendPlacement("m").Placement);
        }

        [Fact]
        public void When_none_is_honoured_but_all_are_answered_the_standard_fields_are_recommended()
        {
            var server = new StructuredServer();

            EndpointCheck check = Probe(server).RecommendPlacement("m");

            Assert.Equal(ExtensionPlacement.OpenAI, check.Placement);
            Assert.Equal(EndpointCheckStatus.NotSupported, check.Status);
        }

        [Fact]
        public void When_only_one_placement_is_answered_it_is_recommended()
        {
            var server = new StructuredServer { Refused = { ExtensionPlacement.TopLevel, ExtensionPlacement.OpenAI } };

            EndpointCheck check = Probe(server).RecommendPlacement("m");

            Assert.Equal(ExtensionPlacement.Nvext, check.Placement);
            Assert.Equal(EndpointCheckStatus.NotSupported, check.Status);
        }

        [Fact]
        public void When_every_placement_is_refused_the_default_is_marked_failed()
        {
            var server = new StructuredServer { Refused = { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel, ExtensionPlacement.OpenAI } };

            EndpointCheck check = Probe(server).RecommendPlacement("m");

            Assert.Equal(ExtensionPlacement.Nvext, check.Placement);
            Assert.Equal(EndpointCheckStatus.Failed, check.Status);
        }

        [Fact]
        public void An_unreachable_server_gives_one_failed_check_after_one_attempt()
        {
            var handler = FakeHttpHandler.Answering(_ => throw new HttpRequestException("Connection refused"));

            List<EndpointCheck> checks = new EndpointProbe(FakeClients.Settings(), handler.Client(), CancellationToken.None).Run("m", quick: false).ToList();

            EndpointCheck check = Assert.Single(checks);
            Assert.Equal("Reachable", check.Capability);
            Assert.Equal(EndpointCheckStatus.Failed, check.Status);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public void A_rejected_key_stops_the_probes()
        {
            var handler = FakeHttpHandler.Answering(_ => FakeResponses.Json(HttpStatusCode.Unauthorized, "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"Bearer token is invalid\"}"));

            EndpointCheck check = Assert.Single(new EndpointProbe(FakeClients.Settings(), handler.Client(), CancellationToken.None).Run("m", quick: false));

            Assert.Equal(EndpointCheckStatus.Failed, check.Status);
            Assert.Contains("Not authenticated", check.Detail);
            Assert.Contains("Bearer token is invalid", check.Detail);
        }

        [Fact]
        public void A_server_without_the_model_list_and_health_is_still_probed_for_chat()
        {
            var handler = FakeHttpHandler.Answering(request =>
                request.Uri.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) ? FakeResponses.Chat() : FakeResponses.Status(HttpStatusCode.NotFound));

            List<EndpointCheck> checks = new EndpointProbe(FakeClients.Settings(), handler.Client(), CancellationToken.None).Run("m", quick: true).ToList();

            Assert.Equal(new[] { "Reachable:Passed", "ModelsListed:NotSupported", "HealthReady:NotSupported", "Chat:Passed" },
                checks.Select(c => $"{c.Capability}:{c.Status}"));
        }

        [Fact]
        public void Without_a_model_the_first_listed_one_is_probed()
        {
            var handler = FakeHttpHandler.Answering(request => request.Uri.AbsolutePath switch
            {
                "/v1/models" => FakeResponses.Json(HttpStatusCode.OK, "{\"object\":\"list\",\"data\":[{\"id\":\"first\"},{\"id\":\"second\"}]}"),
                "/v1/health/ready" => FakeResponses.Json(HttpStatusCode.OK, "{}"),
                _ => FakeResponses.Chat(),
            });
            var probe = new EndpointProbe(FakeClients.Settings(), handler.Client(), CancellationToken.None);

            List<EndpointCheck> checks = probe.Run(null, quick: true).ToList();

            Assert.Equal("first", probe.Model);
            Assert.All(checks, c => Assert.Equal(EndpointCheckStatus.Passed, c.Status));
            Assert.Contains("\"model\":\"first\"", handler.Requests.Last().Body);
        }

        private static EndpointProbe Probe(StructuredServer server) =>
            new EndpointProbe(FakeClients.Settings(), FakeHttpHandler.Answering(server.Answer).Client(), CancellationToken.None);

        /// <summary>A chat server that follows a JSON schema only in some placements, refuses some with 400, and answers plain text otherwise.</summary>
        private sealed class StructuredServer
        {
            public HashSet<ExtensionPlacement> Honoured { get; } = new HashSet<ExtensionPlacement>();

            public HashSet<ExtensionPlacement> Refused { get; } = new HashSet<ExtensionPlacement>();

            public List<ExtensionPlacement> Asked { get; } = new List<ExtensionPlacement>();

            public HttpResponseMessage Answer(FakeRequest request)
            {
                JsonObject body = JsonNode.Parse(request.Body!)!.AsObject();
                (ExtensionPlacement placement, JsonNode schema) =
                    body["nvext"]?["guided_json"] is JsonNode nvext ? (ExtensionPlacement.Nvext, nvext)
                    : body["guided_json"] is JsonNode topLevel ? (ExtensionPlacement.TopLevel, topLevel)
                    : (ExtensionPlacement.OpenAI, body["response_format"]!["json_schema"]!["schema"]!);
                lock (Asked)
                {
                    Asked.Add(placement);
                }

                if (Refused.Contains(placement))
                {
                    return FakeResponses.Json(HttpStatusCode.BadRequest, "{\"object\":\"error\",\"message\":\"unsupported field\",\"code\":400}");
                }

                string allowed = schema["properties"]!["answer"]!["enum"]![0]!.GetValue<string>();
                return FakeResponses.Chat(Honoured.Contains(placement) ? "{\"answer\":\"" + allowed + "\"}" : Plain);
            }
        }
    }
}
