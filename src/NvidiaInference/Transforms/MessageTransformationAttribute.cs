using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using NvidiaInference.Requests;

namespace NvidiaInference.Transforms
{
    /// <summary>
    /// Binds -Message: strings are user turns; hashtables or objects with a role are Llama Stack messages; earlier
    /// responses are their assistant turns.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class MessageTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            IEnumerable items = PowerShellValue.AsItems(PowerShellValue.ToPlain(inputData));
            var messages = new List<Message>();
            try
            {
                foreach (object? item in items)
                {
                    // A number or other scalar typed as a message is text: -Message 42 sends "42".
                    object? message = item is ValueType scalar && item is not bool ? System.Convert.ToString(scalar, System.Globalization.CultureInfo.InvariantCulture) : item;
                    messages.Add(LlamaStackMessageReader.Read(message, messages.Count));
                }
            }
            catch (NimInvalidRequestException e)
            {
                throw new ArgumentTransformationMetadataException($"{e.Message} (field {e.Field})", e);
            }

            return messages.ToArray();
        }
    }
}
