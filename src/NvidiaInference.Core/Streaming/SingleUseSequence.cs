using System;
using System.Collections;
using System.Collections.Generic;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// A sequence that is its own enumerator and can be enumerated once: the shape of the module's streams, which read a
    /// response as they go. Written out rather than as iterator methods so that each stream's per-item
    /// <see cref="MoveNext"/> can be compiled optimized at once (<see cref="HotPath"/>): an iterator's cannot be marked.
    /// </summary>
    internal abstract class SingleUseSequence<T> : IEnumerable<T>, IEnumerator<T>
    {
        private bool _enumerated;

        public T Current { get; protected set; } = default!;

        object? IEnumerator.Current => Current;

        public IEnumerator<T> GetEnumerator()
        {
            if (_enumerated)
            {
                throw new InvalidOperationException("A stream can be read once.");
            }

            _enumerated = true;
            OnEnumerating();
            return this;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public abstract bool MoveNext();

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => Release();

        /// <summary>Releases what the stream holds (its response, its reader thread); called by <see cref="Dispose"/>.</summary>
        protected virtual void Release()
        {
        }

        /// <summary>Called once, when the enumeration starts (before the first <see cref="MoveNext"/>).</summary>
        protected virtual void OnEnumerating()
        {
        }
    }
}
