namespace NvidiaInference.BenchCmdlets
{
    /// <summary>What arrived and when, in milliseconds after the start timestamp.</summary>
    public sealed class BenchArrival
    {
        public BenchArrival(long count, double firstMs, double totalMs)
        {
            Count = count;
            FirstMs = firstMs;
            TotalMs = totalMs;
        }

        public long Count { get; }

        public double FirstMs { get; }

        public double TotalMs { get; }
    }
}
