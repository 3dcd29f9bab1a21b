using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Responses
{
    /// <summary>Turns a tool call's argument text into a <see cref="ToolCall"/>; text that is not a JSON object gives a Failed call that keeps the raw text.</summary>
    internal static class ToolCallParser
    {
        public static ToolCall Parse(string callId, string toolName, string argumentsJson)
        {
            if (string.IsNullOrWhiteSpace(argumentsJson))
            {
                // NIM sends "" for a tool without arguments: that means {}.
                return new ToolCall(callId, toolName, new System.Collections.Generic.Dictionary<string, object?>(System.StringComparer.OrdinalIgnoreCase), argumentsJson, ToolCallParseStatus.Succeeded);
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(LoneSurrogateEscapes.Repair(argumentsJson));
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return new ToolCall(callId, toolName, PlainJson.ToDictionary(document.RootElement), argumentsJson, ToolCallParseStatus.Succeeded);
                }
            }
            catch (JsonException)
            {
                // Falls through to a failed call that keeps the raw text (docs/responses.md, Tool calls).
            }

            return new ToolCall(callId, toolName, null, argumentsJson, ToolCallParseStatus.Failed);
        }
    }
}
