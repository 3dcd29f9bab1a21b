using System.Linq;
using NvidiaInference.Json;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Half a surrogate pair escaped in JSON reads as U+FFFD, in every place a server's JSON is read.</summary>
    public class LoneSurrogateTests
    {
        [Theory]
        [InlineData("\"a\\ud800b\"", "\"a\\ufffdb\"")]
        [InlineData("\"\\uDC00\"", "\"\\ufffd\"")]
        [InlineData("\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\"")]
        [InlineData("\"\\ud83d\\ud83d\\ude00\"", "\"\\ufffd\\ud83d\\ude00\"")]
        [InlineData("\"\\\\ud800\"", "\"\\\\ud800\"")]
        [InlineData("\"\\ud800\"", "\"\\ufffd\"")]
        [InlineData("\"\\ud8\"", "\"\\ud8\"")]
        public void Only_lone_halves_are_replaced(string json, string repaired)
        {
            Assert.Equal(repaired, LoneSurrogateEscapes.Repair(json));
        }

        [Fact]
        public void A_stream_a_response_and_tool_arguments_read_the_replacement_character()
        {
            string chunk = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\\ud800\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
            ChatCompletionEvent complete = StreamRun.Read(System.Text.Encoding.UTF8.GetBytes(chunk)).OfType<ChatCompletionEvent>().Last();
            Assert.Equal("x\uFFFD", complete.Response!.Content);

            ChatCompletionResponse response = ResponseConverter.ConvertChat("{\"choices\":[{\"message\":{\"content\":\"\\udfff!\"},\"finish_reason\":\"stop\"}]}");
            Assert.Equal("\uFFFD!", response.Content);

            ToolCall call = ToolCallParser.Parse("c", "f", "{\"city\":\"\\ud800\"}");
            Assert.Equal(ToolCallParseStatus.Succeeded, call.ParseStatus);
            Assert.Equal("\uFFFD", call.Arguments!["city"]);
        }
    }
}
