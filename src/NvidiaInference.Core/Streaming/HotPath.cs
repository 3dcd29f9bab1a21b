using System.Runtime.CompilerServices;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// How the methods every streamed chunk passes through are compiled. .NET first compiles a method quickly and
    /// unoptimized, and recompiles it optimized once it is seen to be hot, but only after a pause in new compilation. In
    /// PowerShell that pause rarely comes (script keeps the JIT busy), so a stream's conversion ran its unoptimized
    /// first tier for most of a call, about five times slower (docs/ARCHITECTURE.md, Performance). These methods are
    /// compiled optimized at once instead.
    /// </summary>
    internal static class HotPath
    {
        /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name.</summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
