using System.Collections;
using System.Management.Automation;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// ConvertTo-NvPayload: builds the exact NIM request body offline. ConvertTo-NimPayload, its first name, stays as an
    /// alias; the class keeps that name so the FullyQualifiedErrorIds scripts already match do not change.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "NvPayload", DefaultParameterSetName = RequestSet)]
    [Alias("ConvertTo-NimPayload")]
    [OutputType(typeof(NimPayload))]
    public sealed class ConvertToNimPayloadCommand : ChatRequestCommandBase
    {
        [Parameter]
        [AdditionalHeaderTransformation]
        public IDictionary? AdditionalHeader { get; set; }

        protected override IDictionary? PayloadHeaders => AdditionalHeader;

        protected override void ProcessRecord()
        {
            if (BuildPayload(out _) is NimPayload payload)
            {
                WriteObject(payload);
            }
        }
    }
}
