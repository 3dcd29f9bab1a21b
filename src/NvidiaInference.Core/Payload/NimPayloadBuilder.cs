using System;
using System.Collections.Generic;
using System.Text.Json;
using NvidiaInference.Json;

namespace NvidiaInference.Payload
{
    /// <summary>Builds the exact NIM request body for a chat or completion request (docs/requests.md).</summary>
    public static class NimPayloadBuilder
    {
        /// <summary>The path of the chat API under the base URL.</summary>
        public const string ChatPath = "chat/completions";

        /// <summary>The path of the legacy completion API under the base URL.</summary>
        public const string CompletionPath = "completions";

        private const int MaxLogprobs = 20;

        /// <summary>Builds the body of POST {base}/chat/completions.</summary>
        /// <exception cref="NimInvalidRequestException">The request cannot be sent as given.</exception>
        public static NimPayload BuildChat(ChatCompletionRequest request, ExtensionPlacement placement = ExtensionPlacement.Nvext)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            RequireModel(request.Model);
            if (request.Messages.Count == 0)
            {
                throw new NimInvalidRequestException("messages", "messages is empty: a chat request needs at least one message.");
            }

            RequestValidation.CheckSampling(request.Sampling);
            RequestValidation.CheckStandardKnobs(request.Sampling, placement);
            RequestValidation.CheckLogprobs(request.Logprobs);
            RequestValidation.CheckToolChoice(request.ToolChoice, request.Tools);
            string? schema = RequestValidation.CheckJsonSchema(request.JsonSchema);
            RequestValidation.CheckGuided(schema, request.Guided, placement);
            RequestValidation.CheckPlacement(placement);
            ReasoningWriter.Check(request, placement);

            string body = PlainJson.WriteToString(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", request.Model);
                writer.WritePropertyName("messages");
                writer.WriteStartArray();
                for (int i = 0; i < request.Messages.Count; i++)
                {
                    MessageWriter.Write(writer, request.Messages[i], i, placement);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("stream", request.Stream);
                writer.WriteNumber("n", 1);
                WriteStreamOptions(writer, request.Stream, placement);
                WriteStandardSampling(writer, request.Sampling);
                WriteStandardKnobs(writer, request.Sampling);
                if (request.Tools.Count > 0)
                {
                    ToolWriter.WriteTools(writer, request.Tools);
                    if (request.ToolChoice is not null)
                    {
                        ToolWriter.WriteToolChoice(writer, request.ToolChoice);
                    }

                    WriteParallelToolCalls(writer, request.ParallelToolCalls);
                }

                if (request.Logprobs is int topLogprobs)
                {
                    writer.WriteBoolean("logprobs", true);
                    writer.WriteNumber("top_logprobs", topLogprobs);
                }

                ReasoningWriter.WriteTopLevel(writer, request);
                WriteExtensions(writer, request.Sampling, schema, request.Guided, placement, request.MaxThinkingTokens);
                writer.WriteEndObject();
            });

            return new NimPayload(ChatPath, body, Headers(request.Stream), request.Stream);
        }

        /// <summary>Builds the body of POST {base}/completions.</summary>
        /// <exception cref="NimInvalidRequestException">The request cannot be sent as given.</exception>
        public static NimPayload BuildCompletion(CompletionRequest request, ExtensionPlacement placement = ExtensionPlacement.Nvext)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            RequireModel(request.Model);
            RequestValidation.CheckSampling(request.Sampling);
            RequestValidation.CheckStandardKnobs(request.Sampling, placement);
            RequestValidation.CheckLogprobs(request.Logprobs);
            string? schema = RequestValidation.CheckJsonSchema(request.JsonSchema);
            RequestValidation.CheckCompletionSchema(schema, placement);
            RequestValidation.CheckGuided(schema, request.Guided, placement);
            RequestValidation.CheckPlacement(placement);

