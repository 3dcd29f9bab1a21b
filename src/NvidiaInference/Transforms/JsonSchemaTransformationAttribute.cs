using System;
using System.Collections;
using System.Management.Automation;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds -JsonSchema: JSON text, or a hashtable or object, to compact JSON schema text.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonSchemaTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? plain = PowerShellValue.ToPlain(inputData);
            try
            {
                object? schema = plain is string json ? JsonText.Parse(json, "JsonSchema") : plain;
                if (schema is not IDictionary)
                {
                    throw new NimInvalidRequestException("JsonSchema", "The JSON schema must be an object (a hashtable or JSON text of an object).");
                }

                return PlainJson.Serialize(schema);
            }
            catch (NimInvalidRequestException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
