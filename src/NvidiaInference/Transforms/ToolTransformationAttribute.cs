using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using NvidiaInference.Requests;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds -Tool: hashtables, objects or JSON text in Llama Stack's or OpenAI's tool form.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ToolTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            IEnumerable items = PowerShellValue.AsItems(PowerShellValue.ToPlain(inputData));
            var tools = new List<ToolDefinition>();
            try
            {
                foreach (object? item in items)
                {
                    object? tool = item is string json ? JsonText.Parse(json, $"tools[{tools.Count}]") : item;
                    tools.Add(LlamaStackToolReader.Read(tool, tools.Count));
                }
            }
            catch (NimInvalidRequestException e)
            {
                throw new ArgumentTransformationMetadataException($"{e.Message} (field {e.Field})", e);
            }

            return tools.ToArray();
        }
    }
}
