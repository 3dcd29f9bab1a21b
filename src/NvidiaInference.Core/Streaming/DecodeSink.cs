using System;
using System.Collections.Generic;

namespace NvidiaInference.Streaming
{
    /// <summary>Where the decoder and the stream converters put what one input gave: results, and failures marked as such.</summary>
    internal sealed class DecodeSink
    {
        private readonly List<DecodedItem> _items = new List<DecodedItem>();

        public int Count => _items.Count;

        public IReadOnlyList<DecodedItem> Items => _items;

        public void Add(object result) => _items.Add(DecodedItem.Of(result));

        public void Fail(Exception failure) => _items.Add(DecodedItem.Failed(failure));

        public void Clear() => _items.Clear();

        /// <summary>What was collected, in a list of its own (the sink is reused).</summary>
        public IReadOnlyList<DecodedItem> ToList() => _items.ToArray();
    }
}
