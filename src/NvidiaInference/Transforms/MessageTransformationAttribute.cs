using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

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
                    messages.Add(LlamaStackMessageReader.Read(item, messages.Count));
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
