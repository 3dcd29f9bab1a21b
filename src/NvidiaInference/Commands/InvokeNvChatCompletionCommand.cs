using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using NvidiaInference.Http;
using NvidiaInference.Streaming;
using NvidiaInference.Tools;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Invoke-NvChatCompletion: sends a chat request; with -Stream writes each event the moment it arrives. With
    /// -ToolHandler it runs the tool loop: declared tools only, each call confirmed through ShouldProcess, the results
    /// sent back, until the model answers without tools or -MaxToolRounds is reached.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NvChatCompletion", DefaultParameterSetName = RequestSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ChatCompletionResponse), typeof(ChatCompletionEvent), typeof(CompletionResponse), typeof(CompletionStreamChunk), typeof(string))]
    public sealed class InvokeNvChatCompletionCommand : ChatRequestCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();
        private NimClient _client = null!;
        private CallPump _pump = null!;
        private OrderedBatch<ChatCompletionResponse>? _batch;

        [Parameter]
        public SwitchParameter ToolCallProgress { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Hashtable? ToolHandler { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxToolRounds { get; set; } = 5;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 1;

        [Parameter]
        public SwitchParameter RawOutput { get; set; }

        [Parameter]
        public SwitchParameter RawContent { get; set; }

        private ChatReadOptions ReadOptions => new ChatReadOptions(ToolCallProgress, RawContent);

        public object GetDynamicParameters() => _connection;

        protected override System.Collections.IDictionary? PayloadHeaders => _connection.AdditionalHeader;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ThrottleLimit > 1 && (Stream || ToolHandler is not null))
            {
                ThrottleTerminatingError();
            }

            if (RawOutput && (ToolHandler is not null || ThrottleLimit > 1))
            {
                ThrowTerminatingError(Errors.NimErrorRecords.ConflictingParameters(
                    "-RawOutput writes the server's raw stream lines, so it cannot be combined with -ToolHandler or -ThrottleLimit, which need the answer converted.", RawOutput));
            }

            _pump = new CallPump(this);
            _client = ServerCall.Open(this, _connection, _pump);
            if (ThrottleLimit > 1)
            {
                _batch = new OrderedBatch<ChatCompletionResponse>(this, _pump, ThrottleLimit, "Invoke-NvChatCompletion");
            }
        }

        protected override void EndProcessing() => _batch?.CompleteAll();

        private void ThrottleTerminatingError() =>
            ThrowTerminatingError(Errors.NimErrorRecords.ConflictingParameters(
                "-ThrottleLimit runs whole requests concurrently, so it cannot be combined with -Stream or -ToolHandler, whose output must stay in order on the pipeline.", ThrottleLimit));

        protected override void ProcessRecord()
        {
            // -Stream, or a request document that asks for a stream: known only once the document is bound.
            bool streamed = ParameterSetName == ParametersSet ? Stream.IsPresent : Request.Chat?.Stream ?? Request.Completion!.Stream;
            if (RawOutput && !streamed)
            {
                ThrowTerminatingError(Errors.NimErrorRecords.ConflictingParameters("-RawOutput needs -Stream: it writes the lines of a streamed answer.", RawOutput));
            }

            // Confirmed before anything is sent, the probes of -ExtensionPlacement Auto included.
            if (!ShouldProcess($"{_client.Settings.BaseUri} ({CurrentModel})", "Send a chat request"))
            {
                return;
            }

            ServerCall.Run(this, _client.Settings.BaseUri, () => ResolveAutoPlacement(_client.Settings, CurrentModel, _pump), _pump);
            if (BuildPayload(out ChatCompletionRequest? request) is not NimPayload payload)
            {
                return;
            }

            if (RawOutput)
            {
                ServerCall.Run(this, payload, () => WriteRawLines(payload), _pump);
                return;
            }

            if (_batch is not null && request is not null && !payload.Stream)
            {
                IReadOnlyList<Message> history = request.Messages.ToArray();
                ChatReadOptions options = ReadOptions;
                _batch.Add(() => _client.CompleteChat(payload, options, StopToken), payload, response =>
                {
                    Finish(response, history);
                    WriteFinal(response);
                });
                return;
            }

            ServerCall.Run(this, payload, () =>
            {
                if (request is null)
                {
                    CompletionCall.Write(this, _client, _pump, payload, StopToken);
                }
                else if (ToolHandler is null)
                {
                    WriteFinal(Send(payload, request.Messages.ToArray()));
                }
                else
                {
                    RunToolLoop(request);
                }
            }, _pump);
        }

        /// <summary>-RawOutput: the server's stream lines as they arrive, to save (Set-Content) and replay later (ConvertFrom-NvChunk).</summary>
        private void WriteRawLines(NimPayload payload)
        {
            foreach (string line in _client.StreamLines(payload, StopToken))
            {
                _pump.Drain();
                WriteObject(line);
            }
        }

        /// <summary>Sends one chat request; streamed events are written as they arrive. Returns the whole answer.</summary>
        // The loop below runs once per streamed event: compiled optimized at once (HotPath).
        [MethodImpl(HotPath.Optimized)]
        private ChatCompletionResponse? Send(NimPayload payload, IReadOnlyList<Message> history)
        {
            if (!payload.Stream)
            {
                ChatCompletionResponse response = _pump.Run(() => _client.CompleteChat(payload, ReadOptions, StopToken), "Invoke-NvChatCompletion");
                Finish(response, history);
                return response;
            }

            ChatCompletionResponse? assembled = null;
            ChatReadOptions options = ReadOptions;
            foreach (ChatCompletionEvent result in new ReadAhead<ChatCompletionEvent>(token => _client.StreamChat(payload, options, token), StopToken))
            {
                _pump.Drain();
                ToolCallWarnings.Write(this, result);
                ReasoningWarnings.Write(this, result);
                if (result is { Response: ChatCompletionResponse streamed })
                {
                    Finish(streamed, history);
                    assembled = streamed;
                }

                WriteObject(result);
            }

            _pump.Drain();
            return assembled;
        }

        private void Finish(ChatCompletionResponse response, IReadOnlyList<Message> history)
        {
            response.SetHistory(history);
            if (ParameterSetName == RequestSet ? Request.Chat?.JsonSchema is not null : JsonSchema is not null)
            {
                StructuredContent.Attach(this, response);
            }
        }

        /// <summary>A streamed answer was written event by event; a whole one is written now.</summary>
        private void WriteFinal(ChatCompletionResponse? response)
        {
            if (response is not null && !Stream && !(ParameterSetName == RequestSet && Request.Chat!.Stream))
            {
                ToolCallWarnings.Write(this, response);
                ReasoningWarnings.Write(this, response);
                WriteObject(response);
            }
        }

        /// <summary>The tool loop of the core, sending each round as any other request and running tools through -ToolHandler.</summary>
        private void RunToolLoop(ChatCompletionRequest request)
        {
            var runner = new ToolRunner(this, ToolHandler!, request.Tools);
            // Every round's body gets -AdditionalBody and -AdditionalHeader, as the first one did.
            ToolLoopResult result = new ToolLoop((payload, history) => Send(WithAdditions(payload), history), runner.Run) { MaxRounds = MaxToolRounds, Placement = ExtensionPlacement }.Run(request);
            if (result.End == ToolLoopEnd.MaxRounds)
            {
                WriteWarning($"The model still asks for tools after {MaxToolRounds} round(s); stopping there (see -MaxToolRounds). The last response is returned with its tool calls.");
            }

            WriteFinal(result.Response);
        }
    }
}
