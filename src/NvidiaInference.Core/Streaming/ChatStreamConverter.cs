using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace NvidiaInference
{
    /// <summary>
    /// Turns the chunks of one chat stream into events (docs/responses.md, Streams): one Start, Progress events for text
    /// and tool calls, one Complete with the stop reason, the last usage and any logprobs that came without text.
    /// </summary>
    internal sealed class ChatStreamConverter
    {
        private readonly bool _toolCallProgress;
        private readonly ToolCallAccumulator _toolCalls = new ToolCallAccumulator();
        private readonly StringBuilder _content = new StringBuilder();
        private readonly List<ToolCall> _finishedCalls = new List<ToolCall>();
        private readonly List<(ToolCallAccumulator.Slot, bool, string)> _fragments = new List<(ToolCallAccumulator.Slot, bool, string)>();
        private List<TokenLogprobs>? _logprobsWithoutText;
        private List<TokenLogprobs>? _allLogprobs;
        private string? _model;
        private string? _id;
        private string? _finishReason;
        private Usage? _usage;
        private bool _started;

        public ChatStreamConverter(bool toolCallProgress) => _toolCallProgress = toolCallProgress;

        public bool Completed { get; private set; }

        public bool SawFinishReason => _finishReason is not null;

        /// <summary>Converts one chunk. An error object throws <see cref="NimStreamErrorException"/> carrying everything received so far.</summary>
        public void Process(JsonElement chunk, EventData payload, bool isErrorEvent, List<object> sink)
        {
            if (isErrorEvent || ServerErrorReader.IsErrorObject(chunk))
            {
                throw Fail(chunk, payload.ToString());
            }

            if (!chunk.TryGet("choices"u8, out JsonElement choices) || choices.ValueKind != JsonValueKind.Array)
            {
                if (UsageReader.Read(chunk) is null)
                {
                    throw new NimProtocolException("The data is not a chat completion chunk: it has no choices list.", payload.ToString());
                }
            }

            EnsureStarted(sink);
            _model ??= chunk.GetStringOrNull("model"u8);
            _id ??= chunk.GetStringOrNull("id"u8);
            if (UsageReader.Read(chunk) is Usage usage)
            {
                _usage = usage;
            }

            if (choices.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (JsonElement choice in choices.EnumerateArray())
            {
                // Only the first choice is followed: requests are always sent with n = 1.
                if (choice.TryGet("index"u8, out JsonElement index) && !(index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out int number) && number == 0))
                {
                    continue;
                }

                ProcessChoice(choice, sink);
            }
        }

        private void ProcessChoice(JsonElement choice, List<object> sink)
        {
            IReadOnlyList<TokenLogprobs>? logprobs = LogprobsReader.ReadChat(choice);
            if (logprobs is not null)
            {
                (_allLogprobs ??= new List<TokenLogprobs>()).AddRange(logprobs);
            }

            if (choice.TryGet("delta"u8, out JsonElement delta))
            {
                string? text = delta.TryGet("content"u8, out JsonElement content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
                if (!string.IsNullOrEmpty(text))
                {
                    _content.Append(text);
                    sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForText(text!), null, logprobs));
                    logprobs = null;
                }

                if (delta.TryGet("tool_calls"u8, out JsonElement toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                {
                    _fragments.Clear();
                    _toolCalls.Add(toolCalls, _fragments);
                    if (_toolCallProgress)
                    {
                        foreach ((ToolCallAccumulator.Slot slot, bool isNew, string fragment) in _fragments)
                        {
                            ToolCallParseStatus status = isNew ? ToolCallParseStatus.Started : ToolCallParseStatus.InProgress;
                            sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForToolCall(slot.ToPartialCall(fragment), status, fragment)));
                        }
                    }
                }
            }

            if (logprobs is not null)
            {
                // Logprobs of a step without text (vLLM's EOS step) go on the Complete event rather than being lost.
                (_logprobsWithoutText ??= new List<TokenLogprobs>()).AddRange(logprobs);
            }

            if (choice.GetStringOrNull("finish_reason"u8) is string finishReason)
            {
                _finishReason = finishReason;
                FlushToolCalls(sink);
            }
        }

        /// <summary>Ends the stream at [DONE] or at the end of the input.</summary>
        /// <exception cref="NimStreamTruncatedException">The input ended with neither [DONE] nor a finish reason.</exception>
        public void Complete(bool sawDone, List<object> sink)
        {
            if (Completed)
            {
                return;
            }

            if (!sawDone && _finishReason is null)
            {
                Completed = true;
                throw new NimStreamTruncatedException(_content.ToString(), _toolCalls.Snapshot());
            }

            EnsureStarted(sink);
            FlushToolCalls(sink);
            StopReason stopReason = StopReasons.FromFinishReason(_finishReason);
            var response = new ChatCompletionResponse(_content.ToString(), stopReason, _finishedCalls.ToArray(), _allLogprobs, _usage, _model, _id);
            sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Complete, ChatCompletionDelta.ForText(string.Empty), stopReason, _logprobsWithoutText, _usage) { Response = response });
            Completed = true;
        }

        private NimStreamErrorException Fail(JsonElement chunk, string payload) =>
            Fail(ServerErrorReader.TryRead(chunk, out ServerError? read) && read is not null ? read : new ServerError(payload, null, null, null), payload);

        /// <summary>Ends the stream with the server's error, carrying the text and tool calls received so far.</summary>
        public NimStreamErrorException Fail(ServerError error, string payload)
        {
            Completed = true;
            var calls = new List<ToolCall>(_finishedCalls);
            calls.AddRange(_toolCalls.Snapshot());
            return new NimStreamErrorException(error, payload, _content.ToString(), calls);
        }

        private void EnsureStarted(List<object> sink)
        {
            if (!_started)
            {
                _started = true;
                sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Start, ChatCompletionDelta.ForText(string.Empty)));
            }
        }

        private void FlushToolCalls(List<object> sink)
        {
            if (!_toolCalls.HasCalls)
            {
                return;
            }

            foreach (ToolCall call in _toolCalls.Drain())
            {
                _finishedCalls.Add(call);
                sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForToolCall(call, call.ParseStatus, call.ArgumentsJson)));
            }
        }
    }
}
