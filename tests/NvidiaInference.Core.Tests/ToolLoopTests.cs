using System;
using System.Collections.Generic;
using System.Linq;
using NvidiaInference.Tools;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>ToolLoop: rounds, history and the forced tool choice, with scripted answers instead of a server.</summary>
    public class ToolLoopTests
    {
        [Fact]
        public void An_answer_without_tool_calls_ends_the_loop_at_once()
        {
            var server = new ScriptedServer(Answer("done"));

            ToolLoopResult result = new ToolLoop(server.Send, _ => throw new InvalidOperationException("no tool may run")).Run(Request());

            Assert.Equal("done", result.Response!.Content);
            Assert.Equal(ToolLoopEnd.Answered, result.End);
            Assert.Equal(0, result.Rounds);
            Assert.Single(server.Payloads);
        }

        [Fact]
        public void Tool_results_go_back_after_the_models_turn_and_the_next_answer_ends_the_loop()
        {
            var server = new ScriptedServer(Calls(("call-1", "get_weather"), ("call-2", "get_time")), Answer("sunny at noon"));
            var ran = new List<string>();

            ToolLoopResult result = new ToolLoop(server.Send, calls =>
            {
                ran.AddRange(calls.Select(c => c.CallId));
                return calls.Select(c => Message.ToolResult(c.CallId, "result of " + c.ToolName)).ToArray();
            }).Run(Request());

            Assert.Equal(ToolLoopEnd.Answered, result.End);
            Assert.Equal(1, result.Rounds);
            Assert.Equal(new[] { "call-1", "call-2" }, ran);
            IReadOnlyList<Message> second = server.Histories[1];
            Assert.Equal(new[] { MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Tool }, second.Select(m => m.Role));
            Assert.Equal(new[] { "get_weather", "get_time" }, second[1].ToolCalls.Select(c => c.ToolName));
            Assert.Equal(new[] { "call-1", "call-2" }, second.Skip(2).Select(m => m.CallId));
            Assert.Contains("\"tool_call_id\":\"call-2\"", server.Payloads[1].Body);
        }

        [Fact]
        public void The_loop_stops_after_MaxRounds_with_the_last_answer_and_its_tool_calls()
        {
            var server = new ScriptedServer(Enumerable.Range(0, 10).Select(i => Calls(($"call-{i}", "again"))).ToArray());
            int runs = 0;

            var loop = new ToolLoop(server.Send, calls =>
            {
                runs++;
                return new[] { Message.ToolResult(calls[0].CallId, "more") };
            });
            loop.MaxRounds = 2;

            ToolLoopResult result = loop.Run(Request());

            Assert.Equal(ToolLoopEnd.MaxRounds, result.End);
            Assert.Equal(2, result.Rounds);
            Assert.Equal(2, runs);
            Assert.Equal(3, server.Payloads.Count);
            Assert.Equal("call-2", Assert.Single(result.Response!.ToolCalls).CallId);
        }

        [Fact]
        public void Tools_not_run_end_the_loop_with_the_answer_that_asked_for_them()
        {
            var server = new ScriptedServer(Calls(("call-1", "delete_everything")));

            ToolLoopResult result = new ToolLoop(server.Send, _ => null).Run(Request());

            Assert.Equal(ToolLoopEnd.ToolsNotRun, result.End);
            Assert.Equal("delete_everything", Assert.Single(result.Response!.ToolCalls).ToolName);
            Assert.Single(server.Payloads);
        }

        [Theory]
        [InlineData("required")]
        [InlineData("get_weather")]
        public void A_forced_tool_choice_applies_to_the_first_round_only(string choice)
        {
            var server = new ScriptedServer(Calls(("call-1", "get_weather")), Answer("sunny"));
            ChatCompletionRequest request = Request();
            request.ToolChoice = choice;

            new ToolLoop(server.Send, calls => new[] { Message.ToolResult(calls[0].CallId, "20 C") }).Run(request);

            Assert.Contains("\"tool_choice\"", server.Payloads[0].Body);
            Assert.DoesNotContain("\"tool_choice\"", server.Payloads[1].Body);
            Assert.Equal(choice, request.ToolChoice);
        }

        [Fact]
        public void Tool_choice_none_stays_none()
        {
            var server = new ScriptedServer(Calls(("call-1", "get_weather")), Answer("sunny"));
            ChatCompletionRequest request = Request();
            request.ToolChoice = "none";

            new ToolLoop(server.Send, calls => new[] { Message.ToolResult(calls[0].CallId, "20 C") }).Run(request);

            Assert.All(server.Payloads, p => Assert.Contains("\"tool_choice\":\"none\"", p.Body));
        }

        [Fact]
        public void The_callers_request_is_left_as_it_was()
        {
            var server = new ScriptedServer(Calls(("call-1", "get_weather")), Answer("sunny"));
            ChatCompletionRequest request = Request();

            new ToolLoop(server.Send, calls => new[] { Message.ToolResult(calls[0].CallId, "20 C") }).Run(request);

            Assert.Single(request.Messages);
        }

        [Fact]
        public void Every_round_is_built_in_the_loops_placement()
        {
            var server = new ScriptedServer(Calls(("call-1", "get_weather")), Answer("sunny"));
            ChatCompletionRequest request = Request();
            request.Sampling = new SamplingOptions { TopK = 5 };

            new ToolLoop(server.Send, calls => new[] { Message.ToolResult(calls[0].CallId, "20 C") }) { Placement = ExtensionPlacement.TopLevel }.Run(request);

            Assert.All(server.Payloads, p =>
            {
                Assert.Contains("\"top_k\":5", p.Body);
                Assert.DoesNotContain("nvext", p.Body);
            });
        }

        [Fact]
        public void No_answer_ends_the_loop()
        {
            var server = new ScriptedServer(new ChatCompletionResponse?[] { null });

            ToolLoopResult result = new ToolLoop(server.Send, _ => throw new InvalidOperationException("no tool may run")).Run(Request());

            Assert.Null(result.Response);
            Assert.Equal(ToolLoopEnd.Answered, result.End);
        }

        private static ChatCompletionRequest Request()
        {
            var request = new ChatCompletionRequest("m");
            request.Messages.Add(Message.User(MessageContent.FromText("What is the weather in Paris?")));
            var tool = new ToolDefinition("get_weather");
            tool.Parameters.Add(new ToolParameter("city", "string"));
            request.Tools.Add(tool);
            return request;
        }

        private static ChatCompletionResponse Answer(string content) =>
            new ChatCompletionResponse(content, StopReason.EndOfTurn, Array.Empty<ToolCall>(), null, null, "m", "id");

        private static ChatCompletionResponse Calls(params (string Id, string Name)[] calls) =>
            new ChatCompletionResponse(string.Empty, StopReason.EndOfMessage,
                calls.Select(c => new ToolCall(c.Id, c.Name, new Dictionary<string, object?> { ["city"] = "Paris" }, "{\"city\":\"Paris\"}", ToolCallParseStatus.Succeeded)).ToArray(),
                null, null, "m", "id");

        /// <summary>Answers each round with the next scripted response and records what was sent.</summary>
        private sealed class ScriptedServer
        {
            private readonly Queue<ChatCompletionResponse?> _answers;

            public ScriptedServer(params ChatCompletionResponse?[] answers) => _answers = new Queue<ChatCompletionResponse?>(answers);

            public List<NimPayload> Payloads { get; } = new List<NimPayload>();

            public List<IReadOnlyList<Message>> Histories { get; } = new List<IReadOnlyList<Message>>();

            public ChatCompletionResponse? Send(NimPayload payload, IReadOnlyList<Message> history)
            {
                Payloads.Add(payload);
                Histories.Add(history);
                return _answers.Dequeue();
            }
        }
    }
}
