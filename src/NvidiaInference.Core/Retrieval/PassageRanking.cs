using System;
using System.Collections.Generic;
using System.Linq;

namespace NvidiaInference.Retrieval
{
    /// <summary>
    /// Ranks a list of passages too long for one request: the list is split into batches, each sent on its own, and the
    /// scores merged by logit. This is sound because a reranking model scores each passage against the query alone.
    /// </summary>
    public sealed class PassageRanking
    {
        private readonly List<string> _texts = new List<string>();
        private readonly List<object?> _inputObjects = new List<object?>();
        private readonly List<int> _indexes = new List<int>();
        private readonly List<RankedPassage> _scored = new List<RankedPassage>();

        /// <summary>Creates a ranking of passages against <paramref name="query"/>.</summary>
        public PassageRanking(string model, string query, int batchSize)
        {
            Model = model ?? throw new ArgumentNullException(nameof(model));
            Query = query ?? throw new ArgumentNullException(nameof(query));
            BatchSize = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch size must be at least 1.");
        }

        /// <summary>The model id.</summary>
        public string Model { get; }

        /// <summary>The query.</summary>
        public string Query { get; }

        /// <summary>The most passages sent in one request.</summary>
        public int BatchSize { get; }

        /// <summary>What the server does with over-long passages; null sends nothing.</summary>
        public TruncateMode? Truncate { get; set; }

        /// <summary>The number of passages added.</summary>
        public int Count => _texts.Count;

        /// <summary>Adds a passage; its Index is its position among the passages added.</summary>
        public void Add(string text, object? inputObject = null) => Add(Count, text, inputObject);

        /// <summary>Adds a passage whose Index is <paramref name="index"/> (its position among the inputs, some of which may not be sent).</summary>
        public void Add(int index, string text, object? inputObject)
        {
            _texts.Add(text ?? throw new ArgumentNullException(nameof(text)));
            _inputObjects.Add(inputObject);
            _indexes.Add(index);
        }

        /// <summary>The requests, each with the position of its first passage among those added: BatchSize passages each, the last one shorter.</summary>
        public IReadOnlyList<(int FirstIndex, RankingRequest Request)> Batches()
        {
            var batches = new List<(int, RankingRequest)>();
            for (int first = 0; first < _texts.Count; first += BatchSize)
            {
                var texts = _texts.GetRange(first, Math.Min(BatchSize, _texts.Count - first));
                batches.Add((first, new RankingRequest(Model, Query, texts) { Truncate = Truncate }));
            }

            return batches;
        }

        /// <summary>Takes in the scores of the batch whose first passage is at <paramref name="firstIndex"/> (indexes within the batch, as the reader gives them).</summary>
        public void Accept(int firstIndex, IEnumerable<RankedPassage> scores)
        {
            foreach (RankedPassage score in scores)
            {
                int position = firstIndex + score.Index;
                _scored.Add(new RankedPassage(_indexes[position], score.Logit, _texts[position], _inputObjects[position]));
            }
        }

        /// <summary>The scored passages, best first (equal logits in input order), ranked from 1; only the best <paramref name="top"/> when given.</summary>
        public IReadOnlyList<RankedPassage> Ranked(int? top = null)
        {
            IEnumerable<RankedPassage> ordered = _scored.OrderByDescending(p => p.Logit).ThenBy(p => p.Index);
            if (top is int count)
            {
                ordered = ordered.Take(Math.Max(count, 0));
            }

            var ranked = ordered.ToList();
            for (int i = 0; i < ranked.Count; i++)
            {
                ranked[i].Rank = i + 1;
            }

            return ranked;
        }
    }
}
