using System.Management.Automation;

namespace NvidiaInference.BenchCmdlets
{
    /// <summary>Copy-BenchItem: writes each input unchanged; the floor of a compiled cmdlet in the pipeline.</summary>
    [Cmdlet(VerbsCommon.Copy, "BenchItem")]
    public sealed class CopyBenchItemCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        protected override void ProcessRecord() => WriteObject(InputObject);
    }
}
