using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;

namespace NimTestServer
{
    /// <summary>
    /// Counts what the server holds open, so a test can check that a client left nothing behind: TCP connections
    /// (HTTP and HTTPS), scenario requests still being played, and connections held by the silent listener.
    /// </summary>
    public sealed class ConnectionCounter
    {
        private int _open;
        private int _accepted;
        private int _active;
        private int _silent;

        public int Open => Volatile.Read(ref _open);

        public int Accepted => Volatile.Read(ref _accepted);

        public int ActiveRequests => Volatile.Read(ref _active);

        public int SilentConnections => Volatile.Read(ref _silent);

        /// <summary>Kestrel connection middleware: counts each connection while it is open.</summary>
        public ConnectionDelegate Count(ConnectionDelegate next) => async connection =>
        {
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _open);
            try
            {
                await next(connection);
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }
        };

        /// <summary>Counts a scenario request while its handler runs.</summary>
        public async Task CountRequest(Task handler)
        {
            Interlocked.Increment(ref _active);
            try
            {
                await handler;
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }

        public void SilentOpened() => Interlocked.Increment(ref _silent);

        public void SilentClosed() => Interlocked.Decrement(ref _silent);
    }
}
