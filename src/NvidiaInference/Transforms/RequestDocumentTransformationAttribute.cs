using System;
using System.Management.Automation;
using NvidiaInference.Requests;

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

            if ((inputData is PSObject text ? text.BaseObject : inputData) is string json && !json.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                // Most often a message piped without -Model, which is what selects the message parameters.
                throw new ArgumentTransformationMetadataException(
                    "A string bound to -Request must be a Llama Stack request document (JSON text). To send it as a message, give -Model: 'hi' | Invoke-NvChatCompletion -Model <id>.");
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
