using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>A call of a tool by the model, with its arguments parsed.</summary>
    public sealed class ToolCall
    {
        /// <summary>Creates a tool call.</summary>
        public ToolCall(string callId, string toolName, IDictionary<string, object?>? arguments, string argumentsJson, ToolCallParseStatus parseStatus)
        {
            CallId = callId;
            ToolName = toolName;
            Arguments = arguments;
            ArgumentsJson = argumentsJson;
            ParseStatus = parseStatus;
        }

        /// <summary>The server's id for the call; send it back with the tool result.</summary>
        public string CallId { get; }

        /// <summary>The name of the tool the model called.</summary>
        public string ToolName { get; }

        /// <summary>
        /// The arguments as plain .NET values (dictionaries, lists, strings, numbers, booleans, null), nested to
        /// any depth; null when the argument text is not a JSON object (see <see cref="ParseStatus"/>).
        /// </summary>
        public IDictionary<string, object?>? Arguments { get; }

        /// <summary>The argument text exactly as the server sent it.</summary>
        public string ArgumentsJson { get; }

        /// <summary>Succeeded when <see cref="Arguments"/> holds the parsed arguments, Failed when the text did not parse.</summary>
        public ToolCallParseStatus ParseStatus { get; }

        /// <summary>The call as <c>name(arguments)</c>.</summary>
        public override string ToString() => $"{ToolName}({ArgumentsJson})";
    }
}
