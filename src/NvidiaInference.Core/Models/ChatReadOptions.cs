namespace NvidiaInference
{
    /// <summary>How a chat answer is read into the module's objects.</summary>
    public sealed class ChatReadOptions
    {
        /// <summary>Creates reading options.</summary>
        /// <param name="toolCallProgress">Also give Started and InProgress stream events for each tool-call fragment.</param>
        /// <param name="rawContent">
        /// Keep the content exactly as the server sent it: thinking left inline in think tags stays in the content
        /// instead of moving to Reasoning (thinking the server sent in its own field is still read).
        /// </param>
        public ChatReadOptions(bool toolCallProgress = false, bool rawContent = false)
        {
            ToolCallProgress = toolCallProgress;
            RawContent = rawContent;
        }

        /// <summary>The options used when none are given.</summary>
        public static ChatReadOptions Default { get; } = new ChatReadOptions();

        /// <summary>Also give Started and InProgress stream events for each tool-call fragment.</summary>
        public bool ToolCallProgress { get; }

        /// <summary>Keep the content exactly as the server sent it, think tags included.</summary>
        public bool RawContent { get; }
    }
}
