namespace NvidiaInference.Responses
{
    /// <summary>OpenAI's finish_reason as a Llama Stack stop reason: anything outside the known values is EndOfTurn.</summary>
    internal static class StopReasons
    {
        public static StopReason FromFinishReason(string? finishReason) => finishReason switch
        {
            "length" => StopReason.OutOfTokens,
            "tool_calls" => StopReason.EndOfMessage,
            _ => StopReason.EndOfTurn,
        };
    }
}
