using System.Collections.Generic;
using System.Linq;
using NvidiaInference.Streaming;

namespace NvidiaInference.Tests
{
    /// <summary>The tests read a decoder's outcomes as one list of objects: each result, or the failure itself where it happened.</summary>
    internal static class DecodedItemOutcomes
    {
        public static List<object> Outcomes(this IEnumerable<DecodedItem> items) => items.Select(item => item.Failure ?? item.Result!).ToList();
    }
}
