namespace NvidiaInference
{
    /// <summary>What the server does with a text longer than the model takes (NIM's <c>truncate</c>).</summary>
    public enum TruncateMode
    {
        /// <summary>Refuse it: the request fails (<c>NONE</c>, the servers' default).</summary>
        None,

        /// <summary>Cut tokens from the start (<c>START</c>; embedding models only).</summary>
        Start,

        /// <summary>Cut tokens from the end (<c>END</c>).</summary>
        End,
    }
}
