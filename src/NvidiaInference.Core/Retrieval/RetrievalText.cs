namespace NvidiaInference.Retrieval
{
    /// <summary>The rule every text sent to an embedding or reranking model follows: servers refuse an empty one.</summary>
    public static class RetrievalText
    {
        /// <summary>Why <paramref name="text"/> cannot be sent, or null when it can.</summary>
        public static string? Problem(string? text) =>
            text is null ? "is null"
            : text.Trim().Length == 0 ? (text.Length == 0 ? "is empty" : "holds only white space")
            : null;
    }
}
