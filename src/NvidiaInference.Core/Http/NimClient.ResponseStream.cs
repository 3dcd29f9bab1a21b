using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using NvidiaInference.Streaming;

namespace NvidiaInference.Http
{
    public sealed partial class NimClient
    {
        /// <summary>
        /// The results of one streamed call, read as they are enumerated: the request is sent (and retried) when the
        /// enumeration starts, each result is handed out as soon as its event is decoded, and a failure in the middle
        /// (the connection dropped, a timeout) becomes a <see cref="NimStreamInterruptedException"/> carrying what had
        /// arrived. A server that answers with one JSON document gives the results that document stands for.
        /// </summary>
        /// <remarks>
        /// An enumerator written out rather than an iterator method, so that its per-event method can be compiled
        /// optimized at once (<see cref="HotPath"/>). It can be enumerated once.
        /// </remarks>
        private sealed class ResponseStream : SingleUseSequence<object>
        {
            private readonly NimClient _client;
            private readonly NimPayload _payload;
            private readonly ChatReadOptions _options;
            private readonly CancellationToken _cancellationToken;
            private CallDeadline? _deadline;
            private HttpResponseMessage? _response;
            private Stream? _body;
            private NimChunkDecoder? _decoder;
            private IEnumerator<object>? _results;
            private Stopwatch? _clock;
            private int _events;
            private bool _opened;

            public ResponseStream(NimClient client, NimPayload payload, ChatReadOptions options, CancellationToken cancellationToken)
            {
                _client = client;
                _payload = payload;
                _options = options;
                _cancellationToken = cancellationToken;
            }

            [MethodImpl(HotPath.Optimized)]
            public override bool MoveNext()
            {
                if (!_opened)
                {
                    _opened = true;
                    Open();
                }

                if (_results is null)
                {
                    return false;
                }

                try
                {
                    if (!_results.MoveNext())
                    {
                        _client.Verbose?.Invoke($"The stream ended after {_events} event(s) in {_clock!.ElapsedMilliseconds} ms.");
                        _results.Dispose();
                        _results = null;
                        return false;
                    }
                }
                catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (_body is not null && (e is IOException || e is HttpRequestException || e is NimTimeoutException || e is ObjectDisposedException || e is OperationCanceledException))
                {
                    Exception cause = e is OperationCanceledException ? _deadline!.Translate(e, "the next part of the stream", idleFired: false) : e;
                    (string content, IReadOnlyList<ToolCall> toolCalls, string? reasoning) = _decoder!.Abandon();
                    throw new NimStreamInterruptedException(cause, _events, content, toolCalls, reasoning);
                }

                _events++;
                Current = _results.Current;
                return true;
            }

            /// <summary>Sends the request and opens its answer: a stream of events, or one JSON document decoded at once.</summary>
            private void Open()
            {
                _deadline = new CallDeadline(_cancellationToken, _client._settings.Timeout, _client._settings.IdleTimeout);
                _response = _client._sender.Send(HttpMethod.Post, _payload.Path, _payload, _deadline, _client.Verbose, _client.Debug);
                _clock = Stopwatch.StartNew();
                _decoder = new NimChunkDecoder(_options, _client._settings.MaxEventSize);
                if (_response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    // The server answered the streaming request with one JSON document: convert it as a whole.
                    string json = _client.ReadWhole(_response, _deadline);
                    _client.Debug?.Invoke(json);
                    _results = WholeDocument(_decoder.AcceptText(json)).GetEnumerator();
                    return;
                }

                CallDeadline deadline = _deadline;
                HttpResponseMessage response = _response;
                Stream body = deadline.Wait(t => ResponseBody.WithCancellation(response.Content.ReadAsStreamAsync(), t), "the response body");
                _body = new IdleTimeoutStream(body, deadline);
                _results = NimStreamReader.Read(_body, _decoder, deadline.Token).GetEnumerator();
            }

            /// <summary>The outcomes of a whole JSON answer: its results, a failure thrown where it comes.</summary>
            private static IEnumerable<object> WholeDocument(IReadOnlyList<DecodedItem> items)
            {
                foreach (DecodedItem item in items)
                {
                    yield return item.Failure is Exception failure ? throw failure : item.Result!;
                }
            }

            protected override void Release()
            {
                _results?.Dispose();
                _body?.Dispose();
                _response?.Dispose();
                _deadline?.Dispose();
            }
        }
    }
}
