using System.IO;
using System.Linq;
using System.Text;
using NvidiaInference.Responses;
using NvidiaInference.Streaming;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Streams of a known kind are typed sequences: what does not fit is thrown where it happens, never skipped.</summary>
    public class TypedStreamTests
    {
        private static MemoryStream Bytes(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);

        [Fact]
        public void A_chat_stream_answered_with_one_document_gives_the_events_it_stands_for()
        {
            string whole = File.ReadAllText(Path.Combine(Fixtures.ReasoningDir, "chat-response-reasoning-field.json")).Trim();
            var events = NimStreamReader.ReadChat(Bytes("data: " + whole + "\n\n")).ToList();
            Assert.Equal(new[] { ChatCompletionEventType.Start, ChatCompletionEventType.Progress, ChatCompletionEventType.Progress, ChatCompletionEventType.Complete }, events.Select(e => e.EventType));
            Assert.Equal(DeltaType.Reasoning, events[1].Delta.Type);
            Assert.Equal("Yes, 17 is prime.", events[2].Delta.Text);
            Assert.Equal(ResponseConverter.ConvertChat(whole).Content, events[3].Response!.Content);
            Assert.Equal(StopReason.EndOfTurn, events[3].StopReason);
        }

        [Fact]
        public void Tool_calls_of_a_whole_answer_become_tool_call_events()
        {
            string whole = Fixtures.WireText("chat-response-tool-calls.json");
            var events = StreamResults.Chat(new object[] { ResponseConverter.ConvertChat(whole) }).ToList();
            Assert.Equal(ResponseConverter.ConvertChat(whole).ToolCalls.Select(c => c.ToString()), events.Where(e => e.Delta.Type == DeltaType.ToolCall).Select(e => e.Delta.ToolCall!.ToString()));
        }

        [Fact]
        public void A_text_completion_in_a_chat_stream_is_thrown_where_it_arrives()
        {
            string completion = "data: {\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"Paris\",\"finish_reason\":null}]}\n\n";
            var failure = Assert.Throws<NimProtocolException>(() => NimStreamReader.ReadChat(Bytes(completion)).ToList());
            Assert.Contains("a text completion", failure.Message);
        }

        [Fact]
        public void A_completion_stream_reads_as_chunks_and_refuses_chat_data()
        {
            var chunks = NimStreamReader.ReadCompletion(Bytes(Fixtures.WireText("completion-stream-text.sse")), new NimChunkDecoder()).ToList();
            Assert.NotEmpty(chunks);
            Assert.NotNull(chunks.Last(c => c.StopReason is not null).StopReason);
            Assert.Throws<NimProtocolException>(() => NimStreamReader.ReadCompletion(Bytes(Fixtures.WireText("chat-stream-text.sse")), new NimChunkDecoder()).ToList());
        }

        [Fact]
        public void A_whole_text_completion_reads_as_one_chunk()
        {
            string whole = Fixtures.WireText("completion-response-text.json");
            CompletionStreamChunk chunk = Assert.Single(StreamResults.Completion(new object[] { ResponseConverter.ConvertCompletion(whole) }));
            Assert.Equal(ResponseConverter.ConvertCompletion(whole).Content, chunk.Delta);
            Assert.NotNull(chunk.StopReason);
        }
    }
}
