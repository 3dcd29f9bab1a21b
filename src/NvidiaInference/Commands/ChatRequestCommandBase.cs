using System;
using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The request parameters that ConvertTo-NimPayload shares with the cmdlets that send requests, and the one place
    /// that turns them into a core request, so that every cmdlet builds exactly the same body.
    /// </summary>
    public abstract class ChatRequestCommandBase : PSCmdlet
    {
        protected const string ParametersSet = "Parameters";
        protected const string RequestSet = "Request";
        private const string PlacementVariable = "NVIDIA_EXTENSION_PLACEMENT";

        [Parameter(Mandatory = true, ParameterSetName = RequestSet, ValueFromPipeline = true)]
        [RequestDocumentTransformation]
        public RequestDocument Request { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string Model { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParametersSet, ValueFromPipeline = true)]
        [MessageTransformation]
        public Message[] Message { get; set; } = null!;

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string? SystemPrompt { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0.0, 2.0)]
        public double? Temperature { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0.0, 1.0)]
        public double? TopP { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(-1, int.MaxValue)]
        public int? TopK { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        public SwitchParameter Greedy { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(1, int.MaxValue)]
        public int? MaxTokens { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0.0, 2.0)]
        public double? RepetitionPenalty { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Stop { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ToolTransformation]
        public ToolDefinition[]? Tool { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string? ToolChoice { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [JsonSchemaTransformation]
        public string? JsonSchema { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0, 20)]
        public int? Logprobs { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        public SwitchParameter Stream { get; set; }

        [Parameter]
        public ExtensionPlacement ExtensionPlacement { get; set; }

        /// <summary>Checks the combinations the parameter sets cannot express, and reads the placement's environment default.</summary>
        protected override void BeginProcessing()
        {
            if (Greedy && (Temperature is not null || TopP is not null || TopK is not null))
            {
                ThrowTerminatingError(NimErrorRecords.ConflictingParameters(
                    "-Greedy sets temperature 0 and top_k -1, so it cannot be combined with -Temperature, -TopP or -TopK.", null));
            }

            if (ToolChoice is not null && (Tool is null || Tool.Length == 0))
            {
                ThrowTerminatingError(NimErrorRecords.ConflictingParameters("-ToolChoice needs -Tool: a tool choice is only sent with tools.", ToolChoice));
            }

            if (!MyInvocation.BoundParameters.ContainsKey(nameof(ExtensionPlacement)))
            {
                string? fromEnvironment = Environment.GetEnvironmentVariable(PlacementVariable);
                if (!string.IsNullOrWhiteSpace(fromEnvironment))
                {
                    if (!Enum.TryParse(fromEnvironment!.Trim(), ignoreCase: true, out ExtensionPlacement placement) || !Enum.IsDefined(typeof(ExtensionPlacement), placement))
                    {
                        ThrowTerminatingError(NimErrorRecords.InvalidEnvironment(
                            $"{PlacementVariable} is '{fromEnvironment}'; it must be one of: {string.Join(", ", Enum.GetNames(typeof(ExtensionPlacement)))}."));
                    }

                    ExtensionPlacement = placement;
                }
            }
        }

        /// <summary>Builds the payload for the current pipeline item; writes a non-terminating error and returns null when the request is invalid.</summary>
        protected NimPayload? BuildPayload()
        {
            object target = ParameterSetName == RequestSet ? Request : Message;
            try
            {
                if (ParameterSetName == RequestSet)
                {
                    foreach (string warning in Request.Warnings)
                    {
                        WriteWarning(warning);
                    }

                    return Request.Chat is not null
                        ? NimPayloadBuilder.BuildChat(Request.Chat, ExtensionPlacement)
                        : NimPayloadBuilder.BuildCompletion(Request.Completion!, ExtensionPlacement);
                }

                return NimPayloadBuilder.BuildChat(BuildChatRequest(), ExtensionPlacement);
            }
            catch (NimInvalidRequestException e)
            {
                WriteError(NimErrorRecords.InvalidRequest(e, target));
                return null;
            }
        }

        private ChatCompletionRequest BuildChatRequest()
        {
            var request = new ChatCompletionRequest(Model)
            {
                Sampling = BuildSampling(),
                ToolChoice = ToolChoice,
                JsonSchema = JsonSchema,
                Logprobs = Logprobs,
                Stream = Stream,
            };
            if (SystemPrompt is not null)
            {
                request.Messages.Add(NvidiaInference.Message.System(SystemPrompt));
            }

            foreach (Message message in Message)
            {
                request.Messages.Add(message);
            }

            foreach (ToolDefinition tool in Tool ?? Array.Empty<ToolDefinition>())
            {
                request.Tools.Add(tool);
            }

            return request;
        }

        /// <summary>No sampling parameter at all means no sampling keys: the server's defaults apply (conversion.md section 1).</summary>
        private SamplingOptions? BuildSampling()
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

            bool any = sampling.Temperature is not null || sampling.TopP is not null || sampling.TopK is not null ||
                sampling.MaxTokens is not null || sampling.RepetitionPenalty is not null || sampling.Stop.Count > 0;
            return any ? sampling : null;
        }
    }
}
