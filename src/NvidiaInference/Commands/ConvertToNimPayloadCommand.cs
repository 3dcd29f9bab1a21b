using System.Management.Automation;

namespace NvidiaInference.Commands
{
    /// <summary>ConvertTo-NimPayload: builds the exact NIM request body offline.</summary>
    [Cmdlet(VerbsData.ConvertTo, "NimPayload", DefaultParameterSetName = RequestSet)]
    [OutputType(typeof(NimPayload))]
    public sealed class ConvertToNimPayloadCommand : ChatRequestCommandBase
    {
        protected override void ProcessRecord()
        {
            if (BuildPayload() is NimPayload payload)
            {
                WriteObject(payload);
            }
        }
    }
}
