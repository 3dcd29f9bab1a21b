using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace NimTestServer
{
    /// <summary>
    /// A TCP listener that accepts connections and never answers: over https:// a client hangs in the TLS handshake
    /// (still connecting), over http:// it waits for response headers. Each connection is held until the client closes it.
    /// </summary>
    public sealed class SilentListener(ConnectionCounter counter) : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Start()
        {
            _listener.Start();
            _ = AcceptLoop();
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
                {
                    return;
                }

                _ = Hold(socket);
            }
        }

        /// <summary>Reads and discards whatever the client sends, until it closes the connection.</summary>
        private async Task Hold(Socket socket)
        {
            counter.SilentOpened();
            try
            {
                var buffer = new byte[4096];
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
            {
            }
            finally
            {
                socket.Dispose();
                counter.SilentClosed();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
