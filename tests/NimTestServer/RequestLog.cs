using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace NimTestServer
{
    /// <summary>Every request the server received, for tests to inspect: method, path, headers and body.</summary>
    public sealed class RequestLog
    {
        private readonly ConcurrentQueue<LoggedRequest> _requests = new();

        public void Add(LoggedRequest request) => _requests.Enqueue(request);

        public IReadOnlyList<LoggedRequest> All() => _requests.ToArray();

        public void Clear() => _requests.Clear();

        /// <summary>Counts requests whose path starts with a scenario, so fault scenarios can fail a set number of times.</summary>
        public int CountFor(string scenario) => _requests.Count(r => r.Path.StartsWith("/" + scenario + "/", System.StringComparison.Ordinal));
    }

    public sealed record LoggedRequest(string Method, string Path, Dictionary<string, string> Headers, string Body)
    {
        /// <summary>When the request arrived, so tests can measure the waits between retries on the server's clock.</summary>
        public System.DateTimeOffset Received { get; init; } = System.DateTimeOffset.UtcNow;
    }
}
