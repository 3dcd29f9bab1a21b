using System.Management.Automation;

namespace NvidiaInference.Commands
{
    /// <summary>Get-NvModel: lists the models a server serves (GET /v1/models), optionally filtered by id with wildcards.</summary>
    [Cmdlet(VerbsCommon.Get, "NvModel")]
    [OutputType(typeof(NimModel))]
    public sealed class GetNvModelCommand : NvCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();

        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string[]? Id { get; set; }

        public object GetDynamicParameters() => _connection;

        protected override void EndProcessing()
        {
            var pump = new CallPump(this);
            NimClient client = ServerCall.Open(this, _connection, pump);
            ServerCall.Run(this, _connection.BaseUri, () =>
            {
                var patterns = new System.Collections.Generic.List<WildcardPattern>();
                foreach (string id in Id ?? new[] { "*" })
                {
                    patterns.Add(new WildcardPattern(id, WildcardOptions.IgnoreCase));
                }

                foreach (NimModel model in pump.Run(() => client.GetModels(StopToken), "Get-NvModel"))
                {
                    if (patterns.Exists(pattern => pattern.IsMatch(model.Id)))
                    {
                        WriteObject(model);
                    }
                }
            }, pump);
        }
    }
}
