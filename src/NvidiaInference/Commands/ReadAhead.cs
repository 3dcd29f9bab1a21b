using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using NvidiaInference.Streaming;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Reads a stream of the core on a thread of its own while the pipeline thread writes what it already gave: the HTTP
    /// reads and the conversion overlap with PowerShell's output, instead of taking turns with it (docs/ARCHITECTURE.md,
    /// Threads and cancellation). The sequence stays what it was: the same items in the same order, a failure thrown
    /// on the pipeline thread after every item before it, at most <see cref="Capacity"/> items ahead, and no PowerShell
    /// call ever made off the pipeline thread (the reader only reads; verbose lines already go through the pump's queue).
    /// The request and the first item are read on the pipeline thread, so the first event waits for no thread.
    /// </summary>
    internal sealed class ReadAhead<T> : SingleUseSequence<T>
    {
        /// <summary>How far the reader may run ahead of the pipeline, in items, before it waits.</summary>
        public const int Capacity = 256;

        private readonly Func<CancellationToken, IEnumerable<T>> _open;
        private readonly CancellationTokenSource _stop;
        private IEnumerator<T>? _source;
        private ReadAheadQueue<T>? _queue;
        private Task? _reader;
        private ExceptionDispatchInfo? _failure;
        private bool _ended;

        /// <summary>
        /// A sequence that enumerates <paramref name="open"/>'s ahead on a dedicated thread. The token given to it is
        /// cancelled by <paramref name="cancellationToken"/> (Ctrl+C) and when the consumer stops early (a downstream
        /// Select-Object -First), so the reader never outlives the enumeration. It can be enumerated once.
        /// </summary>
        public ReadAhead(Func<CancellationToken, IEnumerable<T>> open, CancellationToken cancellationToken)
        {
            _open = open;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        [MethodImpl(HotPath.Optimized)]
        public override bool MoveNext()
        {
            if (_ended)
            {
                return false;
            }

            if (_queue is not null)
            {
                if (_queue.TryTake(out T item))
                {
                    Current = item;
                    return true;
                }

                _ended = true;
                _reader!.Wait(CancellationToken.None);
                _failure?.Throw();
                return false;
            }

            if (_source is null)
            {
                // The request and the first item, here.
                _source = _open(_stop.Token).GetEnumerator();
                if (!_source.MoveNext())
                {
                    _ended = true;
                    return false;
                }

                Current = _source.Current;
                return true;
            }

            StartReader();
            return MoveNext();
        }

        /// <summary>Hands the source to a dedicated thread, which owns (and disposes) it from now on.</summary>
        private void StartReader()
        {
            IEnumerator<T> source = _source!;
            var queue = new ReadAheadQueue<T>(Capacity);
            CancellationToken stop = _stop.Token;
            _queue = queue;
            _reader = Task.Factory.StartNew(() => ReadAll(source, queue, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>The reader thread: every item into the queue, then the queue completed, the failure kept for the consumer.</summary>
        [MethodImpl(HotPath.Optimized)]
        private void ReadAll(IEnumerator<T> source, ReadAheadQueue<T> queue, CancellationToken stop)
        {
            try
            {
                while (source.MoveNext())
                {
                    queue.Add(source.Current, stop);
                }
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                try
                {
                    source.Dispose();
                }
                catch (Exception e) when (_failure is null)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    // Whatever happened, the consumer is never left waiting.
                    queue.Complete();
                }
            }
        }

        /// <summary>Stops the reader (it is cancelled and waited for, so nothing reads on), or disposes the source it never got.</summary>
        protected override void Release()
        {
            _stop.Cancel();
            if (_reader is not null)
            {
                try
                {
                    _reader.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The reader catches everything it throws; nothing is lost here.
                }

                _queue!.Dispose();
            }
            else
            {
                _source?.Dispose();
            }

            _stop.Dispose();
        }
    }
}
