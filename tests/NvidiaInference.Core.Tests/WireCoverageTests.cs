using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Every file of tests/fixtures/wire is checked somewhere; this class checks the ones no other class does.</summary>
    public class WireCoverageTests
    {
        /// <summary>Each kind of wire file and the test class that checks it; a new kind must be added here, and tested.</summary>
        private static readonly (string Pattern, string CheckedBy)[] Kinds =
        {
            (@"^.+\.sse(\.expected\.json)?$", nameof(StreamFixtureTests)),
            (@"^(chat|completion)-response-.+\.json$", nameof(ResponseFixtureTests)),
            (@"^error-\d{3}-.+\.json$", nameof(ServerErrorReaderTests)),
            (@"^http-\d{3}-.+\.http$", nameof(ServerErrorReaderTests)),
            (@"^(chat|completion)-request-.+\.json$", nameof(PayloadFixtureTests)),
            (@"^models-list-.+\.json$", nameof(WireCoverageTests)),
            (@"^embeddings-(request|response)\.json$", "none: the module has no embeddings cmdlet"),
            (@"^(index\.json|README\.md)$", "none: they describe the others"),
        };

        [Fact]
        public void Every_wire_file_is_of_a_kind_some_test_checks()
        {
            List<string> files = Fixtures.WireFiles("*").ToList();

            Assert.All(files, file => Assert.Single(Kinds, kind => Regex.IsMatch(file, kind.Pattern)));
            Assert.All(Kinds, kind => Assert.Contains(files, file => Regex.IsMatch(file, kind.Pattern)));
        }

        [Fact]
        public void Model_list_gives_every_model_with_its_root_parent_and_length()
        {
            JsonArray data = Fixtures.WireJson("models-list-nim.json")["data"]!.AsArray();

            IReadOnlyList<NimModel> models = ModelListConverter.Convert(Fixtures.WireText("models-list-nim.json"));

            Assert.Equal(
                data.Select(m => ((string)m!["id"]!, (string?)m["owned_by"], (long?)m["created"], (string?)m["root"], (string?)m["parent"], (long?)m["max_model_len"])),
                models.Select(m => (m.Id, m.OwnedBy, m.Created?.ToUnixTimeSeconds(), m.Root, m.Parent, m.MaxModelLength)));
        }

        [Fact]
        public void A_bare_list_is_a_model_list_too_and_anything_else_is_a_protocol_error()
        {
            // Some servers answer GET /models with the list alone; a body without a list is not an answer to it.
            JsonArray data = Fixtures.WireJson("models-list-nim.json")["data"]!.AsArray();

            Assert.Equal(data.Select(m => (string)m!["id"]!), ModelListConverter.Convert(data.ToJsonString()).Select(m => m.Id));
            Assert.Throws<NimProtocolException>(() => ModelListConverter.Convert("{\"object\":\"list\"}"));
            Assert.Throws<NimProtocolException>(() => ModelListConverter.Convert("<html></html>"));
        }
    }
}
