using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>
    /// Sampling as it goes on the wire. Every property left null is not sent, so the server's default applies.
    /// The Llama Stack strategies map onto it through <see cref="ForGreedy"/>, <see cref="ForTopP"/> and <see cref="ForTopK"/>.
    /// </summary>
    public sealed class SamplingOptions
    {
        /// <summary>Sampling temperature (0 means greedy).</summary>
        public double? Temperature { get; set; }

        /// <summary>Nucleus sampling mass, in (0, 1].</summary>
        public double? TopP { get; set; }

        /// <summary>Top-k sampling (NIM extension); -1 disables it.</summary>
        public int? TopK { get; set; }

        /// <summary>Repetition penalty (NIM extension); 1.0 means none.</summary>
        public double? RepetitionPenalty { get; set; }

        /// <summary>The most tokens to generate.</summary>
        public int? MaxTokens { get; set; }

        /// <summary>Sequences that stop generation.</summary>
        public IList<string> Stop { get; } = new List<string>();

        /// <summary>Greedy decoding: top_k -1 and temperature 0.</summary>
        public static SamplingOptions ForGreedy() => new SamplingOptions { TopK = -1, Temperature = 0 };

        /// <summary>Nucleus sampling with a temperature: top_k -1, top_p and temperature.</summary>
        public static SamplingOptions ForTopP(double temperature, double topP) =>
            new SamplingOptions { TopK = -1, TopP = topP, Temperature = temperature };

        /// <summary>Top-k sampling.</summary>
        public static SamplingOptions ForTopK(int k) => new SamplingOptions { TopK = k };

        /// <summary>The seed of the server's random sampling, so a request can be repeated.</summary>
        public long? Seed { get; set; }

        /// <summary>OpenAI's frequency penalty, in [-2, 2]: above 0 discourages tokens by how often they appeared.</summary>
        public double? FrequencyPenalty { get; set; }

        /// <summary>OpenAI's presence penalty, in [-2, 2]: above 0 discourages tokens that appeared at all.</summary>
        public double? PresencePenalty { get; set; }

        /// <summary>The fewest tokens to generate before a stop (NIM extension min_tokens; not an OpenAI field).</summary>
        public int? MinTokens { get; set; }

        /// <summary>True when seed, a penalty or min_tokens is set.</summary>
        internal bool HasStandardKnobs => Seed is not null || FrequencyPenalty is not null || PresencePenalty is not null || MinTokens is not null;
    }
}
