using System.Collections.Generic;
using System.Management.Automation;
using NvidiaInference.Errors;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The texts of the embedding and reranking cmdlets' inputs, numbered by their position among all inputs: an input
    /// with no text to send is a non-terminating NimInvalidRequest for it alone, and keeps its number.
    /// </summary>
    internal sealed class PipelineInputs
    {
        private readonly PSCmdlet _cmdlet;
        private readonly string _field;
        private readonly string _noun;
        private int _received;

        /// <param name="cmdlet">The cmdlet that reads the inputs and reports those without a text.</param>
        /// <param name="field">The request field the texts go to, such as input or passages.</param>
        /// <param name="noun">What an input is called in messages, such as input or passage.</param>
        public PipelineInputs(PSCmdlet cmdlet, string field, string noun)
        {
            _cmdlet = cmdlet;
            _field = field;
            _noun = noun;
        }

        /// <summary>
        /// The inputs with a text, with their position and (when they came down the pipeline) the input object itself;
        /// an error is written for each of the others.
        /// </summary>
        public IEnumerable<(int Index, string Text, object? InputObject)> Accept(PSObject?[] inputs, string? property)
        {
            bool fromPipeline = _cmdlet.MyInvocation.ExpectingInput;
            foreach (PSObject? input in inputs)
            {
                int index = _received++;
                if (PipelineText.From(input, property, out string? problem) is string text)
                {
                    yield return (index, text, fromPipeline ? input : null);
                    continue;
                }

                var error = new NimInvalidRequestException($"{_field}[{index}]", $"The {_noun} at position {index} {problem}; it was not sent, the others are.");
                _cmdlet.WriteError(NimErrorRecords.InvalidRequest(error, input));
            }
        }
    }
}
