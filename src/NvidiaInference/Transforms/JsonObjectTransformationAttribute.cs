using System;
using System.Collections;
using System.Management.Automation;
using NvidiaInference.Json;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds a JSON object given as a hashtable, an object (ConvertFrom-Json) or JSON text, to compact JSON text (-AdditionalBody).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonObjectTransformationAttribute : ArgumentTransformationAttribute
    {
        public JsonObjectTransformationAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try
            {
                object? plain = PowerShellValue.ToPlain(inputData);
                object? value = plain is string json ? JsonText.Parse(json, ParameterName) : plain;
                if (value is not IDictionary)
                {
                    throw new NimInvalidRequestException(ParameterName, $"-{ParameterName} must be a JSON object: a hashtable, or JSON text of an object.");
                }

                return PlainJson.Serialize(value);
            }
            catch (Exception e) when (e is NimInvalidRequestException || e is ArgumentException)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
