using System.Collections.Generic;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// A whole answer written as the stream it stands for, for a server that answers a streaming request with one JSON
    /// document: a typed stream then still gives the events (or chunks) its caller reads (docs/responses.md).
    /// </summary>
    internal static class WholeAnswerEvents
    {
        /// <summary>Start; the thinking, the text and each tool call as Progress events; Complete with the response.</summary>
        public static IEnumerable<ChatCompletionEvent> Chat(ChatCompletionResponse response)
        {
            yield return new ChatCompletionEvent(ChatCompletionEventType.Start, ChatCompletionDelta.ForText(string.Empty));
            if (response.Reasoning is string reasoning)
            {
                yield return new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForReasoning(reasoning));
            }

            if (response.Content.Length > 0)
            {
                yield return new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForText(response.Content), null, response.Logprobs);
            }

            foreach (ToolCall call in response.ToolCalls)
            {
                yield return new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForToolCall(call, call.ParseStatus, call.ArgumentsJson));
            }

            yield return new ChatCompletionEvent(ChatCompletionEventType.Complete, ChatCompletionDelta.ForText(string.Empty), response.StopReason,
                response.Content.Length > 0 ? null : response.Logprobs, response.Usage)
            { Response = response };
        }

        /// <summary>One chunk with the whole text, the stop reason and the usage.</summary>
        public static IEnumerable<CompletionStreamChunk> Completion(CompletionResponse response)
        {
            yield return new CompletionStreamChunk(response.Content, response.StopReason, response.Logprobs, response.Usage);
        }
    }
}
