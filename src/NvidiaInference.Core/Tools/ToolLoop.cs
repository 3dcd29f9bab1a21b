using System;
using System.Collections.Generic;
using System.Linq;
using NvidiaInference.Payload;

namespace NvidiaInference.Tools
{
    /// <summary>
    /// The tool loop of a chat: send the request; while the model answers with tool calls, have them run, add the
    /// model's turn and the tools' results to the conversation, and ask again, up to a number of rounds. How a request
    /// is sent (streamed or not, with what output) and how tools run (which are allowed, how each is confirmed) are the
    /// caller's, given as delegates; the loop owns the rounds, the history and the tool choice.
    /// </summary>
    public sealed class ToolLoop
    {
        private readonly Func<NimPayload, IReadOnlyList<Message>, ChatCompletionResponse?> _send;
        private readonly Func<IReadOnlyList<ToolCall>, IReadOnlyList<Message>?> _runTools;

        /// <summary>Creates a loop.</summary>
        /// <param name="send">
        /// Sends one round's payload, given with the conversation it carries, and returns the whole answer (null when
        /// there is none, which ends the loop).
        /// </param>
        /// <param name="runTools">
        /// Runs the tool calls of one answer and returns the tool messages to send back, in call order; null stops the loop
        /// (declined, or a tool the caller cannot run).
        /// </param>
        public ToolLoop(Func<NimPayload, IReadOnlyList<Message>, ChatCompletionResponse?> send, Func<IReadOnlyList<ToolCall>, IReadOnlyList<Message>?> runTools)
        {
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _runTools = runTools ?? throw new ArgumentNullException(nameof(runTools));
        }

        /// <summary>The most rounds of tool calls run before the loop stops with the last answer (5 unless set).</summary>
        public int MaxRounds { get; set; } = 5;

        /// <summary>Where the request's extensions go in every round's body.</summary>
        public ExtensionPlacement Placement { get; set; } = ExtensionPlacement.Nvext;

        /// <summary>
        /// Runs the loop on a copy of <paramref name="request"/> (the request itself is not changed). A forced tool choice
        /// (required, or a tool's name) applies to the first round only; after it the model chooses freely, or it would be
        /// forced to call a tool in every round.
        /// </summary>
        /// <exception cref="NimInvalidRequestException">The request cannot be sent as given.</exception>
        public ToolLoopResult Run(ChatCompletionRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            ChatCompletionRequest conversation = request.Copy();
            for (int round = 0; ; round++)
            {
                NimPayload payload = NimPayloadBuilder.BuildChat(conversation, Placement);
                ChatCompletionResponse? response = _send(payload, conversation.Messages.ToArray());
                if (response is null || response.ToolCalls.Count == 0)
                {
                    return new ToolLoopResult(response, round, ToolLoopEnd.Answered);
                }

                if (round == MaxRounds)
                {
                    return new ToolLoopResult(response, round, ToolLoopEnd.MaxRounds);
                }

                IReadOnlyList<Message>? results = _runTools(response.ToolCalls);
                if (results is null)
                {
                    return new ToolLoopResult(response, round, ToolLoopEnd.ToolsNotRun);
                }

                conversation.Messages.Add(response.AssistantTurn());
                foreach (Message result in results)
                {
                    conversation.Messages.Add(result);
                }

                if (conversation.ToolChoice is not null && conversation.ToolChoice != "none")
                {
                    conversation.ToolChoice = null;
                }
            }
        }
    }
}
