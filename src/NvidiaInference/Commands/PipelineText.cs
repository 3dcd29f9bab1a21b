using System.Management.Automation;
using NvidiaInference.Retrieval;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The text an input stands for, for the cmdlets that embed or rank texts: a string is itself; an object gives the
    /// property -Property names, else its Text property, else its string form.
    /// </summary>
    internal static class PipelineText
    {
        private const string DefaultProperty = "Text";

        /// <summary>The text of <paramref name="input"/>, or null with <paramref name="problem"/> saying why there is none to send.</summary>
        public static string? From(object? input, string? property, out string? problem)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            string? text;
            if (value is null)
            {
                text = null;
            }
            else if (value is string plain)
            {
                text = plain;
            }
            else
            {
                PSObject item = PSObject.AsPSObject(input);
                PSPropertyInfo? named = item.Properties[property ?? DefaultProperty];
                if (named is null && property is not null)
                {
                    problem = $"has no property '{property}' (the -Property to read the text from)";
                    return null;
                }

                object? raw = named is null ? input : named.Value;
                text = raw is null ? null : LanguagePrimitives.ConvertTo<string>(raw);
            }

            problem = RetrievalText.Problem(text);
            return problem is null ? text : null;
        }
    }
}
