namespace NvidiaInference
{
    /// <summary>
    /// What a text is to an asymmetric embedding model (NIM's <c>input_type</c>): a question to search with, or a
    /// passage to be searched. Such models refuse a request without it.
    /// </summary>
    public enum EmbeddingInputType
    {
        /// <summary>A question or search text (<c>query</c>); sent when nothing else is asked for.</summary>
        Query,

        /// <summary>A document or passage to be found (<c>passage</c>).</summary>
        Passage,
    }
}
