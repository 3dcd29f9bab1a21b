using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Every error body shape of docs/errors.md, Server error bodies, read from the fixtures.</summary>
    public class ServerErrorReaderTests
    {
        /// <summary>Each error fixture and where section 9.1 says its message is.</summary>
        public static TheoryData<string, string> ErrorBodies => new TheoryData<string, string>
        {
            { "error-400-vllm-current.json", "error.message" },
            { "error-400-nim1-legacy.json", "message" },
            { "error-401-hosted.json", "detail" },
            { "error-401-openai.json", "error.message" },
            { "error-403-hosted.json", "detail" },
            { "error-404-hosted.json", "detail" },
            { "error-404-nim1-model.json", "message" },
            { "error-422-fastapi-validation.json", "detail[].loc+msg" },
            { "error-422-hosted-extra-forbidden.json", "error" },
            { "error-429-hosted.json", "title" },
            { "error-429-openai.json", "error.message" },
            { "error-500-hosted-problem-details.json", "detail" },
            { "error-500-vllm-current.json", "error.message" },
        };

        [Fact]
        public void Every_error_fixture_is_covered()
        {
            Assert.Equal(Fixtures.WireFiles("error-*.json"), ErrorBodies.Select(row => (string)row[0]).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(ErrorBodies))]
        public void Error_body_gives_the_message_at_its_section_9_1_path(string file, string messagePath)
        {
            JsonNode body = Fixtures.WireJson(file);
            string expected = messagePath switch
            {
                "detail[].loc+msg" => string.Join("; ", body["detail"]!.AsArray().Select(d =>
                    string.Join(".", d!["loc"]!.AsArray().Select(s => s!.ToString())) + ": " + (string)d["msg"]!)),
                _ => messagePath.Split('.').Aggregate(body, (node, key) => node[key]!).GetValue<string>(),
            };

            ServerError? error = ServerErrorReader.Read(Fixtures.WireText(file));

            Assert.NotNull(error);
            Assert.Equal(expected, error!.Message);
        }

        [Theory]
        [InlineData("error-400-vllm-current.json", "BadRequestError", "400")]
        [InlineData("error-401-openai.json", "invalid_request_error", "invalid_api_key")]
        [InlineData("error-400-nim1-legacy.json", "BadRequestError", "400")]
        [InlineData("error-403-hosted.json", "Forbidden", "403")]
        public void Type_and_code_are_read_whether_code_is_a_number_or_a_string(string file, string type, string code)
        {
            // The values are those of the fixture bodies: error.type/code, type/code, or title/status for problem details.
            ServerError error = ServerErrorReader.Read(Fixtures.WireText(file))!;

            Assert.Equal((type, code), (error.Type, error.Code));
        }

        [Theory]
        [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
        [InlineData("  upstream connect error or disconnect/reset before headers  ")]
        [InlineData("{\"unexpected\":true}")]
        public void Other_text_is_kept_as_the_message(string body)
        {
            Assert.Equal(body.Trim(), ServerErrorReader.Read(body)!.Message);
        }

        [Fact]
        public void Long_text_is_cut_to_500_characters()
        {
            string message = ServerErrorReader.Read(new string('x', 2000))!.Message;

            Assert.Equal(new string('x', 500) + "...", message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(" \r\n ")]
        public void Empty_body_gives_no_error(string? body)
        {
            Assert.Null(ServerErrorReader.Read(body));
        }

        [Theory]
        [InlineData("http-401-hosted-invalid-token.http", null)]
        [InlineData("http-504-hosted-empty.http", null)]
        [InlineData("http-429-hosted.http", "title")]
        [InlineData("http-429-openai.http", "error.message")]
        public void Bodies_of_recorded_http_responses(string file, string? messagePath)
        {
            string raw = File.ReadAllText(Fixtures.Wire(file));
            int headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(headerEnd > 0);
            string body = raw.Substring(headerEnd + 4);

            ServerError? error = ServerErrorReader.Read(body);

            if (messagePath is null)
            {
                Assert.Equal(string.Empty, body.Trim());
                Assert.Null(error);
            }
            else
            {
                Assert.Equal(messagePath.Split('.').Aggregate(JsonNode.Parse(body)!, (node, key) => node[key]!).GetValue<string>(), error!.Message);
            }
        }
    }
}