            string body = PlainJson.WriteToString(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", request.Model);
                writer.WriteString("prompt", request.Prompt ?? throw new NimInvalidRequestException("content", "A completion request needs a prompt."));
                writer.WriteBoolean("stream", request.Stream);
                writer.WriteNumber("n", 1);
                WriteStreamOptions(writer, request.Stream, placement);
                WriteStandardSampling(writer, request.Sampling);
                WriteStandardKnobs(writer, request.Sampling);
                if (request.Logprobs is int logprobs)
                {
                    writer.WriteNumber("logprobs", logprobs);
                }

                WriteExtensions(writer, request.Sampling, schema, request.Guided, placement);
                writer.WriteEndObject();
            });

            return new NimPayload(CompletionPath, body, Headers(request.Stream), request.Stream);
        }

        private static void RequireModel(string model)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new NimInvalidRequestException("model", "The request needs a model, such as meta/llama-3.1-8b-instruct.");
            }
        }

        /// <summary>
        /// Only the OpenAI dialect asks for usage in a stream: OpenAI and llama-server send none otherwise, while some
        /// hosted NIM endpoints reject stream_options (docs/requests.md, Extension placement) and NIM's body never carried it.
        /// </summary>
        private static void WriteStreamOptions(Utf8JsonWriter writer, bool stream, ExtensionPlacement placement)
        {
            if (stream && placement == ExtensionPlacement.OpenAI)
            {
                writer.WritePropertyName("stream_options");
                writer.WriteStartObject();
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }
        }

        private static void WriteStandardSampling(Utf8JsonWriter writer, SamplingOptions? sampling)
        {
            if (sampling is null)
            {
                return;
            }

            if (sampling.MaxTokens is int maxTokens)
            {
                writer.WriteNumber("max_tokens", maxTokens);
            }

            if (sampling.Temperature is double temperature)
            {
                writer.WriteNumber("temperature", temperature);
            }

            if (sampling.TopP is double topP)
            {
                writer.WriteNumber("top_p", topP);
            }

            if (sampling.Stop.Count > 0)
            {
                writer.WritePropertyName("stop");
                writer.WriteStartArray();
                foreach (string stop in sampling.Stop)
                {
                    writer.WriteStringValue(stop);
                }

                writer.WriteEndArray();
            }
        }

        private static void WriteExtensions(Utf8JsonWriter writer, SamplingOptions? sampling, string? schema, GuidedDecoding? guided, ExtensionPlacement placement,
            int? maxThinkingTokens = null)
        {
            if (placement == ExtensionPlacement.OpenAI)
            {
                WriteOpenAIExtensions(writer, schema);
                return;
            }

            bool any = sampling?.RepetitionPenalty is not null || sampling?.TopK is not null || sampling?.MinTokens is not null || schema is not null || guided is not null
                || maxThinkingTokens is not null;
            if (!any)
            {
                // Never an empty nvext: some hosted models reject it as an unknown field (docs/requests.md, The body).
                return;
            }

            if (placement == ExtensionPlacement.Nvext)
            {
                writer.WritePropertyName("nvext");
                writer.WriteStartObject();
            }

            if (sampling?.RepetitionPenalty is double penalty)
            {
                writer.WriteNumber("repetition_penalty", penalty);
            }

            if (sampling?.TopK is int topK)
            {
                writer.WriteNumber("top_k", topK);
            }

            if (sampling?.MinTokens is int minTokens)
            {
                writer.WriteNumber("min_tokens", minTokens);
            }

            if (schema is not null)
            {
                writer.WritePropertyName("guided_json");
                writer.WriteRawValue(schema);
            }

            if (guided is not null)
            {
                writer.WritePropertyName(guided.Field);
                PlainJson.Write(writer, guided.Value);
            }

            if (maxThinkingTokens is int budget)
            {
                // NIM's thinking budget: the server closes the thinking after this many tokens (docs/reasoning.md, Steering).
                writer.WriteNumber("max_thinking_tokens", budget);
            }

            if (placement == ExtensionPlacement.Nvext)
            {
                writer.WriteEndObject();
            }
        }

        /// <summary>
        /// OpenAI-style servers: no NIM sampling field. Any that would change the result was refused before (top_k and
        /// repetition_penalty other than their neutral -1 and 1.0, min_tokens); the neutral ones are left out, the same
        /// request for a server that knows them and a valid one for a server that does not.
        /// </summary>
        private static void WriteOpenAIExtensions(Utf8JsonWriter writer, string? schema)
        {
            if (schema is not null)
            {
                writer.WritePropertyName("response_format");
                writer.WriteStartObject();
                writer.WriteString("type", "json_schema");
                writer.WritePropertyName("json_schema");
                writer.WriteStartObject();
                writer.WriteString("name", "response");
                writer.WritePropertyName("schema");
                writer.WriteRawValue(schema);
                writer.WriteBoolean("strict", true);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        /// <summary>Seed and the OpenAI penalties: standard top-level fields in every placement.</summary>
        private static void WriteStandardKnobs(Utf8JsonWriter writer, SamplingOptions? sampling)
        {
            if (sampling?.Seed is long seed)
            {
                writer.WriteNumber("seed", seed);
            }

            if (sampling?.FrequencyPenalty is double frequencyPenalty)
            {
                writer.WriteNumber("frequency_penalty", frequencyPenalty);
            }

            if (sampling?.PresencePenalty is double presencePenalty)
            {
                writer.WriteNumber("presence_penalty", presencePenalty);
            }
        }

        /// <summary>Sent only when given, and only with tools (OpenAI refuses parallel_tool_calls without them).</summary>
        private static void WriteParallelToolCalls(Utf8JsonWriter writer, bool? parallelToolCalls)
        {
            if (parallelToolCalls is bool parallel)
            {
                writer.WriteBoolean("parallel_tool_calls", parallel);
            }
        }

        private static IReadOnlyDictionary<string, string> Headers(bool stream) => new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Accept"] = stream ? "text/event-stream" : "application/json",
            ["User-Agent"] = ModuleInfo.UserAgent,
        };
    }
}
