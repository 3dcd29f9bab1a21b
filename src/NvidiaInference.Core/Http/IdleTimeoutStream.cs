using System;
using System.IO;
using System.Threading;

namespace NvidiaInference.Http
{
    /// <summary>
    /// A read-only view of a streamed response body whose every read is bounded by the call's idle and total timeouts,
    /// and by Ctrl+C. Reads are synchronous, as the raw floor of the benchmark reads: awaiting an asynchronous read for
    /// every small chunk costs two thread switches each, more than the chunk's whole conversion. A read is stopped the
    /// way HttpClient stops its own synchronous reads: the body is disposed, which aborts the read under way.
    /// </summary>
    internal sealed class IdleTimeoutStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly CallDeadline _deadline;
        private readonly CancellationTokenSource _idle;
        private readonly CancellationTokenRegistration _abort;
        private readonly bool _timed;

        public IdleTimeoutStream(Stream inner, CallDeadline deadline)
        {
            _inner = inner;
            _deadline = deadline;
            _timed = deadline.Idle > TimeSpan.Zero && deadline.Idle != Timeout.InfiniteTimeSpan;
            _idle = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            _abort = _idle.Token.Register(state => ((Stream)state!).Dispose(), inner);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_idle.IsCancellationRequested)
            {
                throw Stopped(new OperationCanceledException(_idle.Token));
            }

            if (_timed)
            {
                // One timer for every read: set for this one, stopped after it (time the caller spends between reads is
                // not the server's idleness).
                _idle.CancelAfter(_deadline.Idle);
            }

            try
            {
                return _inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (_idle.IsCancellationRequested)
            {
                throw Stopped(e);
            }
            finally
            {
                if (_timed && !_idle.IsCancellationRequested)
                {
                    _idle.CancelAfter(Timeout.InfiniteTimeSpan);
                }
            }
        }

        /// <summary>Ctrl+C, the total timeout, or the idle timeout (whichever stopped the read), as the deadline names them.</summary>
        private Exception Stopped(Exception e) =>
            _deadline.Translate(e is OperationCanceledException ? e : new OperationCanceledException(e.Message, e, _idle.Token), "the next part of the stream", idleFired: !_deadline.Token.IsCancellationRequested);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _abort.Dispose();
                _idle.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
