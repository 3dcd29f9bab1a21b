using System;
using System.Management.Automation;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds -Request: a Llama Stack request document as JSON text, a hashtable or an object.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RequestDocumentTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is PSObject { BaseObject: RequestDocument document })
            {
                return document;
            }

            try
            {
                return LlamaStackRequestReader.Read(PowerShellValue.ToPlain(inputData));
            }
            catch (NimInvalidRequestException e)
            {
                throw new ArgumentTransformationMetadataException($"{e.Message} (field {e.Field})", e);
            }
        }
    }
}
