namespace NvidiaInference.BenchCmdlets
{
    /// <summary>What arrived and when, in milliseconds after the start timestamp.</summary>
    public sealed class BenchArrival
    {
        public BenchArrival(long count, double firstMs, double totalMs, object? last = null)
        {
            Count = count;
            FirstMs = firstMs;
            TotalMs = totalMs;
            Last = last;
        }

        public long Count { get; }

        public double FirstMs { get; }

        public double TotalMs { get; }

        /// <summary>The last item that arrived (the only one kept), or null.</summary>
        public object? Last { get; }
    }
}
