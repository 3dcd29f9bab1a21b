using System.IO;
using System.Linq;
using NvidiaInference.Reasoning;
using NvidiaInference.Requests;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Whole answers of reasoning models: the thinking in Reasoning, only the answer in Content.</summary>
    public class ReasoningResponseTests
    {
        private const string Thought = "17 has no divisor between 2 and 4.";

        [Theory]
        [InlineData("chat-response-reasoning-field.json")]
        [InlineData("chat-response-reasoning-both.json")]
        [InlineData("chat-response-think-tags.json")]
        [InlineData("chat-response-think-open.json")]
        public void Every_form_gives_the_same_thinking_and_answer(string file)
        {
            ChatCompletionResponse response = ResponseConverter.ConvertChat(Fixtures.ReasoningText(file));
            Assert.Equal(Thought, response.Reasoning);
            Assert.Equal("Yes, 17 is prime.", response.Content);
            Assert.Equal(StopReason.EndOfTurn, response.StopReason);
        }

        [Fact]
        public void Reasoning_tokens_are_read_when_the_server_counts_them()
        {
            Assert.Equal(12, ResponseConverter.ConvertChat(Fixtures.ReasoningText("chat-response-reasoning-field.json")).Usage!.ReasoningTokens);
            Assert.Null(ResponseConverter.ConvertChat(Fixtures.ReasoningText("chat-response-reasoning-both.json")).Usage!.ReasoningTokens);
        }

        [Fact]
        public void Raw_content_keeps_the_tags_but_still_reads_the_field()
        {
            var raw = new ChatReadOptions(rawContent: true);
            ChatCompletionResponse tags = ResponseConverter.ConvertChat(Fixtures.ReasoningText("chat-response-think-tags.json"), raw);
            Assert.Null(tags.Reasoning);
            Assert.Equal("<think>\n" + Thought + "\n</think>\n\nYes, 17 is prime.", tags.Content);
            Assert.Equal(Thought, ResponseConverter.ConvertChat(Fixtures.ReasoningText("chat-response-reasoning-field.json"), raw).Reasoning);
        }

        [Fact]
        public void An_answer_without_thinking_has_null_reasoning()
        {
            ChatCompletionResponse response = ResponseConverter.ConvertChat(Fixtures.WireText("chat-response-text-nim2.json"));
            Assert.Null(response.Reasoning);
            Assert.Null(response.Usage?.ReasoningTokens);
        }

        /// <summary>llama.cpp's recordings: thinking parsed by the server, thinking left inline, thinking switched off.</summary>
        [Theory]
        [InlineData("reasoning-chat", " kle nach ISBNilar", "", StopReason.EndOfTurn)]
        [InlineData("reasoning-effort-field", " kle nach ISBNilar", "", StopReason.EndOfTurn)]
        [InlineData("reasoning-raw-think-tags", " kle nach ISBNilar", "", StopReason.EndOfTurn)]
        [InlineData("reasoning-then-answer", " kle nach ISBN", "ph passion langnarSmith$- ISBN", StopReason.OutOfTokens)]
        [InlineData("reasoning-off", null, "passion            Helpnarph passionnartagnarpur Mulnar", StopReason.OutOfTokens)]
        [InlineData("reasoning-history-with-reasoning", " struck", "", StopReason.EndOfTurn)]
        public void Recorded_llama_server_answers(string name, string? reasoning, string content, StopReason stopReason)
        {
            ChatCompletionResponse response = ResponseConverter.ConvertChat(File.ReadAllText(Path.Combine(Fixtures.LlamaCppReasoningDir, name + ".response.json")));
            Assert.Equal(reasoning, response.Reasoning);
            Assert.Equal(content, response.Content);
            Assert.Equal(stopReason, response.StopReason);
        }

        [Fact]
        public void The_thinking_stays_with_the_turn_when_the_response_becomes_history()
        {
            ChatCompletionResponse response = ResponseConverter.ConvertChat(Fixtures.ReasoningText("chat-response-reasoning-field.json"));
            Message turn = response.Conversation.Single();
            Assert.Equal(MessageRole.Assistant, turn.Role);
            Assert.Equal(Thought, turn.Reasoning);
            Assert.Equal(Thought, LlamaStackMessageReader.Read(response, 0).Reasoning);
        }

        /// <summary>llama.cpp's deepseek-legacy format sends the thinking in reasoning_content and inline too: it counts once.</summary>
        [Fact]
        public void Thinking_sent_in_a_field_and_inline_counts_once()
        {
            string json = "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"reasoning_content\":\"R\",\"content\":\"<think>R</think>A\"},\"finish_reason\":\"stop\"}]}";
            ChatCompletionResponse response = ResponseConverter.ConvertChat(json);
            Assert.Equal("R", response.Reasoning);
            Assert.Equal("A", response.Content);
        }

        [Theory]
        [InlineData("{\"choices\":[{\"message\":{\"content\":\"<think>\\n\\n</think>\\n\\npong\"},\"finish_reason\":\"stop\"}]}", null)]
        [InlineData("{\"choices\":[{\"message\":{\"content\":\"<think>\\nhm\\n</think>pong\"},\"finish_reason\":\"stop\"}]}", "inline <think> tags")]
        [InlineData("{\"choices\":[{\"message\":{\"content\":\"hm</think>pong\"},\"finish_reason\":\"stop\"}]}", "content up to </think>")]
        [InlineData("{\"choices\":[{\"message\":{\"content\":\"</think>pong\"},\"finish_reason\":\"stop\"}]}", null)]
        [InlineData("{\"choices\":[{\"message\":{\"content\":\"pong\",\"reasoning\":\"hm\"},\"finish_reason\":\"stop\"}]}", "reasoning")]
        [InlineData("not json", null)]
        public void Test_NvEndpoint_names_the_form_only_of_thinking_the_module_reads(string json, string? form)
        {
            Assert.Equal(form, ReasoningForms.Detect(json));
        }
    }
}
