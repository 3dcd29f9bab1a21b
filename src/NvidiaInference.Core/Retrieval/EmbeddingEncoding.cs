using System.Diagnostics.CodeAnalysis;

namespace NvidiaInference
{
    /// <summary>How the server writes each vector (<c>encoding_format</c>).</summary>
    public enum EmbeddingEncoding
    {
        /// <summary>Base64 of little-endian float32: about a quarter of the bytes of decimal text, and exact.</summary>
        Base64,

        /// <summary>A JSON array of decimal numbers.</summary>
        [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The wire value is encoding_format: float, and -EncodingFormat Float says exactly that.")]
        Float,
    }
}
