using System;
using System.Collections.Generic;
using System.Linq;

namespace NvidiaInference
{
    /// <summary>One of NIM's guided decoding modes other than JSON schema: a regex, a choice among strings, or a grammar.</summary>
    public sealed class GuidedDecoding
    {
        private GuidedDecoding(string field, object value)
        {
            Field = field;
            Value = value;
        }

        /// <summary>The wire field: guided_regex, guided_choice or guided_grammar.</summary>
        public string Field { get; }

        /// <summary>The pattern or grammar text, or the list of choices.</summary>
        public object Value { get; }

        /// <summary>The output must match this regular expression.</summary>
        public static GuidedDecoding Regex(string pattern) =>
            new GuidedDecoding("guided_regex", string.IsNullOrEmpty(pattern) ? throw new ArgumentException("The pattern is empty.", nameof(pattern)) : pattern);

        /// <summary>The output must be exactly one of these strings.</summary>
        public static GuidedDecoding Choice(IEnumerable<string> choices)
        {
            string[] list = (choices ?? throw new ArgumentNullException(nameof(choices))).ToArray();
            return list.Length == 0 ? throw new ArgumentException("At least one choice is needed.", nameof(choices)) : new GuidedDecoding("guided_choice", list);
        }

        /// <summary>The output must follow this grammar (EBNF/CFG text as the server's guided-decoding backend reads it).</summary>
        public static GuidedDecoding Grammar(string grammar) =>
            new GuidedDecoding("guided_grammar", string.IsNullOrEmpty(grammar) ? throw new ArgumentException("The grammar is empty.", nameof(grammar)) : grammar);
    }
}
