using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// The chat request parameters that ConvertTo-NimPayload shares with Invoke-NvChatCompletion, and the one place
    /// that turns them (or a Llama Stack request document) into a payload, so both cmdlets build exactly the same body.
    /// </summary>
    public abstract class ChatRequestCommandBase : GenerationCommandBase
    {
        protected const string RequestSet = "Request";

        [Parameter(Mandatory = true, ParameterSetName = RequestSet, ValueFromPipeline = true)]
        [RequestDocumentTransformation]
        public RequestDocument Request { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParametersSet, ValueFromPipeline = true)]
        [MessageTransformation]
        public Message[] Message { get; set; } = null!;

        [Parameter(ParameterSetName = ParametersSet, ValueFromPipelineByPropertyName = true)]
        [MessageTransformation]
        public Message[]? Conversation { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string? SystemPrompt { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ToolTransformation]
        public ToolDefinition[]? Tool { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ToolChoiceCompleter))]
        public string? ToolChoice { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateSet("none", "minimal", "low", "medium", "high", "max")]
        public string? ReasoningEffort { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        public SwitchParameter Thinking { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNull]
        public Hashtable? ChatTemplateArgument { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxThinkingTokens { get; set; }

        /// <summary>The model of the current pipeline item.</summary>
        protected string CurrentModel => ParameterSetName == RequestSet ? Request.Chat?.Model ?? Request.Completion!.Model : Model;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ToolChoice is not null && (Tool is null || Tool.Length == 0))
            {
                ThrowTerminatingError(NimErrorRecords.ConflictingParameters("-ToolChoice needs -Tool: a tool choice is only sent with tools.", ToolChoice));
            }

            CheckParallelToolCalls();
        }

        /// <summary>
        /// Builds the payload for the current pipeline item, and the chat request it came from (null for a completion
        /// document); writes a non-terminating error and returns null when the request is invalid.
        /// </summary>
        protected NimPayload? BuildPayload(out ChatCompletionRequest? chatRequest)
        {
            object target = ParameterSetName == RequestSet ? Request : Message;
            chatRequest = null;
            try
            {
                if (ParameterSetName == RequestSet)
                {
                    foreach (string warning in Request.Warnings)
                    {
                        WriteWarning(warning);
                    }

                    if (Request.Chat is null)
                    {
                        return WithAdditions(NimPayloadBuilder.BuildCompletion(Request.Completion!, ExtensionPlacement));
                    }

                    chatRequest = Request.Chat;
                    return WithAdditions(NimPayloadBuilder.BuildChat(chatRequest, ExtensionPlacement));
                }

                chatRequest = BuildChatRequest();
                return WithAdditions(NimPayloadBuilder.BuildChat(chatRequest, ExtensionPlacement));
            }
            catch (NimInvalidRequestException e)
            {
                WriteError(NimErrorRecords.InvalidRequest(e, target));
                return null;
            }
        }

        private void AddChatTemplateArguments(ChatCompletionRequest request)
        {
            foreach (DictionaryEntry entry in ChatTemplateArgument ?? new Hashtable())
            {
                string name = entry.Key?.ToString() ?? string.Empty;
                if (name.Length == 0)
                {
                    throw new NimInvalidRequestException("chat_template_kwargs", "A chat template argument needs a name.");
                }

                try
                {
                    request.ChatTemplateArguments[name] = PowerShellValue.ToPlain(entry.Value);
                }
                catch (ArgumentException e)
                {
                    throw new NimInvalidRequestException($"chat_template_kwargs.{name}", $"The chat template argument '{name}' cannot be sent as JSON: {e.Message}");
                }
            }
        }

        /// <summary>The request the parameters describe: system prompt, then the conversation so far, then the new messages.</summary>
        private ChatCompletionRequest BuildChatRequest()
        {
            var request = new ChatCompletionRequest(Model)
            {
                Sampling = BuildSampling(),
                ToolChoice = ToolChoice,
                JsonSchema = JsonSchema,
                Guided = BuildGuided(),
                Logprobs = Logprobs,
                Stream = Stream,
                ReasoningEffort = ReasoningEffort,
                // -Thinking turns thinking on, -Thinking:$false off; without it nothing is sent.
                Thinking = MyInvocation.BoundParameters.ContainsKey(nameof(Thinking)) ? Thinking.IsPresent : null,
                MaxThinkingTokens = MaxThinkingTokens,
            };
            AddChatTemplateArguments(request);
            if (SystemPrompt is not null)
            {
                request.Messages.Add(NvidiaInference.Message.System(SystemPrompt));
            }

            foreach (Message message in (Conversation ?? Array.Empty<Message>()).Concat(Message))
            {
                request.Messages.Add(message);
            }

            foreach (ToolDefinition tool in Tool ?? Array.Empty<ToolDefinition>())
            {
                request.Tools.Add(tool);
            }

            request.ParallelToolCalls = ParallelToolCalls;
            ImageAttachment.JoinLastUserTurn(request.Messages, (Image ?? Array.Empty<ImageContentItem>()).Concat(ImageLiteralPath ?? Array.Empty<ImageContentItem>()).ToArray());
            return request;
        }

        [Parameter(ParameterSetName = ParametersSet)]
        public bool? ParallelToolCalls { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ImageTransformation]
        public ImageContentItem[]? Image { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ImageTransformation(LiteralPath = true)]
        public ImageContentItem[]? ImageLiteralPath { get; set; }

        private void CheckParallelToolCalls()
        {
            if (ParallelToolCalls is not null && (Tool is null || Tool.Length == 0))
            {
                ThrowTerminatingError(NimErrorRecords.ConflictingParameters("-ParallelToolCalls needs -Tool: parallel_tool_calls is only sent with tools.", ParallelToolCalls));
            }
        }
    }
}
