using System.Linq;
using System.Management.Automation;
using NvidiaInference.Http;

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
            ServerCall.Run(this, client.Settings.BaseUri, () =>
            {
                string[] ids = Id ?? new[] { "*" };
                var patterns = ids.Select(id => new WildcardPattern(id, WildcardOptions.IgnoreCase)).ToArray();
                var matched = new bool[ids.Length];
                foreach (NimModel model in pump.Run(() => client.GetModels(StopToken), "Get-NvModel"))
                {
                    bool any = false;
                    for (int i = 0; i < patterns.Length; i++)
                    {
                        if (patterns[i].IsMatch(model.Id))
                        {
                            matched[i] = any = true;
                        }
                    }

                    if (any)
                    {
                        WriteObject(model);
                    }
                }

                // As Get-* commands do: a name without wildcards that matches nothing is an error; a pattern is not.
                for (int i = 0; i < ids.Length; i++)
                {
                    if (!matched[i] && !WildcardPattern.ContainsWildcardCharacters(ids[i]))
                    {
                        WriteError(Errors.NimErrorRecords.ModelNotFound(ids[i], client.Settings.BaseUri));
                    }
                }
            }, pump);
        }
    }
}
