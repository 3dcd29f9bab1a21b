using System;
using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Payload
{
    /// <summary>Checks that a request holds only values the wire allows, naming the field at fault.</summary>
    internal static class RequestValidation
    {
        public static void CheckSampling(SamplingOptions? sampling)
        {
            if (sampling is null)
            {
                return;
            }

            if (sampling.Temperature is double temperature && (temperature < 0 || double.IsNaN(temperature) || temperature > 2))
            {
                throw new NimInvalidRequestException("temperature", $"temperature must be between 0 and 2; it is {temperature}.");
            }

            if (sampling.TopP is double topP && (!(topP > 0) || topP > 1))
            {
                throw new NimInvalidRequestException("top_p", $"top_p must be greater than 0 and at most 1; it is {topP}.");
            }

            if (sampling.TopK is int topK && topK < 1 && topK != -1)
            {
                throw new NimInvalidRequestException("top_k", $"top_k must be -1 (disabled) or at least 1; it is {topK}.");
            }

            if (sampling.RepetitionPenalty is double penalty && (!(penalty > 0) || penalty > 2))
            {
                throw new NimInvalidRequestException("repetition_penalty", $"repetition_penalty must be greater than 0 and at most 2; it is {penalty}.");
            }

            if (sampling.MaxTokens is int maxTokens && maxTokens < 1)
            {
                throw new NimInvalidRequestException("max_tokens", $"max_tokens must be at least 1; it is {maxTokens}.");
            }

            for (int i = 0; i < sampling.Stop.Count; i++)
            {
                if (string.IsNullOrEmpty(sampling.Stop[i]))
                {
                    throw new NimInvalidRequestException($"stop[{i}]", "A stop sequence cannot be empty.");
                }
            }
        }

        public static void CheckLogprobs(int? logprobs)
        {
            if (logprobs is int k && (k < 0 || k > 20))
            {
                throw new NimInvalidRequestException("logprobs.top_k", $"The number of logprobs per token must be between 0 and 20; it is {k}.");
            }
        }

        public static void CheckToolChoice(string? toolChoice, IList<ToolDefinition> tools)
        {
            if (toolChoice is null || tools.Count == 0)
            {
                return;
            }

            switch (toolChoice)
            {
                case "auto":
                case "required":
                case "none":
                    return;
            }

            foreach (ToolDefinition tool in tools)
            {
                if (tool.Name == toolChoice)
                {
                    return;
                }
            }

            throw new NimInvalidRequestException("tool_choice", $"tool_choice '{toolChoice}' is neither auto, required nor none, nor the name of one of the tools given.");
        }

        /// <summary>Auto is resolved by probing a server; a body can only be built for a concrete placement.</summary>
        public static void CheckPlacement(ExtensionPlacement placement)
        {
            if (placement == ExtensionPlacement.Auto)
            {
                throw new NimInvalidRequestException("ExtensionPlacement", "ExtensionPlacement Auto needs a server to probe; give Nvext, TopLevel or OpenAI to build a body offline.");
            }
        }

        /// <summary>One guided mode at a time (servers answer 400 otherwise); regex, choice and grammar are NIM's own.</summary>
        public static void CheckGuided(string? schema, GuidedDecoding? guided, ExtensionPlacement placement)
        {
            if (guided is null)
            {
                return;
            }

            if (schema is not null)
            {
                throw new NimInvalidRequestException(guided.Field, $"Only one guided mode can be used at a time: a JSON schema and {guided.Field} were both given.");
            }

            if (placement == ExtensionPlacement.OpenAI)
            {
                throw new NimInvalidRequestException(guided.Field, $"{guided.Field} is a NIM (vLLM) extension that OpenAI-style servers do not know; use the Nvext or TopLevel extension placement, or a JSON schema.");
            }
        }

        /// <summary>Returns the schema as compact JSON text, or throws when it is not a JSON object.</summary>
        public static string? CheckJsonSchema(string? schema) => schema is null ? null : CheckJsonObject(schema, "response_format.json_schema");

        public static string CheckJsonObject(string json, string field)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new NimInvalidRequestException(field, $"{field} must be a JSON object; it is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
                }

                return PlainJson.Compact(document.RootElement);
            }
            catch (JsonException e)
            {
                throw new NimInvalidRequestException(field, $"{field} is not valid JSON: {e.Message}");
            }
        }

        /// <summary>
        /// Seed, the OpenAI penalties and min_tokens; and, in the OpenAI placement, no NIM-only sampling field that would
        /// change the result (OpenAI rejects top_k, repetition_penalty and min_tokens). The neutral top_k -1 and
        /// repetition_penalty 1.0 that greedy decoding and Llama Stack's defaults carry change nothing and are left out.
        /// </summary>
        public static void CheckStandardKnobs(SamplingOptions? sampling, ExtensionPlacement placement)
        {
            if (sampling is null)
            {
                return;
            }

            CheckPenalty(sampling.FrequencyPenalty, "frequency_penalty");
            CheckPenalty(sampling.PresencePenalty, "presence_penalty");
            if (sampling.MinTokens is int minTokens && minTokens < 0)
            {
                throw new NimInvalidRequestException("min_tokens", $"min_tokens must be 0 or more; it is {minTokens}.");
            }

            if (sampling.MaxTokens is int max && sampling.MinTokens is int min && min > max)
            {
                throw new NimInvalidRequestException("min_tokens", $"min_tokens ({min}) cannot be more than max_tokens ({max}).");
            }

            if (placement != ExtensionPlacement.OpenAI)
            {
                return;
            }

            if (sampling.TopK is int topK && topK != -1)
            {
                throw NotInOpenAIPlacement("top_k");
            }

            if (sampling.RepetitionPenalty is double penalty && penalty != 1.0)
            {
                throw NotInOpenAIPlacement("repetition_penalty");
            }

            if (sampling.MinTokens is not null)
            {
                throw NotInOpenAIPlacement("min_tokens");
            }
        }

        /// <summary>The completions API of OpenAI-style servers has no response_format: a schema there would be ignored.</summary>
        public static void CheckCompletionSchema(string? schema, ExtensionPlacement placement)
        {
            if (schema is not null && placement == ExtensionPlacement.OpenAI)
            {
                throw new NimInvalidRequestException("response_format", "A JSON schema cannot be sent to /completions in the OpenAI placement: OpenAI-style completion APIs have no response_format and would ignore it. The Nvext and TopLevel placements send it as NIM's guided_json; the chat API takes response_format.");
            }
        }

        private static void CheckPenalty(double? value, string field)
        {
            if (value is double penalty && (double.IsNaN(penalty) || penalty < -2 || penalty > 2))
            {
                throw new NimInvalidRequestException(field, $"{field} must be between -2 and 2; it is {penalty}.");
            }
        }

        private static NimInvalidRequestException NotInOpenAIPlacement(string field) =>
            new NimInvalidRequestException(field, $"{field} is not a standard OpenAI field and OpenAI-style servers reject it, so it cannot be sent in the OpenAI placement; the Nvext and TopLevel placements send it to a NIM or vLLM server.");
    }
}
