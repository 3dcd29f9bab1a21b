using System.Collections.Concurrent;
using System.Threading;

namespace NimTestServer
{
    /// <summary>Named gates a scenario waits on mid-stream until a test opens them (GET /_open/NAME).</summary>
    public sealed class Gates
    {
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

        public SemaphoreSlim Get(string name) => _gates.GetOrAdd(name, _ => new SemaphoreSlim(0));

        public void Open(string name) => Get(name).Release();
    }
}
