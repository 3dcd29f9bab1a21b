using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Reasoning;
using NvidiaInference.Responses;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// Turns the chunks of one chat stream into events (docs/responses.md, Streams): one Start, Progress events for the
    /// thinking, the answer's text and tool calls, one Complete with the stop reason, the last usage and any logprobs
    /// that came without text. Thinking arrives in its own field or inline in think tags (docs/reasoning.md, Streams).
    /// </summary>
    internal sealed class ChatStreamConverter
    {
        private readonly ChatReadOptions _options;
        private readonly ToolCallAccumulator _toolCalls = new ToolCallAccumulator();
        private readonly StringBuilder _content = new StringBuilder();
        private readonly StringBuilder _reasoning = new StringBuilder();
        private readonly ThinkTagSplitter? _thinkTags;
        private readonly List<(bool IsReasoning, string Text)> _pieces = new List<(bool IsReasoning, string Text)>();
        private readonly List<ToolCall> _finishedCalls = new List<ToolCall>();
        private readonly List<(ToolCallAccumulator.Slot, bool, string)> _fragments = new List<(ToolCallAccumulator.Slot, bool, string)>();
        private List<TokenLogprobs>? _logprobsWithoutText;
        private List<TokenLogprobs>? _allLogprobs;
        private string? _model;
        private string? _id;
        private string? _finishReason;
        private Usage? _usage;
        private bool _started;
        private bool _reasoningInField;

        public ChatStreamConverter(ChatReadOptions options)
        {
            _options = options;
            _thinkTags = options.RawContent ? null : new ThinkTagSplitter();
        }

        public bool Completed { get; private set; }

        /// <summary>Converts one chunk. An error object throws <see cref="NimStreamErrorException"/> carrying everything received so far.</summary>
        public void Process(JsonElement chunk, EventData payload, DecodeSink sink)
        {
            if (ServerErrorReader.IsErrorObject(chunk))
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

        /// <summary>True while the stream has not yet named its model, or its id: the fast path makes their strings only then.</summary>
        public bool NeedsModel => _model is null;

        /// <inheritdoc cref="NeedsModel"/>
        public bool NeedsId => _id is null;

        /// <summary>Converts one chunk the fast path read (<see cref="ChatChunkScanner"/>): the same steps as for a document.</summary>
        [MethodImpl(HotPath.Optimized)]
        public void Process(in ScannedChatChunk chunk, DecodeSink sink)
        {
            EnsureStarted(sink);
            _model ??= chunk.Model;
            _id ??= chunk.Id;
            if (chunk.HasChoice)
            {
                ApplyChoice(chunk.Reasoning, chunk.Content, default, null, chunk.FinishReason, sink);
            }
        }

        private void ProcessChoice(JsonElement choice, DecodeSink sink)
        {
            IReadOnlyList<TokenLogprobs>? logprobs = LogprobsReader.ReadChat(choice);
            string? reasoning = null;
            string? text = null;
            JsonElement toolCalls = default;
            if (choice.TryGet("delta"u8, out JsonElement delta))
            {
                reasoning = ReasoningFields.Read(delta);
                text = delta.TryGet("content"u8, out JsonElement content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
                if (delta.TryGet("tool_calls"u8, out JsonElement calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    toolCalls = calls;
                }
            }

            ApplyChoice(reasoning, text, toolCalls, logprobs, choice.GetStringOrNull("finish_reason"u8), sink);
        }

        /// <summary>What one choice of a chunk says, however it was read: thinking, text, tool-call fragments (an array or default), logprobs, finish reason.</summary>
        [MethodImpl(HotPath.Optimized)]
        private void ApplyChoice(string? reasoning, string? text, JsonElement toolCalls, IReadOnlyList<TokenLogprobs>? logprobs, string? finishReason, DecodeSink sink)
        {
            if (logprobs is not null)
            {
                (_allLogprobs ??= new List<TokenLogprobs>()).AddRange(logprobs);
            }

            if (reasoning is not null)
            {
                _reasoningInField = true;
                Add(isReasoning: true, reasoning, ref logprobs, sink);
            }

            if (!string.IsNullOrEmpty(text))
            {
                if (_thinkTags is null || _thinkTags.PassesThrough)
                {
                    // No tags to look for, or the answer has begun: the text is answer as it is (what Feed would give).
                    Add(isReasoning: false, text!, ref logprobs, sink);
                }
                else
                {
                    _pieces.Clear();
                    _thinkTags.Feed(text!, _pieces);
                    AddPieces(ref logprobs, sink);
                }
            }

            if (toolCalls.ValueKind == JsonValueKind.Array)
            {
                _fragments.Clear();
                _toolCalls.Add(toolCalls, _fragments);
                if (_options.ToolCallProgress)
                {
                    foreach ((ToolCallAccumulator.Slot slot, bool isNew, string fragment) in _fragments)
                    {
                        ToolCallParseStatus status = isNew ? ToolCallParseStatus.Started : ToolCallParseStatus.InProgress;
                        sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Progress, ChatCompletionDelta.ForToolCall(slot.ToPartialCall(fragment), status, fragment)));
                    }
                }
            }

            if (logprobs is not null)
            {
                // Logprobs of a step without text (vLLM's EOS step) go on the Complete event rather than being lost.
                (_logprobsWithoutText ??= new List<TokenLogprobs>()).AddRange(logprobs);
            }

            if (finishReason is not null)
            {
                _finishReason = finishReason;
                FlushToolCalls(sink);
            }
        }

        /// <summary>
        /// The pieces the think-tag splitter gave: the thinking in tags is dropped once the server has sent thinking in
        /// a field of its own (it then sends the same thinking twice: llama.cpp's deepseek-legacy), so it counts once.
        /// </summary>
        [MethodImpl(HotPath.Optimized)]
        private void AddPieces(ref IReadOnlyList<TokenLogprobs>? logprobs, DecodeSink sink)
        {
            foreach ((bool isReasoning, string piece) in _pieces)
            {
                if (!(isReasoning && _reasoningInField))
                {
                    Add(isReasoning, piece, ref logprobs, sink);
                }
            }
        }

        /// <summary>One Progress event for a piece of the answer or of the thinking; the chunk's logprobs ride on the first.</summary>
        [MethodImpl(HotPath.Optimized)]
        private void Add(bool isReasoning, string text, ref IReadOnlyList<TokenLogprobs>? logprobs, DecodeSink sink)
        {
            (isReasoning ? _reasoning : _content).Append(text);
            ChatCompletionDelta delta = isReasoning ? ChatCompletionDelta.ForReasoning(text) : ChatCompletionDelta.ForText(text);
            sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Progress, delta, null, logprobs));
            logprobs = null;
        }

        /// <summary>Ends the stream at [DONE] or at the end of the input.</summary>
        /// <exception cref="NimStreamTruncatedException">The input ended with neither [DONE] nor a finish reason.</exception>
        public void Complete(bool sawDone, DecodeSink sink)
        {
            if (Completed)
            {
                return;
            }

            if (!sawDone && _finishReason is null)
            {
                Completed = true;
                KeepHeldBackText();
                throw new NimStreamTruncatedException(_content.ToString(), _toolCalls.Snapshot(), _reasoning.ToString());
            }

            EnsureStarted(sink);
            if (_thinkTags is not null)
            {
                // Text held back because it might have been the start of a tag is what it is now that the answer ended.
                _pieces.Clear();
                _thinkTags.Flush(_pieces);
                IReadOnlyList<TokenLogprobs>? none = null;
                AddPieces(ref none, sink);
            }

            FlushToolCalls(sink);
            string? reasoning = _reasoning.ToString();
            string content = _content.ToString();
            if (_thinkTags is not null)
            {
                (reasoning, content) = ThinkTagSplitter.Finish(content, reasoning, _thinkTags.Opened);
            }

            // [DONE] without any finish_reason: no stop reason is invented.
            StopReason? stopReason = _finishReason is null ? (StopReason?)null : StopReasons.FromFinishReason(_finishReason);
            var response = new ChatCompletionResponse(content, stopReason, _finishedCalls.ToArray(), _allLogprobs, _usage, _model, _id, reasoning);
            sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Complete, ChatCompletionDelta.ForText(string.Empty), stopReason, _logprobsWithoutText, _usage) { Response = response });
            Completed = true;
        }

        private NimStreamErrorException Fail(JsonElement chunk, string payload) =>
            Fail(ServerErrorReader.TryRead(chunk, out ServerError? read) && read is not null ? read : new ServerError(payload, null, null, null), payload);

        /// <summary>Ends the stream with the server's error, carrying the text, thinking and tool calls received so far.</summary>
        public NimStreamErrorException Fail(ServerError error, string payload)
        {
            Completed = true;
            KeepHeldBackText();
            var calls = new List<ToolCall>(_finishedCalls);
            calls.AddRange(_toolCalls.Snapshot());
            return new NimStreamErrorException(error, payload, _content.ToString(), calls, _reasoning.ToString());
        }

        /// <summary>A failed stream keeps the text held back for a possible tag too: nothing received is lost.</summary>
        private void KeepHeldBackText()
        {
            if (_thinkTags is null)
            {
                return;
            }

            _pieces.Clear();
            _thinkTags.Flush(_pieces);
            foreach ((bool isReasoning, string piece) in _pieces)
            {
                if (!(isReasoning && _reasoningInField))
                {
                    (isReasoning ? _reasoning : _content).Append(piece);
                }
            }
        }

        private void EnsureStarted(DecodeSink sink)
        {
            if (!_started)
            {
                _started = true;
                sink.Add(new ChatCompletionEvent(ChatCompletionEventType.Start, ChatCompletionDelta.ForText(string.Empty)));
            }
        }

        private void FlushToolCalls(DecodeSink sink)
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
