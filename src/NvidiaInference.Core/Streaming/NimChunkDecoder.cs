using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using NvidiaInference.Json;
using NvidiaInference.Responses;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// Turns what a server streams, or a saved transcript, into result objects, one input at a time: SSE lines, whole
    /// SSE text blocks, bare chunk JSON, [DONE]. Chat chunks give <see cref="ChatCompletionEvent"/>s (Start first,
    /// Complete last, at [DONE] or <see cref="End()"/>); a chat.completion gives a <see cref="ChatCompletionResponse"/>;
    /// text_completion data gives <see cref="CompletionStreamChunk"/>s inside SSE and a <see cref="CompletionResponse"/>
    /// as bare JSON. After [DONE], a new chunk starts a new stream, so transcripts can be concatenated.
    /// </summary>
    /// <remarks>
    /// Outcomes come back in order, as <see cref="DecodedItem"/>s: results, and failures marked as failures at the point
    /// they happened (a <see cref="NimProtocolException"/> for data that is not JSON or not a chunk, after which decoding
    /// goes on; a <see cref="NimStreamException"/> for an error inside the stream or a truncated stream, which ends that
    /// stream).
    /// </remarks>
    public sealed class NimChunkDecoder
    {
        /// <summary>The largest event accepted unless a decoder is given another limit: 16 MiB.</summary>
        public const int DefaultMaxEventSize = 16 * 1024 * 1024;

        private static readonly ServerError Abandoned = new ServerError("The stream was abandoned part-way.", null, null, null);
        private readonly ChatReadOptions _options;
        private readonly SseReader _sse;
        private ChatStreamConverter? _chat;
        private CompletionStreamConverter? _completion;

        /// <summary>Creates a decoder that accepts events of up to <see cref="DefaultMaxEventSize"/>.</summary>
        /// <param name="toolCallProgress">Also give Started and InProgress events for each streamed tool-call fragment.</param>
        public NimChunkDecoder(bool toolCallProgress = false)
            : this(toolCallProgress, DefaultMaxEventSize)
        {
        }

        /// <summary>Creates a decoder.</summary>
        /// <param name="toolCallProgress">Also give Started and InProgress events for each streamed tool-call fragment.</param>
        /// <param name="maxEventSize">The largest line, event or JSON document accepted: in bytes of UTF-8 (text is measured as its UTF-8).</param>
        public NimChunkDecoder(bool toolCallProgress, int maxEventSize)
            : this(new ChatReadOptions(toolCallProgress), maxEventSize)
        {
        }

        /// <summary>Creates a decoder.</summary>
        /// <param name="options">How chat answers are read: tool-call fragments, think tags.</param>
        /// <param name="maxEventSize">The largest line, event or JSON document accepted: in bytes of UTF-8 (text is measured as its UTF-8).</param>
        public NimChunkDecoder(ChatReadOptions options, int maxEventSize)
        {
            if (maxEventSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxEventSize), maxEventSize, "The largest event must be at least one byte.");
            }

            _options = options ?? throw new ArgumentNullException(nameof(options));
            MaxEventSize = maxEventSize;
            _sse = new SseReader(maxEventSize);
        }

        /// <summary>
        /// The largest line, event (its lines together) or JSON document accepted. A larger one is not decoded: it gives a
        /// <see cref="NimEventTooLargeException"/> that ends the open stream, carrying what that stream had received.
        /// </summary>
        public int MaxEventSize { get; }

        /// <summary>True once [DONE] has ended the current stream.</summary>
        public bool SawDone { get; private set; }

        /// <summary>Accepts one pipeline item of text: an SSE line, a block of SSE lines, a JSON document, or [DONE].</summary>
        public IReadOnlyList<DecodedItem> AcceptText(string text)
        {
            var sink = new DecodeSink();
            AcceptText(text ?? string.Empty, sink);
            return sink.ToList();
        }

        /// <summary>Ends the input: a pending event is dispatched and an open stream is completed (or reported truncated).</summary>
        public IReadOnlyList<DecodedItem> End()
        {
            var sink = new DecodeSink();
            End(sink);
            return sink.ToList();
        }

        internal void AcceptText(string text, DecodeSink sink)
        {
            // Each item may start with a byte order mark (a file's first line, or files read one after another).
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            string trimmed = text.Trim();
            if (!_sse.HasPendingEvent && trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                if (Encoding.UTF8.GetByteCount(trimmed) > MaxEventSize)
                {
                    sink.Fail(EventTooLarge());
                    return;
                }

                AcceptJson(new EventData(trimmed), fromSse: false, sink);
                return;
            }

            if (!_sse.HasPendingEvent && trimmed == "[DONE]")
            {
                AcceptData("message", trimmed, sink);
                return;
            }

            // A large block (Get-Content -Raw of a long transcript) is handed over in parts, read as each arrives: the
            // reader never holds the whole block as UTF-8.
            int start = 0;
            do
            {
                int count = Math.Min(TextPart, text.Length - start);
                if (start + count < text.Length && char.IsHighSurrogate(text[start + count - 1]))
                {
                    count--;
                }

                _sse.AppendText(text, start, count, endsItem: start + count == text.Length);
                ReadEvents(sink);
                start += count;
            }
            while (start < text.Length);
        }

        /// <summary>The characters of piped text handed to the SSE reader at a time.</summary>
        private const int TextPart = 16 * 1024;

        internal void End(DecodeSink sink)
        {
            _sse.Complete();
            ReadEvents(sink);
            EndStreams(sawDone: false, sink);
        }

        /// <summary>Decodes every event the SSE reader can give from what it has been handed.</summary>
        [MethodImpl(HotPath.Optimized)]
        private void ReadEvents(DecodeSink sink)
        {
            while (true)
            {
                switch (_sse.Read())
                {
                    case SseRecord.Event:
                        AcceptData(_sse.EventType, new EventData(_sse.Data), sink);
                        break;
                    case SseRecord.UnknownLine:
                        // SSE ignores unknown fields, but a pipeline line that is neither SSE nor JSON is a mistake worth reporting.
                        sink.Fail(new NimProtocolException("The line is neither a server-sent-event line (data:, event:, id:, retry:, a comment or a blank line) nor JSON.", _sse.LineText));
                        break;
                    case SseRecord.TooLarge:
                        // Neither the line nor the rest of its event is decoded: the event resumes nowhere.
                        sink.Fail(EventTooLarge());
                        break;
                    default:
                        return;
                }
            }
        }

        /// <summary>Accepts the data of one dispatched SSE event.</summary>
        internal void AcceptData(string eventType, string data, DecodeSink sink) => AcceptData(eventType, new EventData(data), sink);

        /// <summary>Accepts the data of one dispatched SSE event, as text or as the UTF-8 bytes of a byte stream.</summary>
        [MethodImpl(HotPath.Optimized)]
        internal void AcceptData(string eventType, EventData data, DecodeSink sink)
        {
            if (data.IsBlank)
            {
                return;
            }

            if (data.IsDone)
            {
                if (!SawDone && _chat is null && _completion is null)
                {
                    // A stream with no chunk at all still gives Start and Complete (docs/responses.md, Streams).
                    _chat = new ChatStreamConverter(_options);
                }

                SawDone = true;
                EndStreams(sawDone: true, sink);
                return;
            }

            SawDone = false;
            if (eventType == "error")
            {
                // An error event ends the stream whatever its data is: JSON of any shape, or plain text.
                AcceptErrorEvent(data.ToString(), sink);
                return;
            }

            AcceptJson(data, fromSse: true, sink);
        }

        /// <summary>
        /// Ends the open stream because its next event is too large, and returns the failure carrying what the stream had
        /// received: its text and its tool calls, finished or still arriving.
        /// </summary>
        internal NimEventTooLargeException EventTooLarge()
        {
            (string content, IReadOnlyList<ToolCall> toolCalls, string? reasoning) = Abandon();
            return new NimEventTooLargeException(MaxEventSize, content, toolCalls, reasoning);
        }

        /// <summary>
        /// Ends the open stream where it is (its input broke off) and returns what it had received: its text and its
        /// tool calls, finished or still arriving (their arguments may be incomplete), and its thinking.
        /// </summary>
        internal (string Content, IReadOnlyList<ToolCall> ToolCalls, string? Reasoning) Abandon()
        {
            NimStreamErrorException? ended = null;
            if (_completion is not null && !_completion.Completed)
            {
                ended = _completion.Fail(Abandoned, string.Empty);
            }
            else if (_chat is not null && !_chat.Completed)
            {
                ended = _chat.Fail(Abandoned, string.Empty);
            }

            return ended is null ? (string.Empty, Array.Empty<ToolCall>(), null) : (ended.PartialContent, ended.PartialToolCalls, ended.PartialReasoning);
        }

        /// <summary>
        /// False to read every chunk with the document-based path: the differential tests compare it with the fast path
        /// (<see cref="ChatChunkScanner"/>), which must give the same events.
        /// </summary>
        internal bool UseFastPath { get; set; } = true;

        [MethodImpl(HotPath.Optimized)]
        private void AcceptJson(EventData json, bool fromSse, DecodeSink sink)
        {
            if (UseFastPath && json.IsUtf8 && TryAcceptCommonChatChunk(json, sink))
            {
                return;
            }

            JsonDocument document;
            try
            {
                document = json.ParseJson();
            }
            catch (JsonException e)
            {
                sink.Fail(new NimProtocolException("The data is not valid JSON (" + e.Message + ").", json.ToString(), e));
                return;
            }

            using (document)
            {
                Route(document.RootElement, json, fromSse, sink);
            }
        }

        /// <remarks><paramref name="json"/> becomes a string only where a result or failure quotes it.</remarks>
        private void Route(JsonElement root, EventData json, bool fromSse, DecodeSink sink)
        {
            try
            {
                if (root.ValueKind != JsonValueKind.Object)
                {
                    sink.Fail(new NimProtocolException($"The data is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a chunk or response object.", json.ToString()));
                    return;
                }

                if (ServerErrorReader.IsErrorObject(root))
                {
                    string text = json.ToString();
                    Fail(ServerErrorReader.TryRead(root, out ServerError? read) && read is not null ? read : new ServerError(text, null, null, null), text, sink);
                    return;
                }

                switch (ChunkClassifier.Classify(root, fromSse, completionStreamOpen: _completion is not null && !_completion.Completed))
                {
                    case ChunkKind.ChatChunk:
                        EndCompletionStream(sink);
                        if (_chat is null || _chat.Completed)
                        {
                            _chat = new ChatStreamConverter(_options);
                        }

                        _chat.Process(root, json, sink);
                        break;
                    case ChunkKind.CompletionChunk:
                        EndChatStream(sink);
                        if (_completion is null || _completion.Completed)
                        {
                            _completion = new CompletionStreamConverter();
                        }

                        _completion.Process(root, json, sink);
                        break;
                    case ChunkKind.ChatResponse:
                        sink.Add(ResponseConverter.ConvertChat(root, json.ToString(), _options));
                        break;
                    case ChunkKind.CompletionResponse:
                        sink.Add(ResponseConverter.ConvertCompletion(root, json.ToString()));
                        break;
                    default:
                        sink.Fail(new NimProtocolException("The data is not a chat completion chunk, a chat completion or a text completion.", json.ToString()));
                        break;
                }
            }
            catch (NimStreamException e)
            {
                sink.Fail(e);
            }
            catch (NimProtocolException e)
            {
                sink.Fail(e);
            }
        }

        /// <summary>A chat chunk of the common shapes, read in one pass; false leaves it to the document-based path.</summary>
        [MethodImpl(HotPath.Optimized)]
        private bool TryAcceptCommonChatChunk(EventData json, DecodeSink sink)
        {
            bool fresh = _chat is null || _chat.Completed;
            if (!ChatChunkScanner.TryScan(json.Utf8, fresh || _chat!.NeedsModel, fresh || _chat!.NeedsId, out ScannedChatChunk chunk))
            {
                return false;
            }

            // As Route does for a chat chunk.
            EndCompletionStream(sink);
            if (fresh)
            {
                _chat = new ChatStreamConverter(_options);
            }

            _chat!.Process(chunk, sink);
            return true;
        }

        private void AcceptErrorEvent(string data, DecodeSink sink)
        {
            ServerError? error = null;
            try
            {
                using JsonDocument document = JsonDocument.Parse(LoneSurrogateEscapes.Repair(data));
                if (ServerErrorReader.TryRead(document.RootElement, out ServerError? read))
                {
                    error = read;
                }
                else if (document.RootElement.ValueKind == JsonValueKind.String)
                {
                    error = new ServerError(document.RootElement.GetString()!, null, null, null);
                }
            }
            catch (JsonException)
            {
                // Plain text: the text is the message.
            }

            Fail(error ?? new ServerError(data.Trim(), null, null, null), data, sink);
        }

        /// <summary>Ends the open stream with the server's error, carrying what that stream had received.</summary>
        private void Fail(ServerError error, string json, DecodeSink sink)
        {
            if (_completion is not null && !_completion.Completed)
            {
                sink.Fail(_completion.Fail(error, json));
            }
            else if (_chat is not null && !_chat.Completed)
            {
                sink.Fail(_chat.Fail(error, json));
            }
            else
            {
                sink.Fail(new NimStreamErrorException(error, json, string.Empty, Array.Empty<ToolCall>()));
            }
        }

        private void EndStreams(bool sawDone, DecodeSink sink)
        {
            EndChatStream(sink, sawDone);
            EndCompletionStream(sink, sawDone);
        }

        private void EndChatStream(DecodeSink sink, bool sawDone = false)
        {
            if (_chat is null)
            {
                return;
            }

            try
            {
                _chat.Complete(sawDone, sink);
            }
            catch (NimStreamException e)
            {
                sink.Fail(e);
            }

            _chat = null;
        }

        private void EndCompletionStream(DecodeSink sink, bool sawDone = false)
        {
            if (_completion is null)
            {
                return;
            }

            try
            {
                _completion.Complete(sawDone);
            }
            catch (NimStreamException e)
            {
                sink.Fail(e);
            }

            _completion = null;
        }
    }
}
