using System;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>docs/requests.md, Messages.</summary>
    public class PayloadMessageTests
    {
        /// <summary>A message document for each role; the tool role needs a call id.</summary>
        public static TheoryData<string, string> Roles => new TheoryData<string, string>
        {
            { "user", string.Empty },
            { "system", string.Empty },
            { "assistant", string.Empty },
            { "tool", ",\"call_id\":\"call_1\"" },
        };

        [Theory]
        [MemberData(nameof(Roles))]
        public void String_content_stays_a_string_for_every_role(string role, string extra)
        {
            JsonNode message = OnlyMessage($"{{\"role\":\"{role}\",\"content\":\"plain\"{extra}}}");

            Assert.Equal(role, (string)message["role"]!);
            Assert.Equal("plain", (string)message["content"]!);
        }

        [Theory]
        [MemberData(nameof(Roles))]
        public void A_single_item_becomes_a_one_element_list_for_every_role(string role, string extra)
        {
            // FIX: the seed converted only user content.
            JsonNode message = OnlyMessage($"{{\"role\":\"{role}\",\"content\":{{\"type\":\"text\",\"text\":\"t\"}}{extra}}}");

            JsonAssert.Equal("[{\"type\":\"text\",\"text\":\"t\"}]", message["content"]!.ToJsonString());
        }

        [Fact]
        public void Lists_convert_item_by_item()
        {
            JsonNode message = OnlyMessage("{\"role\":\"user\",\"content\":[\"bare\",{\"type\":\"text\",\"text\":\"t\"},{\"type\":\"image\",\"image\":{\"url\":{\"uri\":\"https://example.com/cat.png\"}}}]}");

            JsonAssert.Equal(
                "[{\"type\":\"text\",\"text\":\"bare\"},{\"type\":\"text\",\"text\":\"t\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]",
                message["content"]!.ToJsonString());
        }

        [Theory]
        [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "image/png")]
        [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, "image/jpeg")]
        [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0 }, "image/gif")]
        [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 4, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V', (byte)'P' }, "image/webp")]
        public void Base64_image_data_becomes_a_data_url_of_the_sniffed_type(byte[] image, string mime)
        {
            JsonNode message = OnlyMessage($"{{\"role\":\"user\",\"content\":{{\"type\":\"image\",\"image\":{{\"data\":\"{Convert.ToBase64String(image)}\"}}}}}}");

            string url = (string)message["content"]![0]!["image_url"]!["url"]!;
            Assert.Equal("image_url", (string)message["content"]![0]!["type"]!);
            Assert.StartsWith($"data:{mime};base64,", url);
            Assert.Equal(image, Convert.FromBase64String(url.Substring(url.IndexOf(',') + 1)));
        }

        [Fact]
        public void Assistant_without_tool_calls_sends_no_tool_calls_key()
        {
            // FIX: the seed always sent "tool_calls": [].
            JsonNode message = OnlyMessage("{\"role\":\"assistant\",\"content\":\"ok\"}");

            JsonAssert.Equal("{\"role\":\"assistant\",\"content\":\"ok\"}", message.ToJsonString());
        }

        [Fact]
        public void Assistant_tool_calls_from_a_document_serialise_arguments_compactly()
        {
            JsonNode message = OnlyMessage("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" +
                "{\"call_id\":\"call_1\",\"tool_name\":\"get_weather\",\"arguments\":{\"city\": \"Paris\", \"days\": 3, \"opts\": {\"metric\": true}}}," +
                "{\"call_id\":\"call_2\",\"tool_name\":\"brave_search\",\"arguments\":{\"query\":\"nim\"}}]}");

            JsonAssert.Equal(
                "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":3,\\\"opts\\\":{\\\"metric\\\":true}}\"}}," +
                "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"brave_search\",\"arguments\":\"{\\\"query\\\":\\\"nim\\\"}\"}}]",
                message["tool_calls"]!.ToJsonString());
        }

        [Fact]
        public void Assistant_tool_calls_from_a_server_response_send_the_original_argument_text()
        {
            string file = "chat-response-tool-calls.json";
            ChatCompletionResponse response = ResponseConverter.ConvertChat(Fixtures.WireText(file));
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User("Weather?"));
            request.Messages.Add(LlamaStackMessageReader.Read(response, 1));

            JsonNode sent = Payloads.Body(NimPayloadBuilder.BuildChat(request))["messages"]![1]!;

            JsonArray original = Fixtures.WireJson(file)["choices"]![0]!["message"]!["tool_calls"]!.AsArray();
            Assert.Equal(original.Select(c => (string)c!["id"]!), sent["tool_calls"]!.AsArray().Select(c => (string)c!["id"]!));
            Assert.Equal(
                original.Select(c => (string)c!["function"]!["arguments"]!),
                sent["tool_calls"]!.AsArray().Select(c => (string)c!["function"]!["arguments"]!));
            Assert.Equal(string.Empty, (string)sent["content"]!);
        }

        [Fact]
        public void Locally_built_tool_call_arguments_are_serialised_compactly()
        {
            var arguments = new System.Collections.Generic.Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3 };
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.Assistant(null, new[] { new ToolCall("call_1", "get_weather", arguments, string.Empty, ToolCallParseStatus.Succeeded) }));

            JsonNode call = Payloads.Body(NimPayloadBuilder.BuildChat(request))["messages"]![0]!["tool_calls"]![0]!;

            Assert.Equal("{\"city\":\"Paris\",\"days\":3}", (string)call["function"]!["arguments"]!);
        }

        [Fact]
        public void Original_arguments_json_in_a_document_is_sent_unchanged()
        {
            JsonNode message = OnlyMessage("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"call_id\":\"c\",\"tool_name\":\"f\",\"arguments_json\":\"{\\\"a\\\": 1}\"}]}");

            Assert.Equal("{\"a\": 1}", (string)message["tool_calls"]![0]!["function"]!["arguments"]!);
        }

        [Fact]
        public void Tool_result_sends_the_call_id_as_tool_call_id()
        {
            JsonNode message = OnlyMessage("{\"role\":\"tool\",\"call_id\":\"call_1\",\"tool_name\":\"get_weather\",\"content\":\"22C\"}");

            JsonAssert.Equal("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"22C\"}", message.ToJsonString());
        }

        private static JsonNode OnlyMessage(string message)
        {
            JsonObject body = Payloads.Chat("{\"model\":\"m\",\"messages\":[" + message + "]}");
            return Assert.Single(body["messages"]!.AsArray())!;
        }
    }
}
