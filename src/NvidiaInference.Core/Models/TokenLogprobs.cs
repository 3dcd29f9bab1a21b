using System.Collections.Generic;

namespace NvidiaInference
{
    /// <summary>The log probabilities at one generated token.</summary>
    public sealed class TokenLogprobs
    {
        /// <summary>Creates an entry.</summary>
        public TokenLogprobs(string token, double? logprob, IReadOnlyDictionary<string, double> logprobsByToken)
        {
            Token = token;
            Logprob = logprob;
            LogprobsByToken = logprobsByToken;
        }

        /// <summary>The token that was sampled.</summary>
        public string Token { get; }

        /// <summary>The sampled token's log probability (null where the server gave none).</summary>
        public double? Logprob { get; }

        /// <summary>
        /// The most likely tokens at this position and their log probabilities; when the server gave no
        /// alternatives, the sampled token alone.
        /// </summary>
        public IReadOnlyDictionary<string, double> LogprobsByToken { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{Token} ({Logprob})";
    }
}
