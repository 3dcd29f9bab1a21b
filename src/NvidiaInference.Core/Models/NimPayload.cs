using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>A request body ready to send: where it goes, the exact JSON, and the headers (never a key).</summary>
    public sealed class NimPayload
    {
        /// <summary>Creates a payload.</summary>
        public NimPayload(string path, string body, IReadOnlyDictionary<string, string> headers, bool stream = false)
        {
            Path = path;
            Body = body;
            Headers = headers;
            Stream = stream;
        }

        /// <summary>Whether the body asks the server to stream.</summary>
        public bool Stream { get; }

        /// <summary>The path under the base URL: chat/completions or completions.</summary>
        public string Path { get; }

        /// <summary>The exact JSON text to send.</summary>
        public string Body { get; }

        /// <summary>Content-Type, Accept and User-Agent. The Authorization header is added only when sending.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The body.</summary>
        public override string ToString() => Body;
    }
}
