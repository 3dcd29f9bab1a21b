using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// Narrows the results of a stream of a known kind to that kind: a chat stream gives <see cref="ChatCompletionEvent"/>s,
    /// a text completion stream <see cref="CompletionStreamChunk"/>s. A whole answer of the same kind is given as the
    /// stream it stands for; a result of the other kind means the server answered something else than was asked.
    /// </summary>
    internal static class StreamResults
    {
        public static IEnumerable<ChatCompletionEvent> Chat(IEnumerable<object> results) =>
            Narrow<ChatCompletionEvent, ChatCompletionResponse>(results, WholeAnswerEvents.Chat, "a chat completion");

        public static IEnumerable<CompletionStreamChunk> Completion(IEnumerable<object> results) =>
            Narrow<CompletionStreamChunk, CompletionResponse>(results, WholeAnswerEvents.Completion, "a text completion");

        private static IEnumerable<TEvent> Narrow<TEvent, TWhole>(IEnumerable<object> results, Func<TWhole, IEnumerable<TEvent>> asStream, string asked)
            where TEvent : class
            where TWhole : class =>
            new Narrowed<TEvent, TWhole>(results, asStream, asked);

        /// <summary>The narrowed sequence.</summary>
        private sealed class Narrowed<TEvent, TWhole> : SingleUseSequence<TEvent>
            where TEvent : class
            where TWhole : class
        {
            private readonly IEnumerable<object> _results;
            private readonly Func<TWhole, IEnumerable<TEvent>> _asStream;
            private readonly string _asked;
            private IEnumerator<object>? _source;
            private IEnumerator<TEvent>? _whole;

            public Narrowed(IEnumerable<object> results, Func<TWhole, IEnumerable<TEvent>> asStream, string asked)
            {
                _results = results;
                _asStream = asStream;
                _asked = asked;
            }

            protected override void OnEnumerating() => _source = _results.GetEnumerator();

            [MethodImpl(HotPath.Optimized)]
            public override bool MoveNext()
            {
                while (true)
                {
                    if (_whole is not null)
                    {
                        if (_whole.MoveNext())
                        {
                            Current = _whole.Current;
                            return true;
                        }

                        _whole.Dispose();
                        _whole = null;
                    }

                    if (!_source!.MoveNext())
                    {
                        return false;
                    }

                    switch (_source.Current)
                    {
                        case TEvent item:
                            Current = item;
                            return true;
                        case TWhole whole:
                            _whole = _asStream(whole).GetEnumerator();
                            break;
                        default:
                            throw new NimProtocolException($"The server was asked for {_asked} but answered with {Describe(_source.Current)}.", null);
                    }
                }
            }

            protected override void Release()
            {
                _whole?.Dispose();
                _source?.Dispose();
            }
        }

        private static string Describe(object result) => result switch
        {
            ChatCompletionEvent or ChatCompletionResponse => "a chat completion",
            CompletionStreamChunk or CompletionResponse => "a text completion",
            _ => result.GetType().Name,
        };
    }
}
