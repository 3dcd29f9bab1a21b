using BenchmarkDotNet.Attributes;
using NvidiaInference.Payload;

namespace NvidiaInference.Benchmarks
{
    /// <summary>One operation builds the body of a typical tool-using chat request: a short conversation, sampling and one tool.</summary>
    [MemoryDiagnoser]
    public class PayloadBenchmarks
    {
        private ChatCompletionRequest _request = null!;

        [GlobalSetup]
        public void Setup()
        {
            _request = new ChatCompletionRequest("meta/llama-3.1-70b-instruct")
            {
                Sampling = new SamplingOptions { Temperature = 0.2, TopP = 0.9, TopK = 40, MaxTokens = 512 },
                ToolChoice = "auto",
                Stream = true,
            };
            _request.Messages.Add(Message.System("You are a concise assistant. Answer in one paragraph."));
            _request.Messages.Add(Message.User("What is the weather in Paris, and what should I wear?"));
            var call = new ToolCall("call_1", "get_weather", null, "{\"location\":\"Paris, France\"}", ToolCallParseStatus.Succeeded);
            _request.Messages.Add(Message.Assistant(string.Empty, new[] { call }));
            _request.Messages.Add(Message.ToolResult("call_1", "{\"temperature\": 21, \"sky\": \"clear\"}", "get_weather"));
            var tool = new ToolDefinition("get_weather") { Description = "Current weather for a city" };
            tool.Parameters.Add(new ToolParameter("location", "str") { Description = "City and country" });
            tool.Parameters.Add(new ToolParameter("unit", "str") { Description = "celsius or fahrenheit", Required = false });
            _request.Tools.Add(tool);
        }

        [Benchmark]
        public int BuildChat() => NimPayloadBuilder.BuildChat(_request).Body.Length;
    }
}
