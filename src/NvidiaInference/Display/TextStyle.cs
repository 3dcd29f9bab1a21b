namespace NvidiaInference.Display
{
    /// <summary>How a piece of a shown stream looks; the cmdlet maps each to $PSStyle, or to nothing without colour.</summary>
    internal enum TextStyle
    {
        /// <summary>The answer.</summary>
        Answer,

        /// <summary>The model's thinking: dimmed.</summary>
        Reasoning,

        /// <summary>A tool call the model made.</summary>
        ToolCall,

        /// <summary>The closing line: stop reason, usage, time to first token.</summary>
        Summary,

        /// <summary>A warning inside the stream (a tool call whose arguments are not JSON).</summary>
        Warning,
    }
}
