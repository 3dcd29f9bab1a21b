using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace NvidiaInference.Completers
{
    /// <summary>Turns candidate values into completion results: matched against what was typed, quoted when PowerShell needs it.</summary>
    internal static class CompletionValues
    {
        private static readonly char[] NeedQuotes = " \t'\"`$@#;,|&(){}<>".ToCharArray();

        /// <summary>
        /// The candidates that start with the typed word (ignoring case), or whose part after a '/' does (so "llama"
        /// finds "meta/llama-3.1-8b-instruct"); a word typed with an opening quote keeps that quote.
        /// </summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<(string Value, string ToolTip)> candidates, string? wordToComplete)
        {
            string word = wordToComplete ?? string.Empty;
            char? quote = word.Length > 0 && (word[0] == '\'' || word[0] == '"') ? word[0] : null;
            string typed = (quote is null ? word : word.Substring(1)).TrimEnd(quote ?? ' ');
            return candidates
                .Where(c => Matches(c.Value, typed))
                .GroupBy(c => c.Value, StringComparer.Ordinal)
                .Select(g => g.First())
                .Select(c => new CompletionResult(Quote(c.Value, quote), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
                .ToArray();
        }

        private static bool Matches(string value, string typed)
        {
            if (value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            int slash = value.IndexOf('/');
            return slash >= 0 && value.Substring(slash + 1).StartsWith(typed, StringComparison.OrdinalIgnoreCase);
        }

        private static string Quote(string value, char? quote)
        {
            if (quote == '"')
            {
                return "\"" + value.Replace("`", "``").Replace("$", "`$").Replace("\"", "`\"") + "\"";
            }

            return quote == '\'' || value.IndexOfAny(NeedQuotes) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
        }
    }
}
