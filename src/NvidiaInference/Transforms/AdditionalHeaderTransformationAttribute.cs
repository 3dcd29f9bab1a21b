using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using NvidiaInference.Payload;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds -AdditionalHeader: a hashtable of header names and values, to a dictionary of strings; Authorization is refused.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class AdditionalHeaderTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (PowerShellValue.ToPlain(inputData) is not IDictionary headers)
            {
                throw new ArgumentTransformationMetadataException("-AdditionalHeader must be a hashtable of header names and values, such as @{ 'X-Request-Tag' = 'nightly' }.");
            }

            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry header in headers)
            {
                try
                {
                    result[AdditionalHeaders.Check(header.Key?.ToString() ?? string.Empty)] = Convert.ToString(header.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                }
                catch (NimInvalidRequestException e)
                {
                    throw new ArgumentTransformationMetadataException(e.Message, e);
                }
            }

            return result;
        }
    }
}
