using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Http;
using NvidiaInference.Payload;

namespace NvidiaInference.Commands
{
    /// <summary>Invoke-NvCompletion: the legacy completions API (POST /v1/completions), plain or streamed.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NvCompletion", DefaultParameterSetName = ParametersSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CompletionResponse), typeof(CompletionStreamChunk))]
    public sealed class InvokeNvCompletionCommand : GenerationCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();
        private NimClient _client = null!;
        private CallPump _pump = null!;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParametersSet, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string Prompt { get; set; } = null!;

        public object GetDynamicParameters() => _connection;

        protected override System.Collections.IDictionary? PayloadHeaders => _connection.AdditionalHeader;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _pump = new CallPump(this);
            _client = ServerCall.Open(this, _connection, _pump);
        }

        protected override void ProcessRecord()
        {
            // Confirmed before anything is sent, the probes of -ExtensionPlacement Auto included.
            if (!ShouldProcess($"{_client.Settings.BaseUri} ({Model})", "Send a completion request"))
            {
                return;
            }

            ServerCall.Run(this, _client.Settings.BaseUri, () => ResolveAutoPlacement(_client.Settings, Model, _pump), _pump);
            NimPayload payload;
            var request = new CompletionRequest(Model, Prompt) { Sampling = BuildSampling(), JsonSchema = JsonSchema, Guided = BuildGuided(), Logprobs = Logprobs, Stream = Stream };
            try
            {
                payload = WithAdditions(NimPayloadBuilder.BuildCompletion(request, ExtensionPlacement));
            }
            catch (NimInvalidRequestException e)
            {
                WriteError(NimErrorRecords.InvalidRequest(e, Prompt));
                return;
            }

            ServerCall.Run(this, payload, () => CompletionCall.Write(this, _client, _pump, payload, StopToken), _pump);
        }
    }
}
