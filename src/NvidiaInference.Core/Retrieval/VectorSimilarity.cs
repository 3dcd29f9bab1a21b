using System;

namespace NvidiaInference
{
    /// <summary>Cosine similarity of two vectors, computed in double so long vectors keep their precision.</summary>
    public static class VectorSimilarity
    {
        /// <summary>
        /// The cosine of the angle between <paramref name="a"/> and <paramref name="b"/>, from -1 to 1. Vectors are not
        /// assumed to be unit length. A zero vector has no direction: its similarity to anything is 0.
        /// </summary>
        /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
        public static double Cosine(float[] a, float[] b)
        {
            if (a is null)
            {
                throw new ArgumentNullException(nameof(a));
            }

            if (b is null)
            {
                throw new ArgumentNullException(nameof(b));
            }

            if (a.Length != b.Length)
            {
                throw new ArgumentException($"The vectors have different dimensions ({a.Length} and {b.Length}); only vectors of the same model and -Dimensions can be compared.", nameof(b));
            }

            double dot = 0, normA = 0, normB = 0;
            for (int i = 0; i < a.Length; i++)
            {
                dot += (double)a[i] * b[i];
                normA += (double)a[i] * a[i];
                normB += (double)b[i] * b[i];
            }

            return normA == 0 || normB == 0 ? 0 : dot / (Math.Sqrt(normA) * Math.Sqrt(normB));
        }
    }
}
