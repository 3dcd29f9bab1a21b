using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Every chat-response-*.json and completion-response-*.json, with the expectation read from the fixture itself (docs/responses.md, Whole responses).</summary>
    public class ResponseFixtureTests
    {
        [Theory]
        [MemberData(nameof(FixtureData.ChatResponses), MemberType = typeof(FixtureData))]
        public void Chat_response_converts_as_section_5_says(string file)
        {
            JsonNode body = Fixtures.WireJson(file);
            JsonNode choice = body["choices"]![0]!;
            JsonNode message = choice["message"]!;

            ChatCompletionResponse response = ResponseConverter.ConvertChat(Fixtures.WireText(file));

            Assert.Equal((string?)message["content"] ?? string.Empty, response.Content);
            Assert.Equal(AggregateAssert.MapFinishReason((string)choice["finish_reason"]!), response.StopReason);
            Assert.Equal((string)body["model"]!, response.Model);
            Assert.Equal((string)body["id"]!, response.Id);
            AggregateAssert.UsageMatches(body["usage"], response.Usage);

            JsonArray calls = message["tool_calls"] as JsonArray ?? new JsonArray();
            AggregateAssert.ToolCallsMatch(
                new JsonArray(calls.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = (string)c!["id"]!,
                    ["name"] = (string)c["function"]!["name"]!,
                    ["arguments"] = (string)c["function"]!["arguments"]!,
                    ["argumentsParsed"] = JsonNode.Parse((string)c["function"]!["arguments"]!),
                    ["argumentsValidJson"] = true,
                }).ToArray()),
                response.ToolCalls);

            if (choice["logprobs"]?["content"] is JsonArray content)
            {
                Assert.Equal(content.Count, response.Logprobs!.Count);
                for (int i = 0; i < content.Count; i++)
                {
                    Assert.Equal((string)content[i]!["token"]!, response.Logprobs[i].Token);
                    Assert.Equal((double)content[i]!["logprob"]!, response.Logprobs[i].Logprob);
                    Assert.Equal(
                        content[i]!["top_logprobs"]!.AsArray().ToDictionary(t => (string)t!["token"]!, t => (double)t!["logprob"]!),
                        response.Logprobs[i].LogprobsByToken);
                }
            }
            else
            {
                Assert.Null(response.Logprobs);
            }
        }

        [Theory]
        [MemberData(nameof(FixtureData.CompletionResponses), MemberType = typeof(FixtureData))]
        public void Completion_response_converts_text_stop_reason_usage_and_logprobs(string file)
        {
            JsonNode body = Fixtures.WireJson(file);
            JsonNode choice = body["choices"]![0]!;

            CompletionResponse response = ResponseConverter.ConvertCompletion(Fixtures.WireText(file));

            Assert.Equal((string)choice["text"]!, response.Content);
            Assert.Equal(AggregateAssert.MapFinishReason((string)choice["finish_reason"]!), response.StopReason);
            Assert.Equal((string)body["model"]!, response.Model);
            Assert.Equal((string)body["id"]!, response.Id);
            AggregateAssert.UsageMatches(body["usage"], response.Usage);

            if (choice["logprobs"] is JsonObject logprobs)
            {
                JsonArray tokens = logprobs["tokens"]!.AsArray();
                Assert.NotNull(response.Logprobs);
                Assert.Equal(tokens.Select(t => (string)t!), response.Logprobs!.Select(l => l.Token));
                Assert.Equal(logprobs["token_logprobs"]!.AsArray().Select(v => (double?)v), response.Logprobs!.Select(l => l.Logprob));
                for (int i = 0; i < tokens.Count; i++)
                {
                    // top_logprobs maps token to logprob; where it is null, the sampled token's own logprob (if any) stands in.
                    Dictionary<string, double> expected = logprobs["top_logprobs"]![i] is JsonObject top
                        ? top.ToDictionary(p => p.Key, p => (double)p.Value!)
                        : response.Logprobs![i].Logprob is double own ? new Dictionary<string, double> { [(string)tokens[i]!] = own } : new Dictionary<string, double>();
                    Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), response.Logprobs![i].LogprobsByToken.OrderBy(p => p.Key, StringComparer.Ordinal));
                }
            }
            else
            {
                Assert.Null(response.Logprobs);
            }
        }

        [Fact]
        public void Recorded_tool_call_response_matches_llama_stack()
        {
            JsonNode recording = Fixtures.RecordedJson("resp_tool_call_recording.json");
            JsonNode expected = recording["expected"]!["completion_message"]!;
            JsonNode inputCall = recording["input"]!["choices"]![0]!["message"]!["tool_calls"]![0]!;

            ChatCompletionResponse response = ResponseConverter.ConvertChat(recording["input"]!.ToJsonString());

            Assert.Equal((string)expected["content"]!, response.Content);
            Assert.Equal("end_of_message", (string)expected["stop_reason"]!);
            Assert.Equal(StopReason.EndOfMessage, response.StopReason);
            Assert.Null(recording["expected"]!["logprobs"]);
            Assert.Null(response.Logprobs);
            JsonNode expectedCall = Assert.Single(expected["tool_calls"]!.AsArray())!;
            ToolCall call = Assert.Single(response.ToolCalls);
            Assert.Equal((string)expectedCall["call_id"]!, call.CallId);
            Assert.Equal((string)expectedCall["tool_name"]!, call.ToolName);
            JsonAssert.Equal(expectedCall["arguments"], JsonAssert.FromPlain(call.Arguments));
            Assert.Equal((string)inputCall["function"]!["arguments"]!, call.ArgumentsJson);
        }
    }
}
