using System.Management.Automation;
using NvidiaInference.Http;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Test-NvEndpoint: probes what a server can do with small, cheap requests, one result per capability, and the
    /// extension placement to use with it (which -ExtensionPlacement Auto then uses for the session).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "NvEndpoint")]
    [OutputType(typeof(EndpointCheck))]
    public sealed class TestNvEndpointCommand : NvCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string? Model { get; set; }

        [Parameter]
        public SwitchParameter Quick { get; set; }

        public object GetDynamicParameters() => _connection;

        protected override void EndProcessing()
        {
            var pump = new CallPump(this);
            ServerCall.Open(this, _connection, pump);
            NimConnectionSettings settings = _connection.ToSettings();
            var probe = new EndpointProbe(settings, StopToken) { Verbose = pump.Verbose };
            ServerCall.Run(this, settings.BaseUri, () =>
            {
                using var checks = probe.Run(Model, Quick).GetEnumerator();
                while (pump.Run(checks.MoveNext, "Test-NvEndpoint"))
                {
                    EndpointCheck check = checks.Current;
                    if (check.Capability == "RecommendedPlacement" && (Model ?? probe.Model) is string probed)
                    {
                        PlacementRecommendations.Record(settings.BaseUri, probed, check);
                    }

                    WriteObject(check);
                }
            }, pump);
        }
    }
}
