using System;
using System.Threading;
using System.Threading.Tasks;

namespace NvidiaInference.Http
{
    /// <summary>
    /// The time limits of one call: the caller's cancellation (Ctrl+C), the total timeout, and an idle timeout per
    /// wait. Async work is awaited synchronously, so whatever reports progress stays on the caller's thread.
    /// </summary>
    internal sealed class CallDeadline : IDisposable
    {
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource _total;
        private readonly TimeSpan _idle;

        public CallDeadline(CancellationToken caller, TimeSpan total, TimeSpan idle)
        {
            _caller = caller;
            _idle = idle;
            _total = CancellationTokenSource.CreateLinkedTokenSource(caller);
            if (total > TimeSpan.Zero && total != Timeout.InfiniteTimeSpan)
            {
                _total.CancelAfter(total);
            }

            Total = total;
            Idle = idle;
        }

        public TimeSpan Total { get; }

        public TimeSpan Idle { get; }

        /// <summary>Cancelled by the caller or at the total timeout.</summary>
        public CancellationToken Token => _total.Token;

        /// <summary>Runs one wait under the idle timeout too, mapping a timeout to <see cref="NimTimeoutException"/>.</summary>
        public T Wait<T>(Func<CancellationToken, Task<T>> operation, string whatWasAwaited)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(_total.Token);
            if (_idle > TimeSpan.Zero && _idle != Timeout.InfiniteTimeSpan)
            {
                idle.CancelAfter(_idle);
            }

            try
            {
                return operation(idle.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OperationCanceledException || (e is ObjectDisposedException && idle.IsCancellationRequested))
            {
                throw Translate(e, whatWasAwaited, idle.IsCancellationRequested);
            }
        }

        /// <summary>Sleeps for a retry's wait, cancellable like everything else.</summary>
        public void Delay(TimeSpan wait) => Delay(wait, "the wait before a retry");

        /// <summary>Sleeps, cancellable like everything else; a timeout names what was awaited.</summary>
        public void Delay(TimeSpan wait, string whatWasAwaited)
        {
            try
            {
                Task.Delay(wait, _total.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                throw Translate(e, whatWasAwaited, idleFired: false);
            }
        }

        public Exception Translate(Exception e, string whatWasAwaited, bool idleFired)
        {
            if (_caller.IsCancellationRequested)
            {
                return e as OperationCanceledException ?? new OperationCanceledException(_caller);
            }

            if (_total.IsCancellationRequested)
            {
                return new NimTimeoutException($"The call took longer than its timeout of {Total.TotalSeconds:0.###} s (while waiting for {whatWasAwaited}).", isIdleTimeout: false);
            }

            if (idleFired)
            {
                return new NimTimeoutException($"The server sent nothing for {Idle.TotalSeconds:0.###} s (while waiting for {whatWasAwaited}).", isIdleTimeout: true);
            }

            return e;
        }

        public void Dispose() => _total.Dispose();
    }
}
