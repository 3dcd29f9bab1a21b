using System;
using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>One request to a reranking model: a query and the passages of one batch to score against it.</summary>
    public sealed class RankingRequest
    {
        /// <summary>Creates a request.</summary>
        public RankingRequest(string model, string query, IReadOnlyList<string> passages)
        {
            Model = model ?? throw new ArgumentNullException(nameof(model));
            Query = query ?? throw new ArgumentNullException(nameof(query));
            Passages = passages ?? throw new ArgumentNullException(nameof(passages));
        }

        /// <summary>The model id.</summary>
        public string Model { get; }

        /// <summary>The query.</summary>
        public string Query { get; }

        /// <summary>The passages, in order; the answer points into this list.</summary>
        public IReadOnlyList<string> Passages { get; }

        /// <summary>What the server does with over-long passages (NONE or END); null sends nothing.</summary>
        public TruncateMode? Truncate { get; set; }
    }
}
