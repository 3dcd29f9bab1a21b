using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NvidiaInference.Streaming
{
    /// <summary>
    /// The results of one server-sent-event byte stream, read as they are enumerated (<see cref="NimStreamReader.Read(Stream, NimChunkDecoder, CancellationToken)"/>):
    /// the bytes go through <see cref="SseReader"/> into the decoder, and each result is handed out as soon as its event
    /// is decoded. Reading stops at [DONE]; a failure is thrown after every result before it.
    /// </summary>
    internal sealed class DecodedStream : SingleUseSequence<object>
    {
        private readonly Stream _stream;
        private readonly NimChunkDecoder _decoder;
        private readonly SseReader _sse;
        private readonly CancellationToken _cancellationToken;
        private readonly DecodeSink _sink = new DecodeSink();
        private int _next;
        private bool _sawEvent;
        private bool _ended;
        private bool _finished;

        public DecodedStream(Stream stream, NimChunkDecoder decoder, CancellationToken cancellationToken)
        {
            _stream = stream;
            _decoder = decoder;
            _cancellationToken = cancellationToken;
            _sse = new SseReader(decoder.MaxEventSize);
        }

        [MethodImpl(HotPath.Optimized)]
        public override bool MoveNext()
        {
            while (true)
            {
                if (_next < _sink.Count)
                {
                    DecodedItem item = _sink[_next++];
                    // A byte stream ends at its first failure: it is thrown here, after every result before it.
                    if (item.Failure is Exception failure)
                    {
                        _finished = true;
                        _sink.Clear();
                        _next = 0;
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    Current = item.Result!;
                    return true;
                }

                _sink.Clear();
                _next = 0;
                if (_finished || _decoder.SawDone)
                {
                    return false;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    Decode();
                }
                catch
                {
                    // A failure ends the stream: a later MoveNext does not read on.
                    _finished = true;
                    throw;
                }
            }
        }

        /// <summary>Reads and decodes until the sink holds something, or the stream is finished.</summary>
        [MethodImpl(HotPath.Optimized)]
        private void Decode()
        {
            // [DONE] ends the reading even when it gave nothing (a text completion stream's end adds no result).
            while (_sink.Count == 0 && !_finished && !_decoder.SawDone)
            {
                switch (_sse.Read())
                {
                    case SseRecord.Event:
                        var data = new EventData(_sse.Data);
                        _sawEvent |= !data.IsBlank;
                        _decoder.AcceptData(_sse.EventType, data, _sink);
                        break;
                    case SseRecord.TooLarge:
                        throw _decoder.EventTooLarge();
                    case SseRecord.UnknownLine:
                        // SSE ignores a field it does not know.
                        break;
                    default:
                        if (!_ended)
                        {
                            if (_sse.ReadFrom(_stream) == 0)
                            {
                                _sse.Complete();
                                _ended = true;
                            }

                            break;
                        }

                        _finished = true;
                        if (!_sawEvent)
                        {
                            // A body with no event at all is no answer, not an empty success.
                            throw new NimStreamTruncatedException(string.Empty, Array.Empty<ToolCall>());
                        }

                        _decoder.End(_sink);
                        break;
                }
            }
        }
    }
}
