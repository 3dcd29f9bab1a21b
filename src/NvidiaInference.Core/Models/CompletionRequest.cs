namespace NvidiaInference
{
    /// <summary>A legacy text completion request (POST /completions), in Llama Stack's terms.</summary>
    public sealed class CompletionRequest
    {
        /// <summary>Creates a request for <paramref name="model"/> with the prompt <paramref name="prompt"/>.</summary>
        public CompletionRequest(string model, string prompt)
        {
            Model = model;
            Prompt = prompt;
        }

        /// <summary>The model id.</summary>
        public string Model { get; }

        /// <summary>The text to complete.</summary>
        public string Prompt { get; }

        /// <summary>Sampling; null sends no sampling keys at all.</summary>
        public SamplingOptions? Sampling { get; set; }

        /// <summary>A JSON schema (JSON text) the output must follow (NIM guided_json).</summary>
        public string? JsonSchema { get; set; }

        /// <summary>NIM's other guided modes: a regex, a list of choices or a grammar the output must follow.</summary>
        public GuidedDecoding? Guided { get; set; }

        /// <summary>How many alternatives per token to return with their logprobs; null asks for none.</summary>
        public int? Logprobs { get; set; }

        /// <summary>Whether the server streams the answer.</summary>
        public bool Stream { get; set; }
    }
}
