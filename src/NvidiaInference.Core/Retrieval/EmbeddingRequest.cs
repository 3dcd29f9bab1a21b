using System;
using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>One request to an embedding model: the texts of one batch and how to embed them.</summary>
    public sealed class EmbeddingRequest
    {
        /// <summary>Creates a request for <paramref name="texts"/>, embedded as queries unless <see cref="InputType"/> says otherwise.</summary>
        public EmbeddingRequest(string model, IReadOnlyList<string> texts)
        {
            Model = model ?? throw new ArgumentNullException(nameof(model));
            Texts = texts ?? throw new ArgumentNullException(nameof(texts));
        }

        /// <summary>The model id.</summary>
        public string Model { get; }

        /// <summary>The texts, in order; the answer's vectors come back by position in this list.</summary>
        public IReadOnlyList<string> Texts { get; }

        /// <summary>Query or passage; always sent, because asymmetric models refuse a request without it.</summary>
        public EmbeddingInputType InputType { get; set; } = EmbeddingInputType.Query;

        /// <summary>What the server does with over-long texts; null sends nothing (the server's default, NONE).</summary>
        public TruncateMode? Truncate { get; set; }

        /// <summary>The length of the vectors, for models that can shorten them; null sends nothing.</summary>
        public int? Dimensions { get; set; }

        /// <summary>How the vectors travel: base64 unless asked otherwise.</summary>
        public EmbeddingEncoding Encoding { get; set; } = EmbeddingEncoding.Base64;
    }
}
