using System.Linq;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>A saved conversation reads back as the same messages: roles, text and images, tool calls, tool results, thinking.</summary>
    public class ConversationFileTests
    {
        [Fact]
        public void A_conversation_reads_back_as_it_was_written()
        {
            var call = new ToolCall("call_1", "get_weather", null, "{\"city\":\"Oslo\"}", ToolCallParseStatus.Succeeded);
            Message[] messages =
            {
                Message.System("Answer briefly."),
                Message.User(MessageContent.FromItems(new ContentItem[] { new TextContentItem("What is this?"), ImageContentItem.FromUri("https://example.test/a.png") })),
                Message.Assistant(string.Empty, new[] { call }, "The user wants the weather."),
                Message.ToolResult("call_1", "Snow", "get_weather"),
                Message.Assistant("It snows.", null, "The tool answered."),
            };

            Message[] read = ConversationFile.Read(ConversationFile.Write(messages)).ToArray();

            Assert.Equal(messages.Select(m => m.Role), read.Select(m => m.Role));
            Assert.Equal(messages.Select(m => m.Content?.ToString()), read.Select(m => m.Content?.ToString()));
            Assert.Equal(messages.Select(m => m.Reasoning), read.Select(m => m.Reasoning));
            Assert.Equal("https://example.test/a.png", Assert.IsType<ImageContentItem>(read[1].Content!.Items![1]).Uri);
            ToolCall readCall = Assert.Single(read[2].ToolCalls);
            Assert.Equal(("call_1", "get_weather", "Oslo"), (readCall.CallId, readCall.ToolName, (string)readCall.Arguments!["city"]!));
            Assert.Equal(("call_1", "get_weather"), (read[3].CallId, read[3].ToolName));
            Assert.Equal(NimPayloadBuilder.BuildChat(Request(messages)).Body, NimPayloadBuilder.BuildChat(Request(read)).Body);
        }

        [Theory]
        [InlineData("{\"role\":\"user\"}")]
        [InlineData("not json")]
        [InlineData("[{\"role\":\"wizard\",\"content\":\"x\"}]")]
        public void What_is_not_a_list_of_messages_is_refused(string json)
        {
            Assert.Throws<NimInvalidRequestException>(() => ConversationFile.Read(json));
        }

        private static ChatCompletionRequest Request(Message[] messages)
        {
            var request = new ChatCompletionRequest("m");
            foreach (Message message in messages)
            {
                request.Messages.Add(message);
            }

            return request;
        }
    }
}
