using System.Management.Automation;
using System.Threading;
using NvidiaInference.Http;

namespace NvidiaInference.Commands
{
    /// <summary>Sends a legacy completion request and writes its answer: each chunk as it arrives, or the whole response.</summary>
    internal static class CompletionCall
    {
        public static void Write(PSCmdlet cmdlet, NimClient client, CallPump pump, NimPayload payload, CancellationToken cancellationToken)
        {
            if (!payload.Stream)
            {
                cmdlet.WriteObject(pump.Run(() => client.Complete(payload, cancellationToken), cmdlet.MyInvocation.MyCommand.Name));
                return;
            }

            foreach (CompletionStreamChunk result in new ReadAhead<CompletionStreamChunk>(token => client.StreamCompletion(payload, token), cancellationToken))
            {
                pump.Drain();
                cmdlet.WriteObject(result);
            }

            pump.Drain();
        }
    }
}
