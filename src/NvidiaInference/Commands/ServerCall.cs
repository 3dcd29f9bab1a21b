using System;
using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Http;

namespace NvidiaInference.Commands
{
    /// <summary>How every cmdlet that talks to a server opens its client and reports failures, whatever its base class.</summary>
    internal static class ServerCall
    {
        /// <summary>
        /// Creates the client with verbose and debug output queued on the pump. The key rules are checked once per call, by
        /// the client: a key problem fails the first call before anything is sent, and <see cref="Run"/> makes it terminating.
        /// </summary>
        public static NimClient Open(PSCmdlet cmdlet, ConnectionParameters connection, CallPump pump)
        {
            NimConnectionSettings settings;
            try
            {
                settings = connection.ToSettings();
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(NimErrorRecords.InvalidEnvironment(e.Message));
                throw;
            }

            // Bodies are handed to the debug stream only when it shows them: making the text of a large answer costs memory.
            return new NimClient(settings) { Verbose = pump.Verbose, Debug = ShowsDebug(cmdlet) ? pump.Debug : null, Progress = pump.Status };
        }

        /// <summary>True when WriteDebug would show something: -Debug, or $DebugPreference other than SilentlyContinue or Ignore where the cmdlet runs.</summary>
        private static bool ShowsDebug(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out object? debug))
            {
                return debug is SwitchParameter { IsPresent: true } || debug is true;
            }

            object? preference = cmdlet.GetVariableValue("DebugPreference");
            preference = preference is PSObject wrapped ? wrapped.BaseObject : preference;
            return preference is ActionPreference value
                ? value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore
                : preference is not null && !string.Equals(preference.ToString(), nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Runs one call; a failure becomes an ErrorRecord, terminating when it will repeat for every input. Ctrl+C ends quietly.</summary>
        public static void Run(PSCmdlet cmdlet, object? target, Action call, CallPump? pump = null)
        {
            try
            {
                call();
            }
            catch (OperationCanceledException) when (cmdlet.Stopping)
            {
                // Ctrl+C: PowerShell stops the pipeline itself.
            }
            catch (Exception e) when (IsCallFailure(e))
            {
                (ErrorRecord record, bool terminating) = NimHttpErrorRecords.From(e, target);
                pump?.Drain();
                if (terminating)
                {
                    cmdlet.ThrowTerminatingError(record);
                }

                cmdlet.WriteError(record);
            }
            finally
            {
                pump?.Drain();
            }
        }

        /// <summary>Failures of the call itself; anything else (a downstream command's error, a bug) passes through untouched.</summary>
        private static bool IsCallFailure(Exception e) => e is NimException or System.Net.Http.HttpRequestException;
    }
}
