using System;
using System.Globalization;
using CsCheck;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// Runs a CsCheck property deterministically: CsCheck uses the given seed only for the first iteration and random
    /// seeds after it, so each case is its own one-iteration sample with a seed derived from a fixed base.
    /// A failure reports the seed to reproduce it.
    /// </summary>
    internal static class Property
    {
        /// <summary>
        /// Set to a number of cases to run every fuzz property (<see cref="Fuzz{T}"/>) that many times instead of its
        /// CI count, e.g. NVI_FUZZ_ITERATIONS=100000 in the benchmark task. The first cases are the CI ones.
        /// </summary>
        public const string IterationsVariable = "NVI_FUZZ_ITERATIONS";

        private const ulong BaseSeed = 0x4E564944_2025UL;

        public static void ForAll<T>(Gen<T> gen, Action<T> assert, int cases, uint salt = 0)
        {
            for (uint i = 0; i < cases; i++)
            {
                gen.Sample(assert, seed: new PCG(salt * 100_003u + i, BaseSeed).ToString(), iter: 1, threads: 1);
            }
        }

        /// <summary>A fuzz property: <paramref name="cases"/> fixed cases in CI, more when <see cref="IterationsVariable"/> asks for them.</summary>
        public static void Fuzz<T>(Gen<T> gen, Action<T> assert, int cases, uint salt = 0) => ForAll(gen, assert, FuzzCases(cases), salt);

        /// <summary>The number of cases a fuzz property with <paramref name="ciCases"/> cases runs in this run.</summary>
        public static int FuzzCases(int ciCases)
        {
            string? requested = Environment.GetEnvironmentVariable(IterationsVariable);
            return int.TryParse(requested, NumberStyles.Integer, CultureInfo.InvariantCulture, out int iterations) && iterations > ciCases ? iterations : ciCases;
        }
    }
}
