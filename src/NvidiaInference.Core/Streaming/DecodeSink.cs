using System;
using System.Collections.Generic;

namespace NvidiaInference.Streaming
{
    /// <summary>Where the decoder and the stream converters put what one input gave: results, and failures marked as such.</summary>
    /// <remarks>
    /// Reused for every event of a stream, so it keeps its own array: clearing it forgets only the slots that were used
    /// (most events give one result), without the list's general-purpose clearing call.
    /// </remarks>
    internal sealed class DecodeSink
    {
        private DecodedItem[] _items = Array.Empty<DecodedItem>();
        private int _count;

        public int Count => _count;

        /// <summary>The item at <paramref name="index"/>, which must be below <see cref="Count"/>.</summary>
        public DecodedItem this[int index] => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Add(object result) => Append(DecodedItem.Of(result));

        public void Fail(Exception failure) => Append(DecodedItem.Failed(failure));

        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _items[i] = default;
            }

            _count = 0;
        }

        /// <summary>What was collected, in a list of its own (the sink is reused).</summary>
        public IReadOnlyList<DecodedItem> ToList()
        {
            if (_count == 0)
            {
                return Array.Empty<DecodedItem>();
            }

            var copy = new DecodedItem[_count];
            Array.Copy(_items, copy, _count);
            return copy;
        }

        private void Append(DecodedItem item)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
            }

            _items[_count++] = item;
        }
    }
}
