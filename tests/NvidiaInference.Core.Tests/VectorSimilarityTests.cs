using System;
using Xunit;

namespace NvidiaInference.Tests
{
    public class VectorSimilarityTests
    {
        [Theory]
        [InlineData(new float[] { 1, 0 }, new float[] { 0, 1 }, 0)]
        [InlineData(new float[] { 1, 2, 3 }, new float[] { 2, 4, 6 }, 1)]
        [InlineData(new float[] { 1, 2, 3 }, new float[] { -1, -2, -3 }, -1)]
        [InlineData(new float[] { 3, 4 }, new float[] { 4, 3 }, 0.96)]
        [InlineData(new float[] { 0, 0 }, new float[] { 1, 1 }, 0)]
        public void Cosine_is_the_cosine_of_the_angle_whatever_the_lengths(float[] a, float[] b, double expected)
        {
            Assert.Equal(expected, VectorSimilarity.Cosine(a, b), 6);
            Assert.Equal(expected, new Embedding(0, "a", a, "m", EmbeddingInputType.Query).CosineSimilarity(new Embedding(1, "b", b, "m", EmbeddingInputType.Passage)), 6);
        }

        [Fact]
        public void Vectors_of_different_dimensions_cannot_be_compared()
        {
            var e = Assert.Throws<ArgumentException>(() => VectorSimilarity.Cosine(new float[3], new float[4]));
            Assert.Contains("different dimensions (3 and 4)", e.Message, StringComparison.Ordinal);
        }
    }
}
