using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using NvidiaInference.Streaming;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The hand-over between <see cref="ReadAhead{T}"/>'s reader thread (the one producer) and the pipeline thread (the one
    /// consumer): a bounded queue whose common case takes no lock. BlockingCollection takes a lock for every item on both
    /// sides, and cost more per event than the conversion it was overlapping; here a thread waits only when the queue is
    /// empty (the consumer) or full (the producer).
    /// </summary>
    internal sealed class ReadAheadQueue<T> : IDisposable
    {
        private readonly ConcurrentQueue<T> _items = new ConcurrentQueue<T>();
        private readonly ManualResetEventSlim _itemsAvailable = new ManualResetEventSlim(false);
        private readonly ManualResetEventSlim _spaceAvailable = new ManualResetEventSlim(true);
        private readonly int _capacity;
        private int _count;
        private volatile bool _completed;

        public ReadAheadQueue(int capacity) => _capacity = capacity;

        /// <summary>Adds an item; waits while the queue holds <c>capacity</c> items, until half of them are taken.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled while the queue was full.</exception>
        [MethodImpl(HotPath.Optimized)]
        public void Add(T item, CancellationToken cancellationToken)
        {
            _items.Enqueue(item);
            if (Interlocked.Increment(ref _count) >= _capacity)
            {
                _spaceAvailable.Reset();
                if (Volatile.Read(ref _count) >= _capacity)
                {
                    _itemsAvailable.Set();
                    _spaceAvailable.Wait(cancellationToken);
                }
            }

            _itemsAvailable.Set();
        }

        /// <summary>No item will follow: the consumer takes what is left, then <see cref="TryTake"/> returns false.</summary>
        public void Complete()
        {
            _completed = true;
            _itemsAvailable.Set();
        }

        /// <summary>Takes the next item, waiting for one; false once the queue is completed and empty.</summary>
        [MethodImpl(HotPath.Optimized)]
        public bool TryTake(out T item)
        {
            while (true)
            {
                if (_items.TryDequeue(out item!))
                {
                    if (Interlocked.Decrement(ref _count) == _capacity / 2)
                    {
                        _spaceAvailable.Set();
                    }

                    return true;
                }

                if (_completed)
                {
                    // The producer may have added its last items just before completing.
                    if (!_items.IsEmpty)
                    {
                        continue;
                    }

                    return false;
                }

                // Reset, look again, then wait: an item added after the look sets the event after the reset.
                _itemsAvailable.Reset();
                if (_items.IsEmpty && !_completed)
                {
                    _itemsAvailable.Wait();
                }
            }
        }

        public void Dispose()
        {
            _itemsAvailable.Dispose();
            _spaceAvailable.Dispose();
        }
    }
}
