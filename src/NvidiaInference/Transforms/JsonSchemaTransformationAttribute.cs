using System;
using System.Collections;
using System.Management.Automation;
using NvidiaInference.Json;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds -JsonSchema: JSON text, a hashtable or object, or a .NET type (whose schema is generated), to compact JSON schema text.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonSchemaTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is Type type)
            {
                try
                {
                    return JsonSchemaGenerator.FromType(type);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentTransformationMetadataException(e.Message, e);
                }
            }

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
