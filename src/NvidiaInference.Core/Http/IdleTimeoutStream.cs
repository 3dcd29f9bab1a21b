using System;
using System.Diagnostics;
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
    /// <remarks>
    /// The idle limit is kept by one timer that is not touched on every read (docs/ARCHITECTURE.md, Threads and
    /// cancellation). A read notes when it began and clears the note when it returns; the timer, when it fires, looks at
    /// the note: a read under way for the whole limit is stopped, a younger one gets the timer set for the rest of its
    /// limit, and with no read under way the timer rests until the next read sets it again. Setting a timer takes a lock
    /// in the runtime's timer queue, which twice a read cost more than a chunk's conversion; the note costs two
    /// interlocked writes. Time the caller spends between reads is never the server's idleness.
    /// </remarks>
    internal sealed class IdleTimeoutStream : ReadOnlyStream
    {
        /// <summary>What <see cref="_readStarted"/> holds when no read is under way.</summary>
        private const long NoRead = 0;

        /// <summary>What <see cref="_readStarted"/> holds once the timer has stopped the read under way.</summary>
        private const long Stopped = -1;

        private readonly Stream _inner;
        private readonly CallDeadline _deadline;
        private readonly CancellationTokenSource _idle;
        private readonly CancellationTokenRegistration _abort;
        private readonly Timer? _timer;
        private readonly long _idleTicks;
        private long _readStarted = NoRead;
        private int _timerSet;
        private int _disposed;

        public IdleTimeoutStream(Stream inner, CallDeadline deadline)
        {
            _inner = inner;
            _deadline = deadline;
            _idle = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            _abort = _idle.Token.Register(state => Abort((Stream)state!), inner);
            if (deadline.Idle > TimeSpan.Zero && deadline.Idle != Timeout.InfiniteTimeSpan)
            {
                _idleTicks = (long)(deadline.Idle.TotalSeconds * Stopwatch.Frequency);

                // The timer needs none of the caller's async-local state; not capturing it keeps the callback cheap. (Flow the
                // caller already suppressed cannot be suppressed again.)
                bool suppress = !ExecutionContext.IsFlowSuppressed();
                AsyncFlowControl flow = suppress ? ExecutionContext.SuppressFlow() : default;
                try
                {
                    _timer = new Timer(state => ((IdleTimeoutStream)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
                }
                finally
                {
                    if (suppress)
                    {
                        flow.Undo();
                    }
                }
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_idle.IsCancellationRequested)
            {
                throw StoppedBy(new OperationCanceledException(_idle.Token));
            }

            if (_timer is not null)
            {
                // Stopwatch timestamps are positive, so a started read is never mistaken for NoRead or Stopped.
                Interlocked.Exchange(ref _readStarted, Stopwatch.GetTimestamp());
                if (Volatile.Read(ref _timerSet) == 0 && Interlocked.CompareExchange(ref _timerSet, 1, 0) == 0)
                {
                    _timer.Change(_deadline.Idle, Timeout.InfiniteTimeSpan);
                }
            }

            try
            {
                return _inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (_idle.IsCancellationRequested)
            {
                throw StoppedBy(e);
            }
            finally
            {
                if (_timer is not null)
                {
                    Interlocked.Exchange(ref _readStarted, NoRead);
                }
            }
        }

        /// <summary>The timer: stops a read that has waited the whole limit, or sets itself for the rest of the read's limit, or rests.</summary>
        private void OnTimer()
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                long started = Interlocked.Read(ref _readStarted);
                if (started > 0)
                {
                    long waited = Stopwatch.GetTimestamp() - started;
                    if (waited < _idleTicks)
                    {
                        SetTimer(_idleTicks - waited);
                        return;
                    }

                    // Claimed only if that same read is still under way: one that returned meanwhile is not stopped.
                    if (Interlocked.CompareExchange(ref _readStarted, Stopped, started) == started)
                    {
                        Cancel();
                        return;
                    }

                    continue;
                }

                // No read under way: rest. A read that began just now saw the timer set and did not set it, so look again.
                Interlocked.Exchange(ref _timerSet, 0);
                if (Interlocked.Read(ref _readStarted) <= 0 || Interlocked.CompareExchange(ref _timerSet, 1, 0) != 0)
                {
                    return;
                }
            }
        }

        private void SetTimer(long ticks)
        {
            try
            {
                // Rounded up to a whole millisecond: rounded down, a remainder under one would fire the timer again at once,
                // and again, until the limit was reached.
                _timer!.Change((long)Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency), Timeout.Infinite);
            }
            catch (ObjectDisposedException)
            {
                // The stream was disposed while the timer fired: nothing is left to stop.
            }
        }

        private void Cancel()
        {
            try
            {
                _idle.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The stream was disposed while the timer fired: nothing is left to stop.
            }
            catch (AggregateException)
            {
                // Closing the body failed in a way Abort does not expect; the token is cancelled all the same, so the read
                // under way ends as an idle timeout. An exception here, on the timer's thread, would end the process.
            }
        }

        /// <summary>
        /// Disposes the body to abort a read under way. It runs on the timer's thread or the one that cancelled (Ctrl+C), where
        /// an exception would end the process or the wrong call; a body that fails to close is closed as far as it can be.
        /// </summary>
        private static void Abort(Stream inner)
        {
            try
            {
                inner.Dispose();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is System.Net.Sockets.SocketException)
            {
                // The read under way ends anyway: the body is unusable from here on.
            }
        }

        /// <summary>Ctrl+C, the total timeout, or the idle timeout (whichever stopped the read), as the deadline names them.</summary>
        private Exception StoppedBy(Exception e) =>
            _deadline.Translate(e is OperationCanceledException ? e : new OperationCanceledException(e.Message, e, _idle.Token), "the next part of the stream", idleFired: !_deadline.Token.IsCancellationRequested);

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer?.Dispose();
                _abort.Dispose();
                _idle.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
