using System;
using System.Collections.Generic;

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
        {
            foreach (object result in results)
            {
                switch (result)
                {
                    case TEvent item:
                        yield return item;
                        break;
                    case TWhole whole:
                        foreach (TEvent item in asStream(whole))
                        {
                            yield return item;
                        }

                        break;
                    default:
                        throw new NimProtocolException($"The server was asked for {asked} but answered with {Describe(result)}.", null);
                }
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
