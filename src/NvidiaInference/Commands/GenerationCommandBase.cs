using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Http;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The parameters every generating cmdlet shares (model, sampling, guided output, logprobs, streaming, where the
    /// extensions go), and the one place that turns them into the core's sampling options.
    /// </summary>
    public abstract class GenerationCommandBase : NvCommandBase
    {
        protected const string ParametersSet = "Parameters";
        private const string PlacementVariable = "NVIDIA_EXTENSION_PLACEMENT";

        [Parameter(Mandatory = true, ParameterSetName = ParametersSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string Model { get; set; } = null!;

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0.0, 2.0)]
        public double? Temperature { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateAboveZero(1.0)]
        public double? TopP { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateTopK]
        public int? TopK { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        public SwitchParameter Greedy { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(1, int.MaxValue)]
        public int? MaxTokens { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateAboveZero(2.0)]
        public double? RepetitionPenalty { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Stop { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [JsonSchemaTransformation]
        public string? JsonSchema { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string? GuidedRegex { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string[]? GuidedChoice { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string? GuidedGrammar { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0, 20)]
        public int? Logprobs { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        public SwitchParameter Stream { get; set; }

        [Parameter]
        public ExtensionPlacement ExtensionPlacement { get; set; }

        private bool _autoPlacement;

        /// <summary>Checks the combinations the parameter sets cannot express, and reads the placement's environment default.</summary>
        protected override void BeginProcessing()
        {
            if (Greedy && (Temperature is not null || TopP is not null || TopK is not null))
            {
                ThrowTerminatingError(NimErrorRecords.ConflictingParameters(
                    "-Greedy sets temperature 0 and top_k -1, so it cannot be combined with -Temperature, -TopP or -TopK.", null));
            }

            int guidedModes = (JsonSchema is null ? 0 : 1) + (GuidedRegex is null ? 0 : 1) + (GuidedChoice is null ? 0 : 1) + (GuidedGrammar is null ? 0 : 1);
            if (guidedModes > 1)
            {
                ThrowTerminatingError(NimErrorRecords.ConflictingParameters(
                    "Only one guided mode can be used at a time: give one of -JsonSchema, -GuidedRegex, -GuidedChoice and -GuidedGrammar.", null));
            }

            if (!MyInvocation.BoundParameters.ContainsKey(nameof(ExtensionPlacement)))
            {
                string? fromEnvironment = Environment.GetEnvironmentVariable(PlacementVariable);
                if (!string.IsNullOrWhiteSpace(fromEnvironment))
                {
                    string name = fromEnvironment!.Trim();
                    string? match = Array.Find(Enum.GetNames(typeof(ExtensionPlacement)), n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        ThrowTerminatingError(NimErrorRecords.InvalidEnvironment(
                            $"{PlacementVariable} is '{fromEnvironment}'; it must be one of: {string.Join(", ", Enum.GetNames(typeof(ExtensionPlacement)))}."));
                    }

                    ExtensionPlacement = (ExtensionPlacement)Enum.Parse(typeof(ExtensionPlacement), match);
                }
            }

            _autoPlacement = ExtensionPlacement == ExtensionPlacement.Auto;
        }

        /// <summary>
        /// For cmdlets that talk to a server: with -ExtensionPlacement Auto, the placement the endpoint recommends for
        /// this model, probed once per base URI and model in the session, and a verbose line saying what and why.
        /// </summary>
        internal void ResolveAutoPlacement(NimConnectionSettings settings, string model, CallPump pump)
        {
            if (!_autoPlacement)
            {
                return;
            }

            EndpointCheck recommendation = pump.Run(() => PlacementRecommendations.Resolve(settings, model, pump.Verbose, StopToken), "Choosing the extension placement");
            pump.Verbose($"-ExtensionPlacement Auto chose {recommendation.Placement} for {model} at {settings.BaseUri}: {recommendation.Detail}");
            pump.Drain();
            ExtensionPlacement = recommendation.Placement ?? ExtensionPlacement.Nvext;
        }

        /// <summary>The guided mode other than JSON schema, if one was given.</summary>
        protected GuidedDecoding? BuildGuided() =>
            GuidedRegex is not null ? GuidedDecoding.Regex(GuidedRegex)
            : GuidedChoice is not null ? GuidedDecoding.Choice(GuidedChoice)
            : GuidedGrammar is not null ? GuidedDecoding.Grammar(GuidedGrammar)
            : null;

        /// <summary>No sampling parameter at all means no sampling keys: the server's defaults apply (docs/requests.md, Defaults).</summary>
        protected SamplingOptions? BuildSampling()
        {
            SamplingOptions sampling = Greedy ? SamplingOptions.ForGreedy() : new SamplingOptions();
            sampling.Temperature ??= Temperature;
            sampling.TopP = TopP;
            sampling.TopK ??= TopK;
            sampling.MaxTokens = MaxTokens;
            sampling.RepetitionPenalty = RepetitionPenalty;
            foreach (string stop in Stop ?? Array.Empty<string>())
            {
                sampling.Stop.Add(stop);
            }

            AddStandardKnobs(sampling);
            bool any = sampling.Temperature is not null || sampling.TopP is not null || sampling.TopK is not null ||
                sampling.MaxTokens is not null || sampling.RepetitionPenalty is not null || sampling.Stop.Count > 0 || sampling.HasStandardKnobs;
            return any ? sampling : null;
        }

        [Parameter(ParameterSetName = ParametersSet)]
        public long? Seed { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(-2.0, 2.0)]
        public double? FrequencyPenalty { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(-2.0, 2.0)]
        public double? PresencePenalty { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0, int.MaxValue)]
        public int? MinTokens { get; set; }

        private void AddStandardKnobs(SamplingOptions sampling)
        {
            sampling.Seed = Seed;
            sampling.FrequencyPenalty = FrequencyPenalty;
            sampling.PresencePenalty = PresencePenalty;
            sampling.MinTokens = MinTokens;
        }

        [Parameter]
        [JsonObjectTransformation(nameof(AdditionalBody))]
        public string? AdditionalBody { get; set; }

        /// <summary>The headers -AdditionalHeader adds to the payload: the cmdlet's own parameter, or its connection's.</summary>
        protected virtual IDictionary? PayloadHeaders => null;

        /// <summary>The payload with -AdditionalBody merged in last and -AdditionalHeader added, each override said in a verbose line.</summary>
        /// <exception cref="NimInvalidRequestException">The addition cannot be merged.</exception>
        protected NimPayload WithAdditions(NimPayload payload) =>
            AdditionalBody is null && PayloadHeaders is null ? payload : payload.WithAdditions(AdditionalBody, PayloadHeaders as IDictionary<string, string>, WriteVerbose);
    }
}
