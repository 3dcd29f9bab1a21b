using System;
using System.Management.Automation;
using NvidiaInference.Json;

namespace NvidiaInference.Commands
{
    /// <summary>With a JSON schema, a response also carries its content parsed ($r.Json.name); content that is not JSON gets a warning.</summary>
    internal static class StructuredContent
    {
        public static void Attach(Cmdlet cmdlet, ChatCompletionResponse? response)
        {
            if (response is null || response.ToolCalls.Count > 0)
            {
                return;
            }

            try
            {
                response.Json = PlainJson.Parse(response.Content);
            }
            catch (FormatException e)
            {
                cmdlet.WriteWarning($"A JSON schema was given, but the content is not valid JSON ({e.Message}); Json is null. Check the StopReason: OutOfTokens means the answer was cut short.");
            }
        }
    }
}
