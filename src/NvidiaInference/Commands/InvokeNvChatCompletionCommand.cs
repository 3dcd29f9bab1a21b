using System.Management.Automation;

namespace NvidiaInference.Commands
{
    /// <summary>Invoke-NvChatCompletion: sends a chat request; with -Stream writes each event the moment it arrives.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NvChatCompletion", DefaultParameterSetName = RequestSet)]
    [OutputType(typeof(ChatCompletionResponse), typeof(ChatCompletionEvent), typeof(CompletionResponse), typeof(CompletionStreamChunk))]
    public sealed class InvokeNvChatCompletionCommand : ChatRequestCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();
        private NimClient _client = null!;

        [Parameter]
        public SwitchParameter ToolCallProgress { get; set; }

        public object GetDynamicParameters() => _connection;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _client = ServerCall.Open(this, _connection);
        }

        protected override void ProcessRecord()
        {
            if (BuildPayload() is not NimPayload payload)
            {
                return;
            }

            ServerCall.Run(this, payload, () =>
            {
                if (payload.Stream)
                {
                    foreach (object result in _client.Stream(payload, ToolCallProgress, StopToken))
                    {
                        ToolCallWarnings.Write(this, result);
                        WriteObject(result);
                    }
                }
                else if (payload.Path == NimPayloadBuilder.CompletionPath)
                {
                    WriteObject(_client.Complete(payload, StopToken));
                }
                else
                {
                    ChatCompletionResponse response = _client.CompleteChat(payload, StopToken);
                    ToolCallWarnings.Write(this, response);
                    WriteObject(response);
                }
            });
        }
    }
}
