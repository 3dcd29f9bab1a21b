using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>
    /// Narrows the results of a stream of a known kind to that kind: a chat stream gives <see cref="ChatCompletionEvent"/>s,
    /// a text completion stream <see cref="CompletionStreamChunk"/>s. A whole answer of the same kind is given as the
    /// stream it stands for; a result of the other kind means the server answered something else than was asked.
    /// </summary>
    internal static class StreamResults
    {
        public static IEnumerable<ChatCompletionEvent> Chat(IEnumerable<object> results)
        {
            foreach (object result in results)
            {
                switch (result)
                {
                    case ChatCompletionEvent chatEvent:
                        yield return chatEvent;
                        break;
                    case ChatCompletionResponse whole:
                        foreach (ChatCompletionEvent chatEvent in WholeAnswerEvents.Chat(whole))
                        {
                            yield return chatEvent;
                        }

                        break;
                    default:
                        throw Unexpected("a chat completion", result);
                }
            }
        }

        public static IEnumerable<CompletionStreamChunk> Completion(IEnumerable<object> results)
        {
            foreach (object result in results)
            {
                switch (result)
                {
                    case CompletionStreamChunk chunk:
                        yield return chunk;
                        break;
                    case CompletionResponse whole:
                        foreach (CompletionStreamChunk chunk in WholeAnswerEvents.Completion(whole))
                        {
                            yield return chunk;
                        }

                        break;
                    default:
                        throw Unexpected("a text completion", result);
                }
            }
        }

        private static NimProtocolException Unexpected(string asked, object result) =>
            new NimProtocolException($"The server was asked for {asked} but answered with {Describe(result)}.", null);

        private static string Describe(object result) => result switch
        {
            ChatCompletionEvent or ChatCompletionResponse => "a chat completion",
            CompletionStreamChunk or CompletionResponse => "a text completion",
            _ => result.GetType().Name,
        };
    }
}
