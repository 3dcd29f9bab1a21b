namespace NvidiaInference
{
    /// <summary>The role of a message in a conversation.</summary>
    public enum MessageRole
    {
        /// <summary>A turn written by the user.</summary>
        User,
        /// <summary>Instructions for the model.</summary>
        System,
        /// <summary>A turn written by the model.</summary>
        Assistant,
        /// <summary>The result of a tool call, sent back to the model.</summary>
        Tool,
    }

    /// <summary>Why the model stopped: OpenAI's finish_reason mapped to Llama Stack's stop reasons.</summary>
    public enum StopReason
    {
        /// <summary>The model finished its turn (finish_reason "stop", and any value outside OpenAI's list).</summary>
        EndOfTurn,
        /// <summary>The model stopped to call tools (finish_reason "tool_calls").</summary>
        EndOfMessage,
        /// <summary>The token limit was reached (finish_reason "length").</summary>
        OutOfTokens,
    }

    /// <summary>How far a tool call's arguments have been parsed.</summary>
    public enum ToolCallParseStatus
    {
        /// <summary>The first fragment of a streamed call arrived.</summary>
        Started,
        /// <summary>A later fragment of a streamed call arrived.</summary>
        InProgress,
        /// <summary>The argument text is not a JSON object; the raw text is kept.</summary>
        Failed,
        /// <summary>The arguments parsed into a dictionary.</summary>
        Succeeded,
    }

    /// <summary>The kind of a stream event.</summary>
    public enum ChatCompletionEventType
    {
        /// <summary>The first event of a stream, with empty text.</summary>
        Start,
        /// <summary>Text or a tool call.</summary>
        Progress,
        /// <summary>The last event of a stream, with the stop reason and usage.</summary>
        Complete,
    }

    /// <summary>What a stream event's delta carries.</summary>
    public enum DeltaType
    {
        /// <summary>A piece of text.</summary>
        Text,
        /// <summary>A tool call, or a fragment of one.</summary>
        ToolCall,

        /// <summary>A piece of the model's thinking (reasoning_content, reasoning, or text inside think tags).</summary>
        Reasoning,
    }

    /// <summary>Where NIM's sampling and guided-decoding extensions go in the request body.</summary>
    public enum ExtensionPlacement
    {
        /// <summary>Inside an <c>nvext</c> object (NIM 1.x).</summary>
        Nvext,
        /// <summary>At the top level of the body (NIM 2.x, vLLM).</summary>
        TopLevel,

        /// <summary>
        /// OpenAI's standard fields only (OpenAI, llama.cpp's llama-server and other OpenAI-style servers): structured
        /// output as <c>response_format</c> json_schema; top_k and repetition_penalty at the top level only when they
        /// change anything (top_k other than -1, repetition_penalty other than 1).
        /// </summary>
        OpenAI,

        /// <summary>
        /// Let the cmdlets probe the endpoint once per base URI and model (as Test-NvEndpoint does) and use the placement
        /// it recommends. The payload builder itself needs a resolved placement.
        /// </summary>
        Auto,
    }
}
