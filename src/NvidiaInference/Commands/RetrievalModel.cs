using System.Management.Automation;
using NvidiaInference.Errors;

namespace NvidiaInference.Commands
{
    /// <summary>The -Model check of the embedding and reranking cmdlets: a blank id stops the command before anything is sent.</summary>
    internal static class RetrievalModel
    {
        public static void Check(PSCmdlet cmdlet, string model)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                cmdlet.ThrowTerminatingError(NimErrorRecords.InvalidRequest(new NimInvalidRequestException("model", "-Model holds only white space; give a model id (Get-NvModel lists them)."), model));
            }
        }
    }
}
