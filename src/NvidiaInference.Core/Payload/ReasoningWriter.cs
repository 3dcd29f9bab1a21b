using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Payload
{
    /// <summary>
    /// Writes how a request steers a reasoning model (docs/reasoning.md, Steering): <c>reasoning_effort</c> at the top level
    /// in every placement, <c>chat_template_kwargs</c> at the top level outside the OpenAI placement, and NIM's thinking
    /// budget, which travels with the other NIM extensions (see <see cref="NimPayloadBuilder"/>).
    /// </summary>
    internal static class ReasoningWriter
    {
        /// <summary>The template switches that turn thinking on or off: Qwen3 and Nemotron 3 read the first, DeepSeek V3.1+ the second.</summary>
        private static readonly string[] ThinkingSwitches = { "enable_thinking", "thinking" };

        /// <summary>Refuses, before anything is sent, what the placement cannot carry.</summary>
        /// <exception cref="NimInvalidRequestException">A field the placement does not send, or a budget below zero.</exception>
        public static void Check(ChatCompletionRequest request, ExtensionPlacement placement)
        {
            if (request.ReasoningEffort is string effort && string.IsNullOrWhiteSpace(effort))
            {
                throw new NimInvalidRequestException("reasoning_effort", "reasoning_effort cannot be empty; leave it out to use the model's default.");
            }

            if (request.MaxThinkingTokens is int budget && budget < 0)
            {
                throw new NimInvalidRequestException("max_thinking_tokens", $"max_thinking_tokens must be 0 or more; it is {budget}.");
            }

            if (placement != ExtensionPlacement.OpenAI)
            {
                return;
            }

            if (request.Thinking is not null || request.ChatTemplateArguments.Count > 0)
            {
                throw new NimInvalidRequestException("chat_template_kwargs",
                    "chat_template_kwargs (thinking on or off, and other template switches) is not a standard field, and the OpenAI placement sends standard fields only: steer the thinking with reasoning_effort, or use the Nvext or TopLevel placement.");
            }

            if (request.MaxThinkingTokens is not null)
            {
                throw new NimInvalidRequestException("max_thinking_tokens",
                    "max_thinking_tokens is a NIM extension, and the OpenAI placement sends standard fields only: steer the thinking with reasoning_effort, or use the Nvext or TopLevel placement.");
            }
        }

        /// <summary>The top-level fields: reasoning_effort and chat_template_kwargs.</summary>
        public static void WriteTopLevel(Utf8JsonWriter writer, ChatCompletionRequest request)
        {
            if (request.ReasoningEffort is string effort)
            {
                writer.WriteString("reasoning_effort", effort);
            }

            if (request.Thinking is null && request.ChatTemplateArguments.Count == 0)
            {
                return;
            }

            var arguments = new Dictionary<string, object?>(System.StringComparer.Ordinal);
            if (request.Thinking is bool thinking)
            {
                foreach (string name in ThinkingSwitches)
                {
                    arguments[name] = thinking;
                }
            }

            foreach (KeyValuePair<string, object?> argument in request.ChatTemplateArguments)
            {
                arguments[argument.Key] = argument.Value;
            }

            writer.WritePropertyName("chat_template_kwargs");
            PlainJson.Write(writer, arguments);
        }
    }
}
