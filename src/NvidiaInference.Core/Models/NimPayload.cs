using System;
using System.Collections.Generic;
using NvidiaInference.Payload;

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

        /// <summary>
        /// This payload with a caller's additions, applied last: <paramref name="additionalBody"/> (JSON object text)
        /// merged into the body (nested objects key by key; a null removes a member) and <paramref name="additionalHeaders"/>
        /// added to the headers (replacing one of the same name). Each member of the body the addition changes is reported.
        /// </summary>
        /// <exception cref="NimInvalidRequestException">The body addition is not a JSON object, or a header is Authorization (the key rules stay the client's).</exception>
        public NimPayload WithAdditions(string? additionalBody, IEnumerable<KeyValuePair<string, string>>? additionalHeaders, Action<string>? reportOverride = null)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> header in Headers)
            {
                headers[header.Key] = header.Value;
            }

            foreach (KeyValuePair<string, string> header in additionalHeaders ?? Array.Empty<KeyValuePair<string, string>>())
            {
                headers[AdditionalHeaders.Check(header.Key)] = header.Value ?? string.Empty;
            }

            string body = additionalBody is null ? Body : AdditionalBodyMerger.Merge(Body, additionalBody, reportOverride);
            return new NimPayload(Path, body, headers, Stream);
        }
    }
}
