using System;
using System.Collections.Generic;

namespace NvidiaInference.Catalog
{
    /// <summary>Model ids, and where they came from.</summary>
    public sealed class ModelIds
    {
        /// <summary>Creates a list.</summary>
        public ModelIds(Uri baseUri, IReadOnlyList<string> ids, bool fromServer)
        {
            BaseUri = baseUri;
            Ids = ids;
            FromServer = fromServer;
        }

        /// <summary>The server that was asked.</summary>
        public Uri BaseUri { get; }

        /// <summary>The ids, sorted.</summary>
        public IReadOnlyList<string> Ids { get; }

        /// <summary>True when the server gave them; false when they are the built-in <see cref="KnownModels"/>.</summary>
        public bool FromServer { get; }
    }
}
