using System;
using System.Management.Automation;
using System.Threading;

namespace NvidiaInference.Commands
{
    /// <summary>The base of every cmdlet: Ctrl+C (StopProcessing) cancels whatever the cmdlet is waiting for, at once.</summary>
    public abstract class NvCommandBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stop.Token;

        public void Dispose()
        {
            // Calls still running in the background (a batch cut short by a terminating error) end now. The source is
            // only cancelled, never disposed: StopProcessing may run on another thread at any time, even after this,
            // and a source without a timer holds nothing that needs releasing.
            _stop.Cancel();
            GC.SuppressFinalize(this);
        }

        protected override void StopProcessing() => _stop.Cancel();
    }
}
