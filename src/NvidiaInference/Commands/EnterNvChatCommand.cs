using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using NvidiaInference.Chat;
using NvidiaInference.Display;
using NvidiaInference.Errors;
using NvidiaInference.Http;
using NvidiaInference.Payload;
using NvidiaInference.Requests;
using NvidiaInference.Tools;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Enter-NvChat: a conversation at the console. Each line typed is sent with the conversation so far, and the answer
    /// is shown as Show-NvStream shows it; commands at the prompt change the model or the system prompt, clear, save and
    /// load the conversation. Ctrl+C stops an answer; at an empty prompt twice, or /exit, it leaves and writes the
    /// conversation. Lines piped in are typed for the user (a scripted chat), and then no prompt is read.
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "NvChat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Message))]
    public sealed class EnterNvChatCommand : NvCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();
        private readonly List<Message> _history = new List<Message>();
        private readonly Queue<string> _scripted = new Queue<string>();
        private readonly ChatLineReader _reader = new ChatLineReader();
        private bool _answerInterrupted;
        private NimClient _client = null!;
        private CallPump _pump = null!;
        private StreamTranscriptWriter _writer = null!;
        private ConsoleStyles _styles = null!;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string Model { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SystemPrompt { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyString]
        public string[]? InputObject { get; set; }

        [Parameter]
        [MessageTransformation]
        public Message[]? Conversation { get; set; }

        [Parameter]
        [ToolTransformation]
        public ToolDefinition[]? Tool { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Hashtable? ToolHandler { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxToolRounds { get; set; } = 5;

        [Parameter]
        [ValidateRange(0.0, 2.0)]
        public double? Temperature { get; set; }

        [Parameter]
        [ValidateAboveZero(1.0)]
        public double? TopP { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? MaxTokens { get; set; }

        [Parameter]
        [ValidateSet("none", "minimal", "low", "medium", "high", "max")]
        public string? ReasoningEffort { get; set; }

        [Parameter]
        public SwitchParameter Thinking { get; set; }

        [Parameter]
        public SwitchParameter HideReasoning { get; set; }

        [Parameter]
        [ValidateSet(nameof(NvidiaInference.ExtensionPlacement.Nvext), nameof(NvidiaInference.ExtensionPlacement.TopLevel), nameof(NvidiaInference.ExtensionPlacement.OpenAI))]
        public ExtensionPlacement ExtensionPlacement { get; set; }

        public object GetDynamicParameters() => _connection;

        protected override void BeginProcessing()
        {
            _pump = new CallPump(this);
            _client = ServerCall.Open(this, _connection, _pump);
            _styles = ConsoleStyles.For(this);
            _writer = new StreamTranscriptWriter(Show, showReasoning: !HideReasoning);
            _history.AddRange(Conversation ?? Array.Empty<Message>());
        }

        protected override void ProcessRecord()
        {
            foreach (string line in InputObject ?? Array.Empty<string>())
            {
                _scripted.Enqueue(line);
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                Converse();
            }
            finally
            {
                // The conversation is written however the chat ends, unless the pipeline itself was stopped.
                if (!Stopping)
                {
                    WriteObject(_history, enumerateCollection: true);
                }
            }
        }

        private void Converse()
        {
            bool scripted = _scripted.Count > 0;
            Show($"Chatting with {Model} at {_client.Settings.BaseUri}. /help lists the commands; /exit leaves.\n", TextStyle.Summary);
            bool lastWasEmpty = false;
            while (!Stopping)
            {
                Show("you> ", TextStyle.ToolCall);
                string? line;
                try
                {
                    line = scripted ? (_scripted.Count > 0 ? _scripted.Dequeue() : null) : _reader.Read(this);
                }
                catch (Exception e) when (e is HostException || e is NotImplementedException || e is PSNotImplementedException)
                {
                    ThrowTerminatingError(NimErrorRecords.NotInteractive(e));
                    return;
                }

                if (line is null)
                {
                    break;
                }

                if (scripted)
                {
                    // Lines piped in are shown as if typed.
                    Show(line + "\n", TextStyle.Answer);
                }

                ChatPromptCommand command = ChatPromptCommand.Parse(line);
                if (command.Action == ChatPromptAction.Empty)
                {
                    if (lastWasEmpty)
                    {
                        break;
                    }

                    lastWasEmpty = true;
                    Show("(An empty line again, Ctrl+C at this prompt again, or /exit leaves.)\n", TextStyle.Summary);
                    continue;
                }

                lastWasEmpty = false;
                if (!Run(command))
                {
                    break;
                }
            }
        }

        /// <summary>Carries out one line; false to leave.</summary>
        private bool Run(ChatPromptCommand command)
        {
            switch (command.Action)
            {
                case ChatPromptAction.Message:
                    Answer(command.Argument);
                    break;
                case ChatPromptAction.Model when command.Argument.Length > 0:
                    Model = command.Argument;
                    Show($"Now chatting with {Model}.\n", TextStyle.Summary);
                    break;
                case ChatPromptAction.System:
                    SystemPrompt = command.Argument.Length > 0 ? command.Argument : null;
                    Show(SystemPrompt is null ? "No system prompt.\n" : "System prompt set.\n", TextStyle.Summary);
                    break;
                case ChatPromptAction.Clear:
                    _history.Clear();
                    Show("The conversation is cleared.\n", TextStyle.Summary);
                    break;
                case ChatPromptAction.Save when command.Argument.Length > 0:
                    UseFile(command.Argument, Save, "saved to");
                    break;
                case ChatPromptAction.Load when command.Argument.Length > 0:
                    UseFile(command.Argument, Load, "loaded from");
                    break;
                case ChatPromptAction.Exit:
                    return false;
                case ChatPromptAction.Help:
                    Show(ChatPromptCommand.Help + "\n", TextStyle.Summary);
                    break;
                default:
                    Show($"{(command.Action == ChatPromptAction.Unknown ? $"There is no command {command.Argument}." : "That command needs an argument.")} /help lists the commands.\n", TextStyle.Warning);
                    break;
            }

            return true;
        }

        /// <summary>Sends the message with the conversation so far and shows the answer; the turn is kept only when it completes.</summary>
        private void Answer(string text)
        {
            if (!ShouldProcess($"{_client.Settings.BaseUri} ({Model})", "Send a chat message"))
            {
                return;
            }

            var request = new ChatCompletionRequest(Model)
            {
                Stream = true,
                ReasoningEffort = ReasoningEffort,
                Thinking = MyInvocation.BoundParameters.ContainsKey(nameof(Thinking)) ? Thinking.IsPresent : null,
            };
            if (Temperature is not null || TopP is not null || MaxTokens is not null)
            {
                request.Sampling = new SamplingOptions { Temperature = Temperature, TopP = TopP, MaxTokens = MaxTokens };
            }

            foreach (Message message in SystemTurn().Concat(_history).Append(NvidiaInference.Message.User(text)))
            {
                request.Messages.Add(message);
            }

            foreach (ToolDefinition tool in Tool ?? Array.Empty<ToolDefinition>())
            {
                request.Tools.Add(tool);
            }

            _writer.StartTiming();
            _answerInterrupted = false;
            try
            {
                ChatCompletionResponse? response = ToolHandler is null
                    ? Send(NimPayloadBuilder.BuildChat(request, ExtensionPlacement), request.Messages.ToArray())
                    : new ToolLoop(Send, new ToolRunner(this, ToolHandler, request.Tools).Run)
                    { MaxRounds = MaxToolRounds, Placement = ExtensionPlacement }.Run(request).Response;
                if (response is not null)
                {
                    _history.Clear();
                    _history.AddRange(response.Conversation.Skip(SystemPrompt is null ? 0 : 1));
                }
            }
            catch (OperationCanceledException) when (_answerInterrupted)
            {
                _writer.End();
                Show("(Stopped. That answer is not kept.)\n", TextStyle.Warning);
            }
            catch (NimInvalidRequestException e)
            {
                _writer.End();
                WriteError(NimErrorRecords.InvalidRequest(e, text));
            }
            catch (NimException e)
            {
                // Shown, and the chat goes on: the server may be back, or the key set, for the next line.
                _writer.End();
                _pump.Drain();
                WriteError(NimHttpErrorRecords.From(e, text).Record);
            }
        }

        /// <summary>
        /// Sends one request and shows its answer as it arrives. Only while the answer streams does Ctrl+C stop just the
        /// answer: tool calls (and their confirmation prompts) run with the console as usual.
        /// </summary>
        private ChatCompletionResponse? Send(NimPayload payload, IReadOnlyList<Message> history)
        {
            ChatCompletionResponse? response = null;
            using (var interrupt = new AnswerInterrupt(StopToken))
            {
                try
                {
                    foreach (ChatCompletionEvent chatEvent in _client.StreamChat(payload, null, interrupt.Token))
                    {
                        _pump.Drain();
                        if (_writer.Show(chatEvent) is ChatCompletionResponse complete)
                        {
                            complete.SetHistory(history);
                            response = complete;
                        }
                    }
                }
                catch (OperationCanceledException) when (interrupt.Interrupted)
                {
                    // Recorded before the exception travels on: Answer's filter runs before any finally block here would.
                    _answerInterrupted = true;
                    throw;
                }
            }

            _pump.Drain();
            return response;
        }

        private IEnumerable<Message> SystemTurn() =>
            SystemPrompt is null ? Array.Empty<Message>() : new[] { NvidiaInference.Message.System(SystemPrompt) };

        private void Save(string path)
        {
            if (ShouldProcess(path, "Save the conversation"))
            {
                File.WriteAllText(path, ConversationFile.Write(SystemTurn().Concat(_history)));
            }
        }

        private void Load(string path)
        {
            IReadOnlyList<Message> messages = ConversationFile.Read(File.ReadAllText(path));
            _history.Clear();
            _history.AddRange(messages.SkipWhile((message, i) => i == 0 && message.Role == MessageRole.System));
            if (messages.Count > 0 && messages[0].Role == MessageRole.System)
            {
                SystemPrompt = messages[0].Content?.ToString();
            }
        }

        private void UseFile(string path, Action<string> use, string done)
        {
            string full = path;
            try
            {
                full = GetUnresolvedProviderPathFromPSPath(path);
                use(full);
                Show($"{_history.Count} message(s) {done} {full}.\n", TextStyle.Summary);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException
                || e is SessionStateException || e is ProviderInvocationException || e is NimInvalidRequestException)
            {
                WriteError(NimErrorRecords.ChatFile(e, full));
            }
        }

        /// <summary>As Write-Host -NoNewline does: to the information stream, tagged for the host.</summary>
        private void Show(string text, TextStyle style) =>
            WriteInformation(new HostInformationMessage { Message = _styles.Apply(text, style), NoNewLine = true }, new[] { "PSHOST" });
    }
}
