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
            // Calls still running in the background (a batch cut short by a terminating error) end now.
            _stop.Cancel();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        protected override void StopProcessing() => _stop.Cancel();
    }
}
