using System.Collections.Generic;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Well-formed JSON with values out of range for .NET types still fails only with the module's own exceptions.</summary>
    public class HostileValueTests
    {
        private const string Call = "{\"index\":0,\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"ARGS\"}}";

        public static TheoryData<string, string> Chunks => new TheoryData<string, string>
        {
            { "choice index 1.5", Chunk("{\"index\":1.5,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}") },
            { "choice index 1e10", Chunk("{\"index\":1e10,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}") },
            { "logprob 1e400", Chunk("{\"index\":0,\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":1e400,\"top_logprobs\":[]}]}}") },
            { "top logprob 1e400", Chunk("{\"index\":0,\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-1,\"top_logprobs\":[{\"token\":\"x\",\"logprob\":-1e400}]}]}}") },
            { "tool call arguments with 1e400", Chunk("{\"index\":0,\"delta\":{\"tool_calls\":[" + Call.Replace("ARGS", "{\\\"a\\\":1e400}") + "]},\"finish_reason\":\"tool_calls\"}") },
            { "tool call index 1e10", Chunk("{\"index\":0,\"delta\":{\"tool_calls\":[" + Call.Replace("\"index\":0", "\"index\":1e10").Replace("ARGS", "{}") + "]},\"finish_reason\":\"tool_calls\"}") },
            { "usage 1e30", "{\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":1e30,\"completion_tokens\":-1.5,\"total_tokens\":\"x\"}}" },
            { "completion token_logprobs 1e400", "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"x\",\"logprobs\":{\"tokens\":[\"x\"],\"token_logprobs\":[1e400],\"top_logprobs\":[{\"x\":1e400}]},\"finish_reason\":\"stop\"}]}" },
        };

        [Theory]
        [MemberData(nameof(Chunks))]
        public void Stream_chunk_with_hostile_values(string what, string chunk)
        {
            Assert.NotEmpty(what);
            string transcript = "data: " + chunk + "\n\ndata: [DONE]\n\n";

            RobustnessPropertyTests.AssertOnlyModuleFailures(StreamRun.DecodeText(transcript));
            RobustnessPropertyTests.AssertOnlyModuleFailures(StreamRun.Read(System.Text.Encoding.UTF8.GetBytes(transcript)));
        }

        [Theory]
        [InlineData("{\\\"a\\\":1e400}")]
        [InlineData("{\\\"a\\\":[1,-1e400]}")]
        public void Response_with_hostile_tool_call_arguments(string arguments)
        {
            string body = "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"content\":null,\"tool_calls\":[" +
                Call.Replace("ARGS", arguments) + "]},\"finish_reason\":\"tool_calls\"}]}";

            List<object> results = StreamRun.DecodeItems(new[] { body });
            RobustnessPropertyTests.AssertOnlyModuleFailures(results);
            try
            {
                ResponseConverter.ConvertChat(body);
            }
            catch (System.Exception e) when (e is NimProtocolException)
            {
            }
        }

        private static string Chunk(string choice) => "{\"object\":\"chat.completion.chunk\",\"choices\":[" + choice + "]}";
    }
}
