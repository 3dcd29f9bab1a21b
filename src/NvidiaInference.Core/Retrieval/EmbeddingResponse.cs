using System;
using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>The vectors of one embedding request, by the position of their text in the request.</summary>
    public sealed class EmbeddingResponse
    {
        /// <summary>Creates a response.</summary>
        public EmbeddingResponse(string model, IReadOnlyList<float[]> vectors)
        {
            Model = model ?? string.Empty;
            Vectors = vectors ?? throw new ArgumentNullException(nameof(vectors));
        }

        /// <summary>The model, as the server named it.</summary>
        public string Model { get; }

        /// <summary>One vector per text of the request, in the request's order (whatever order the server sent them in).</summary>
        public IReadOnlyList<float[]> Vectors { get; }

        /// <summary>
        /// The embeddings of <paramref name="request"/>'s texts, each numbered by <paramref name="indexes"/> (its position
        /// among all the inputs, when the request holds one batch of them) and with its input object when
        /// <paramref name="inputObjects"/> holds one at its position.
        /// </summary>
        public IReadOnlyList<Embedding> ToEmbeddings(EmbeddingRequest request, IReadOnlyList<int> indexes, IReadOnlyList<object?>? inputObjects = null)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (indexes is null || indexes.Count != Vectors.Count)
            {
                throw new ArgumentException($"One index is needed for each of the {Vectors.Count} vectors.", nameof(indexes));
            }

            var embeddings = new Embedding[Vectors.Count];
            string model = Model.Length > 0 ? Model : request.Model;
            for (int i = 0; i < embeddings.Length; i++)
            {
                object? inputObject = inputObjects is not null && i < inputObjects.Count ? inputObjects[i] : null;
                embeddings[i] = new Embedding(indexes[i], request.Texts[i], Vectors[i], model, request.InputType, inputObject);
            }

            return embeddings;
        }
    }
}
