using System;

namespace NvidiaInference
{
    /// <summary>The vector an embedding model made for one text, with the text and what it came from.</summary>
    public sealed class Embedding
    {
        /// <summary>Creates an embedding.</summary>
        public Embedding(int index, string text, float[] vector, string model, EmbeddingInputType inputType, object? inputObject = null)
        {
            Index = index;
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Vector = vector ?? throw new ArgumentNullException(nameof(vector));
            Model = model ?? string.Empty;
            InputType = inputType;
            InputObject = inputObject;
        }

        /// <summary>The position of the text among the inputs, from 0.</summary>
        public int Index { get; }

        /// <summary>The text that was embedded.</summary>
        public string Text { get; }

        /// <summary>The vector.</summary>
        public float[] Vector { get; }

        /// <summary>The number of elements of <see cref="Vector"/>.</summary>
        public int Dimension => Vector.Length;

        /// <summary>The model that made the vector, as the server named it.</summary>
        public string Model { get; }

        /// <summary>Whether the text was embedded as a query or as a passage.</summary>
        public EmbeddingInputType InputType { get; }

        /// <summary>The object the text came from (a pipeline input), or null.</summary>
        public object? InputObject { get; }

        /// <summary>The cosine similarity of this vector and <paramref name="other"/>'s, from -1 to 1.</summary>
        public double CosineSimilarity(Embedding other) => VectorSimilarity.Cosine(Vector, (other ?? throw new ArgumentNullException(nameof(other))).Vector);

        /// <summary>The cosine similarity of this vector and <paramref name="other"/>, from -1 to 1.</summary>
        public double CosineSimilarity(float[] other) => VectorSimilarity.Cosine(Vector, other);

        /// <summary>The index, the dimension and the start of the text.</summary>
        public override string ToString() => $"[{Index}] {Dimension} dimensions: {(Text.Length <= 40 ? Text : Text.Substring(0, 40) + "...")}";
    }
}
