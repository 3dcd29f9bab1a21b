using System.Diagnostics;
using System.Management.Automation;

namespace NvidiaInference.BenchCmdlets
{
    /// <summary>
    /// Measure-BenchArrival: the end of a measured pipeline. Counts its input and notes when the first item and the
    /// end arrived, after -StartTimestamp ([Diagnostics.Stopwatch]::GetTimestamp() taken just before the pipeline). It keeps
    /// only the last item (a stream's Complete event, whose response tells how much text the answer held).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "BenchArrival")]
    [OutputType(typeof(BenchArrival))]
    public sealed class MeasureBenchArrivalCommand : PSCmdlet
    {
        private long _count;
        private long _first;
        private object? _last;

        [Parameter(Mandatory = true)]
        public long StartTimestamp { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (_count++ == 0)
            {
                _first = Stopwatch.GetTimestamp();
            }

            _last = InputObject;
        }

        protected override void EndProcessing()
        {
            long end = Stopwatch.GetTimestamp();
            WriteObject(new BenchArrival(_count, Stopwatch.GetElapsedTime(StartTimestamp, _first).TotalMilliseconds, Stopwatch.GetElapsedTime(StartTimestamp, end).TotalMilliseconds, _last));
        }
    }
}
