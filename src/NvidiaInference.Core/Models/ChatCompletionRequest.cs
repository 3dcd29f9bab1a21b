using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>A chat completion request, in Llama Stack's terms.</summary>
    public sealed class ChatCompletionRequest
    {
        /// <summary>Creates a request for <paramref name="model"/>.</summary>
        public ChatCompletionRequest(string model) => Model = model;

        /// <summary>The model id, such as meta/llama-3.1-8b-instruct.</summary>
        public string Model { get; }

        /// <summary>The conversation, in order.</summary>
        public IList<Message> Messages { get; } = new List<Message>();

        /// <summary>Sampling; null sends no sampling keys at all.</summary>
        public SamplingOptions? Sampling { get; set; }

        /// <summary>The tools the model may call.</summary>
        public IList<ToolDefinition> Tools { get; } = new List<ToolDefinition>();

        /// <summary>auto, required, none, or the name of a tool; sent only with tools.</summary>
        public string? ToolChoice { get; set; }

        /// <summary>A JSON schema (JSON text) the output must follow (NIM guided_json).</summary>
        public string? JsonSchema { get; set; }

        /// <summary>NIM's other guided modes: a regex, a list of choices or a grammar the output must follow.</summary>
        public GuidedDecoding? Guided { get; set; }

        /// <summary>How many alternatives to return per token with their logprobs; null asks for no logprobs.</summary>
        public int? Logprobs { get; set; }

        /// <summary>Whether the server streams the answer.</summary>
        public bool Stream { get; set; }

        /// <summary>How hard a reasoning model thinks (<c>reasoning_effort</c>: none, minimal, low, medium, high, max); null sends nothing.</summary>
        public string? ReasoningEffort { get; set; }

        /// <summary>
        /// Thinking on or off through the chat template (<c>chat_template_kwargs</c> with both <c>enable_thinking</c> and
        /// <c>thinking</c>, since templates differ in the switch they read); null sends nothing.
        /// </summary>
        public bool? Thinking { get; set; }

        /// <summary>Other chat template switches, sent in <c>chat_template_kwargs</c>; they win over <see cref="Thinking"/> for the same key.</summary>
        public IDictionary<string, object?> ChatTemplateArguments { get; } = new Dictionary<string, object?>(System.StringComparer.Ordinal);

        /// <summary>NIM's thinking budget in tokens (<c>max_thinking_tokens</c>); null sends nothing.</summary>
        public int? MaxThinkingTokens { get; set; }

        /// <summary>A copy whose message and tool lists can grow (a tool loop appends turns) without touching this request.</summary>
        public ChatCompletionRequest Copy()
        {
            var copy = new ChatCompletionRequest(Model)
            {
                Sampling = Sampling,
                ToolChoice = ToolChoice,
                JsonSchema = JsonSchema,
                Guided = Guided,
                Logprobs = Logprobs,
                Stream = Stream,
                ReasoningEffort = ReasoningEffort,
                Thinking = Thinking,
                MaxThinkingTokens = MaxThinkingTokens,
            };
            foreach (KeyValuePair<string, object?> argument in ChatTemplateArguments)
            {
                copy.ChatTemplateArguments.Add(argument);
            }

            foreach (Message message in Messages)
            {
                copy.Messages.Add(message);
            }

            foreach (ToolDefinition tool in Tools)
            {
                copy.Tools.Add(tool);
            }

            copy.ParallelToolCalls = ParallelToolCalls;
            return copy;
        }

        /// <summary>Whether the model may call several tools in one turn; null sends nothing (the server's default).</summary>
        public bool? ParallelToolCalls { get; set; }
    }
}
