using System;

namespace NvidiaInference
{
    /// <summary>A model a server serves, from GET /v1/models.</summary>
    public sealed class NimModel
    {
        /// <summary>Creates a model record.</summary>
        public NimModel(string id, string? ownedBy, DateTimeOffset? created, string? root, string? parent, long? maxModelLength)
        {
            Id = id;
            OwnedBy = ownedBy;
            Created = created;
            Root = root;
            Parent = parent;
            MaxModelLength = maxModelLength;
        }

        /// <summary>The id to pass as -Model.</summary>
        public string Id { get; }

        /// <summary>Who publishes the model.</summary>
        public string? OwnedBy { get; }

        /// <summary>When the model was registered, when the server says.</summary>
        public DateTimeOffset? Created { get; }

        /// <summary>The base model of a LoRA adapter (vLLM and NIM), or the model itself.</summary>
        public string? Root { get; }

        /// <summary>The parent model, when the server says.</summary>
        public string? Parent { get; }

        /// <summary>The context length in tokens, when the server says.</summary>
        public long? MaxModelLength { get; }

        /// <inheritdoc/>
        public override string ToString() => Id;
    }
}
