using System;
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
        private const ulong BaseSeed = 0x4E564944_2025UL;

        public static void ForAll<T>(Gen<T> gen, Action<T> assert, int cases, uint salt = 0)
        {
            for (uint i = 0; i < cases; i++)
            {
                gen.Sample(assert, seed: new PCG(salt * 100_003u + i, BaseSeed).ToString(), iter: 1, threads: 1);
            }
        }
    }
}
