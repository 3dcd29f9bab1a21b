using System;

namespace NvidiaInference
{
    /// <summary>A passage scored against a query by a reranking model.</summary>
    public sealed class RankedPassage
    {
        /// <summary>Creates a ranked passage; <see cref="Rank"/> is set when the passages are ordered.</summary>
        public RankedPassage(int index, double logit, string text, object? inputObject = null)
        {
            Index = index;
            Logit = logit;
            Text = text ?? throw new ArgumentNullException(nameof(text));
            InputObject = inputObject;
        }

        /// <summary>1 for the most relevant passage, 2 for the next, and so on.</summary>
        public int Rank { get; internal set; }

        /// <summary>The position of the passage among the inputs, from 0.</summary>
        public int Index { get; }

        /// <summary>The model's raw relevance score: higher is more relevant.</summary>
        public double Logit { get; }

        /// <summary>The logit mapped to 0..1 by the logistic function, 1/(1+e^-logit).</summary>
        public double Score => 1.0 / (1.0 + Math.Exp(-Logit));

        /// <summary>The passage.</summary>
        public string Text { get; }

        /// <summary>The object the passage came from (a pipeline input), or null.</summary>
        public object? InputObject { get; }

        /// <summary>The rank, the score and the start of the text.</summary>
        public override string ToString() => $"{Rank}. {Score:0.####} {(Text.Length <= 40 ? Text : Text.Substring(0, 40) + "...")}";
    }
}
