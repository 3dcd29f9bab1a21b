namespace NvidiaInference.Tests
{
    /// <summary>Builds small SSE transcripts for behaviour tests.</summary>
    internal static class Sse
    {
        public const string Done = "data: [DONE]\n\n";

        /// <summary>A chat.completion.chunk event with one choice.</summary>
        public static string Chunk(string deltaJson, string? finishReason = null, string choiceExtra = "", string chunkExtra = "") =>
            Data($"{{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{deltaJson},\"finish_reason\":{Quote(finishReason)}{choiceExtra}}}]{chunkExtra}}}");

        public static string Text(string text, string? finishReason = null) => Chunk($"{{\"content\":{System.Text.Json.JsonSerializer.Serialize(text)}}}", finishReason);

        public static string Data(string data) => $"data: {data}\n\n";

        private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";
    }
}
