namespace NvidiaInference.Tools
{
    /// <summary>Why a tool loop ended.</summary>
    public enum ToolLoopEnd
    {
        /// <summary>The model answered without calling tools (or there was no answer).</summary>
        Answered,

        /// <summary>The model still called tools after the most rounds allowed; the last answer keeps its tool calls.</summary>
        MaxRounds,

        /// <summary>The tools of the last answer were not run (declined, or no way to run one); it keeps its tool calls.</summary>
        ToolsNotRun,
    }

    /// <summary>How a tool loop ended: the last answer, how many rounds of tool calls ran before it, and why it ended.</summary>
    public sealed class ToolLoopResult
    {
        /// <summary>Creates a result.</summary>
        public ToolLoopResult(ChatCompletionResponse? response, int rounds, ToolLoopEnd end)
        {
            Response = response;
            Rounds = rounds;
            End = end;
        }

        /// <summary>The last answer; null when the server gave none.</summary>
        public ChatCompletionResponse? Response { get; }

        /// <summary>How many rounds of tool calls were run and sent back.</summary>
        public int Rounds { get; }

        /// <summary>Why the loop ended.</summary>
        public ToolLoopEnd End { get; }
    }
}
