using System;
using System.Diagnostics;
using System.Management.Automation;

namespace NvidiaInference.Commands
{
    /// <summary>Write-Progress for a run of batches, once it has lasted over a second: how many inputs are done, of how many when known.</summary>
    internal sealed class BatchProgress
    {
        private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly string _unit;
        private readonly int _id = Math.Abs(Guid.NewGuid().GetHashCode() % 100000) + 1;
        private bool _shown;

        public BatchProgress(Cmdlet cmdlet, string activity, string unit)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _unit = unit;
        }

        /// <summary>Says that <paramref name="done"/> inputs are done (in <paramref name="batches"/> batches), out of <paramref name="total"/> when it is known.</summary>
        public void Report(int done, int batches, int? total)
        {
            if (_clock.Elapsed < ShowAfter)
            {
                return;
            }

            string status = total is int all ? $"{done} of {all} {_unit} ({batches} batch(es))" : $"{done} {_unit} ({batches} batch(es))";
            var record = new ProgressRecord(_id, _activity, status);
            if (total is int count && count > 0)
            {
                record.PercentComplete = Math.Min(100, done * 100 / count);
            }

            _cmdlet.WriteProgress(record);
            _shown = true;
        }

        /// <summary>Removes the progress bar, if it was shown.</summary>
        public void Complete()
        {
            if (_shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_id, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
