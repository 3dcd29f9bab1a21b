using System.Management.Automation;

namespace NvidiaInference.BenchCmdlets
{
    /// <summary>Write-BenchItem: writes -Count small objects as fast as it can; the floor of any cmdlet that writes that many.</summary>
    [Cmdlet(VerbsCommunications.Write, "BenchItem")]
    public sealed class WriteBenchItemCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public int Count { get; set; }

        protected override void EndProcessing()
        {
            for (int i = 0; i < Count; i++)
            {
                WriteObject(new BenchArrival(i, 0, 0));
            }
        }
    }
}
