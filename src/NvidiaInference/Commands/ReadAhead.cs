using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Reads a stream of the core on a thread of its own while the pipeline thread writes what it already gave: the HTTP
    /// reads and the conversion overlap with PowerShell's output, instead of taking turns with it (docs/ARCHITECTURE.md,
    /// Threads and cancellation). The sequence stays what it was: the same items in the same order, a failure thrown
    /// on the pipeline thread after every item before it, at most <see cref="Capacity"/> items ahead, and no PowerShell
    /// call ever made off the pipeline thread (the reader only reads; verbose lines already go through the pump's queue).
    /// </summary>
    internal static class ReadAhead
    {
        /// <summary>How far the reader may run ahead of the pipeline, in items, before it waits.</summary>
        public const int Capacity = 4096;

        /// <summary>
        /// Enumerates <paramref name="open"/>'s sequence ahead on a dedicated thread. The token given to it is cancelled by
        /// <paramref name="cancellationToken"/> (Ctrl+C) and when the consumer stops early (a downstream Select-Object
        /// -First), so the reader never outlives the enumeration.
        /// </summary>
        public static IEnumerable<T> Read<T>(Func<CancellationToken, IEnumerable<T>> open, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var items = new BlockingCollection<T>(Capacity);
            ExceptionDispatchInfo? failure = null;
            Task reader = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        foreach (T item in open(stop.Token))
                        {
                            items.Add(item, stop.Token);
                        }
                    }
                    catch (Exception e)
                    {
                        failure = ExceptionDispatchInfo.Capture(e);
                    }
                    finally
                    {
                        items.CompleteAdding();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            try
            {
                // Not cancellable here: the reader ends the collection whatever stops it, and its failure says why.
                foreach (T item in items.GetConsumingEnumerable(CancellationToken.None))
                {
                    yield return item;
                }

                reader.Wait(CancellationToken.None);
                failure?.Throw();
            }
            finally
            {
                // The consumer stopped early or failed: the reader is cancelled and waited for, so nothing reads on.
                stop.Cancel();
                try
                {
                    reader.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The reader catches everything it throws; nothing is lost here.
                }
            }
        }
    }
}
