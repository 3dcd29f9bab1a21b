using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using NvidiaInference.Json;
using NvidiaInference.Payload;
using NvidiaInference.Reasoning;
using NvidiaInference.Responses;

namespace NvidiaInference.Http
{
    /// <summary>
    /// Probes what an endpoint can do with small, cheap requests (at most thirteen): reachable and authenticated, models,
    /// health, chat, thinking (in which form, and whether it can be switched off), streaming, usage in streams, tool calls
    /// plain and streamed, structured output in each extension placement (the output must follow the schema, not merely
    /// be accepted), logprobs and legacy completions. A model that does not chat is asked whether it embeds or ranks (two
    /// more requests); a retriever gets no chat probes.
    /// </summary>
    public sealed class EndpointProbe
    {
        private static readonly ExtensionPlacement[] Placements = { ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel, ExtensionPlacement.OpenAI };
        private readonly NimClient _client;
        private readonly CancellationToken _cancellation;
        private readonly HashSet<ExtensionPlacement> _answered = new HashSet<ExtensionPlacement>();
        private string? _chatAnswer;

        /// <summary>Creates a probe over <paramref name="settings"/>; probes are not retried and have short timeouts.</summary>
        public EndpointProbe(NimConnectionSettings settings, CancellationToken cancellationToken = default)
            : this(settings, null, cancellationToken)
        {
        }

        /// <summary>Creates a probe whose requests go through <paramref name="http"/> (a test's fake transport), or the shared pool when null.</summary>
        internal EndpointProbe(NimConnectionSettings settings, HttpClient? http, CancellationToken cancellationToken)
        {
            NimConnectionSettings probeSettings = (settings ?? throw new ArgumentNullException(nameof(settings))).Copy();
            probeSettings.MaxRetryCount = 0;
            probeSettings.Timeout = TimeSpan.FromSeconds(Math.Min(probeSettings.Timeout.TotalSeconds, 60));
            _client = http is null ? new NimClient(probeSettings) : new NimClient(probeSettings, http);
            _cancellation = cancellationToken;
        }

        /// <summary>The model the chat probes used: the one given, else the first the server lists.</summary>
        public string? Model { get; private set; }

        /// <summary>Receives one line per request sent, as <see cref="NimClient.Verbose"/> does.</summary>
        public Action<string>? Verbose
        {
            get => _client.Verbose;
            set => _client.Verbose = value;
        }

        /// <summary>
        /// Runs the probes and yields one result per capability as it is known, then the recommended placement. With
        /// <paramref name="quick"/>, only reachability, models, health and chat.
        /// </summary>
        public IEnumerable<EndpointCheck> Run(string? model, bool quick)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<NimModel>? models = null;
            Exception? failure = Capture(() => models = _client.GetModels(_cancellation));
            yield return Reachability(failure, clock.Elapsed);
            if (failure is not null && !(failure is NimRequestFailedException { StatusCode: HttpStatusCode.NotFound }))
            {
                // Unreachable or not allowed in: every other probe would fail the same way.
                yield break;
            }

            yield return Measure("ModelsListed", () => models is null
                ? (EndpointCheckStatus.NotSupported, "GET /v1/models is not served.")
                : models.Count > 0 ? (EndpointCheckStatus.Passed, $"{models.Count} model(s): {string.Join(", ", models.Take(5).Select(m => m.Id))}")
                : (EndpointCheckStatus.Failed, "The model list is empty."));
            yield return Measure("HealthReady", Health);
            model ??= models?.FirstOrDefault()?.Id;
            Model = model;
            if (model is null)
            {
                yield return new EndpointCheck("Chat", EndpointCheckStatus.Skipped, TimeSpan.Zero, "No model was given, and GET /v1/models lists none.");
                yield break;
            }

            EndpointCheck chat = Measure("Chat", () => Chat(model));
            yield return chat;
            if (chat.Status != EndpointCheckStatus.Passed)
            {
                // Perhaps a retriever: a model that embeds or ranks is reported as such, and the chat probes would only fail.
                bool retriever = false;
                foreach (EndpointCheck check in RetrievalChecks(model))
                {
                    retriever |= check.Status == EndpointCheckStatus.Passed;
                    yield return check;
                }

                if (retriever)
                {
                    yield break;
                }
            }

            if (quick)
            {
                yield break;
            }

            yield return Measure("Reasoning", () => Reasoning(model));
            foreach (EndpointCheck check in Streaming(model))
            {
                yield return check;
            }

            yield return Measure("ToolCalls", () => Tools(model, stream: false));
            yield return Measure("ToolCallsStreamed", () => Tools(model, stream: true));
            var structured = new List<EndpointCheck>();
            foreach (ExtensionPlacement placement in Placements)
            {
                EndpointCheck check = Measure("StructuredOutput", () => Structured(model, placement), placement);
                structured.Add(check);
                yield return check;
            }

            yield return Measure("Logprobs", () => Logprobs(model));
            yield return Measure("Completions", () => Completion(model));
            yield return PlacementRecommendations.Recommend(structured, _answered);
        }

        /// <summary>Probes only structured output in each placement and returns the recommendation (for -ExtensionPlacement Auto).</summary>
        public EndpointCheck RecommendPlacement(string model) =>
            PlacementRecommendations.Recommend(Placements.Select(p => Measure("StructuredOutput", () => Structured(model, p), p)).ToList(), _answered);

        private static EndpointCheck Reachability(Exception? failure, TimeSpan duration) => failure switch
        {
            null => new EndpointCheck("Reachable", EndpointCheckStatus.Passed, duration, "GET /v1/models answered."),
            NimRequestFailedException { StatusCode: HttpStatusCode.NotFound } => new EndpointCheck("Reachable", EndpointCheckStatus.Passed, duration, "The server answered (GET /v1/models is not served)."),
            NimRequestFailedException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } e =>
                new EndpointCheck("Reachable", EndpointCheckStatus.Failed, duration, $"Not authenticated: {e.Message}"),
            _ => new EndpointCheck("Reachable", EndpointCheckStatus.Failed, duration, failure.Message),
        };

        private (EndpointCheckStatus, string) Health()
        {
            try
            {
                _client.GetText("health/ready", _cancellation);
                return (EndpointCheckStatus.Passed, "GET /v1/health/ready answered 200.");
            }
            catch (NimRequestFailedException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return (EndpointCheckStatus.NotSupported, "GET /v1/health/ready is not served (NIM containers serve it; other servers need not).");
            }
        }

        private (EndpointCheckStatus, string) Chat(string model)
        {
            _chatAnswer = _client.CompleteText(NimPayloadBuilder.BuildChat(ChatProbe(model)), _cancellation);
            ChatCompletionResponse response = ResponseConverter.ConvertChat(_chatAnswer);
            return response.Content.Length > 0 || response.StopReason == StopReason.OutOfTokens
                ? (EndpointCheckStatus.Passed, $"Answered \"{Shorten(response.Content)}\" ({response.StopReason}).")
                : (EndpointCheckStatus.Failed, "The answer was empty.");
        }

        private static ChatCompletionRequest ChatProbe(string model) => Request(model, "Reply with the single word: pong", 8);

        /// <summary>
        /// Whether the chat probe's answer held thinking, and in which form; if it did, whether thinking switched off
        /// through the chat template (both template switches, as -Thinking:$false sends them) takes it away.
        /// </summary>
        private (EndpointCheckStatus, string) Reasoning(string model)
        {
            if (_chatAnswer is null)
            {
                return (EndpointCheckStatus.Skipped, "The chat probe did not answer.");
            }

            if (ReasoningForms.Detect(_chatAnswer) is not string form)
            {
                return (EndpointCheckStatus.NotSupported, "The model answered without thinking (no reasoning_content, reasoning or think tags).");
            }

            ChatCompletionRequest off = ChatProbe(model);
            off.Thinking = false;
            string switchedOff;
            try
            {
                switchedOff = ReasoningForms.Detect(_client.CompleteText(NimPayloadBuilder.BuildChat(off), _cancellation)) is null
                    ? "thinking switched off through chat_template_kwargs answered without it"
                    : "thinking switched off through chat_template_kwargs still thought";
            }
            catch (NimRequestFailedException e) when ((int)e.StatusCode is >= 400 and < 500 && e.StatusCode != HttpStatusCode.Unauthorized && e.StatusCode != HttpStatusCode.Forbidden)
            {
                switchedOff = $"switching it off through chat_template_kwargs was refused ({(int)e.StatusCode})";
            }

            return (EndpointCheckStatus.Passed, $"The model thinks, in {form}; {switchedOff}.");
        }

        private IEnumerable<EndpointCheck> Streaming(string model)
        {
            var clock = Stopwatch.StartNew();
            var events = new List<ChatCompletionEvent>();
            ChatCompletionRequest request = Request(model, "Count from 1 to 5, separated by spaces.", 24);
            request.Stream = true;
            Exception? failure = Capture(() => events.AddRange(_client.StreamChat(NimPayloadBuilder.BuildChat(request), null, _cancellation)));
            int progress = events.Count(e => e.EventType == ChatCompletionEventType.Progress);
            bool complete = events.LastOrDefault()?.EventType == ChatCompletionEventType.Complete;
            yield return failure is not null
                ? Result("Streaming", failure, clock.Elapsed)
                : new EndpointCheck("Streaming", complete && progress >= 2 ? EndpointCheckStatus.Passed : EndpointCheckStatus.Failed, clock.Elapsed,
                    complete && progress >= 2 ? $"{progress} progress events, then Complete." : $"{progress} progress event(s); {(complete ? "not incremental" : "no Complete event")}.");
            if (failure is not null)
            {
                yield break;
            }

            if (events.Last().Usage is Usage usage)
            {
                yield return new EndpointCheck("StreamUsage", EndpointCheckStatus.Passed, TimeSpan.Zero, $"Usage on the last chunk: {usage}.");
                yield break;
            }

            // Many servers send usage in a stream only when asked with stream_options, which the OpenAI dialect sends.
            yield return Measure("StreamUsage", () =>
            {
                Usage? asked = _client.StreamChat(NimPayloadBuilder.BuildChat(request, ExtensionPlacement.OpenAI), null, _cancellation).LastOrDefault()?.Usage;
                return asked is null
                    ? (EndpointCheckStatus.NotSupported, "No usage in the stream, even with stream_options.include_usage.")
                    : (EndpointCheckStatus.Passed, $"Usage only with stream_options (the OpenAI placement): {asked}.");
            });
        }

        private (EndpointCheckStatus, string) Tools(string model, bool stream)
        {
            ChatCompletionRequest request = Request(model, "What is the weather in Paris? Use the tool.", 64);
            var tool = new ToolDefinition("get_weather") { Description = "Gets the current weather for a city." };
            tool.Parameters.Add(new ToolParameter("city", "string") { Description = "The city." });
            request.Tools.Add(tool);
            request.ToolChoice = "get_weather";
            request.Stream = stream;
            NimPayload payload = NimPayloadBuilder.BuildChat(request);
            IReadOnlyList<ToolCall> calls = stream
                ? _client.StreamChat(payload, null, _cancellation).LastOrDefault()?.Response?.ToolCalls ?? Array.Empty<ToolCall>()
                : _client.CompleteChat(payload, _cancellation).ToolCalls;
            if (calls.Count == 0)
            {
                return (EndpointCheckStatus.NotSupported, "The server answered without a tool call although one was required.");
            }

            ToolCall call = calls[0];
            return call.ToolName == "get_weather" && call.ParseStatus == ToolCallParseStatus.Succeeded
                ? (EndpointCheckStatus.Passed, $"Called {call}.")
                : (EndpointCheckStatus.Failed, $"The call did not parse or has the wrong shape: {call}.");
        }

        /// <summary>
        /// Asks for an answer whose only allowed values carry a random word: a model that was not guided by the schema
        /// cannot guess them, so passing proves the placement's structured output is honoured, not merely accepted.
        /// </summary>
        private (EndpointCheckStatus, string) Structured(string model, ExtensionPlacement placement)
        {
            string word = Guid.NewGuid().ToString("N").Substring(0, 8);
            var allowed = new[] { "yes_" + word, "no_" + word };
            ChatCompletionRequest request = Request(model, "Is water wet? Answer in JSON.", 32);
            request.JsonSchema = PlainJson.Serialize(new Dictionary<string, object?>
            {
                ["type"] = "object",
                ["properties"] = new Dictionary<string, object?> { ["answer"] = new Dictionary<string, object?> { ["type"] = "string", ["enum"] = allowed } },
                ["required"] = new[] { "answer" },
                ["additionalProperties"] = false,
            });
            ChatCompletionResponse response;
            try
            {
                response = _client.CompleteChat(NimPayloadBuilder.BuildChat(request, placement), _cancellation);
            }
            catch (NimRequestFailedException e) when ((int)e.StatusCode is >= 400 and < 500 && e.StatusCode != HttpStatusCode.Unauthorized && e.StatusCode != HttpStatusCode.Forbidden)
            {
                _answered.Remove(placement);
                return (EndpointCheckStatus.NotSupported, $"Refused: {e.Message}");
            }

            _answered.Add(placement);
            return Follows(response.Content, allowed)
                ? (EndpointCheckStatus.Passed, $"Followed the schema: {Shorten(response.Content)}")
                : (EndpointCheckStatus.NotSupported, $"Answered, but not as the schema asks: {Shorten(response.Content)}");
        }

        private (EndpointCheckStatus, string) Logprobs(string model)
        {
            ChatCompletionRequest request = Request(model, "Say yes.", 4);
            request.Logprobs = 2;
            ChatCompletionResponse response = _client.CompleteChat(NimPayloadBuilder.BuildChat(request), _cancellation);
            return response.Logprobs is { Count: > 0 } logprobs
                ? (EndpointCheckStatus.Passed, $"{logprobs.Count} token(s) with logprobs, e.g. {logprobs[0]}.")
                : (EndpointCheckStatus.NotSupported, "The answer carried no logprobs.");
        }

        private (EndpointCheckStatus, string) Completion(string model)
        {
            var request = new CompletionRequest(model, "The capital of France is") { Sampling = new SamplingOptions { MaxTokens = 4, Temperature = 0 } };
            CompletionResponse response = _client.Complete(NimPayloadBuilder.BuildCompletion(request), _cancellation);
            return (EndpointCheckStatus.Passed, $"Completed \"{Shorten(response.Content)}\" ({response.StopReason}).");
        }

        /// <summary>An answer follows the probe schema when it is a JSON object with only "answer", being one of the allowed values.</summary>
        internal static bool Follows(string content, IReadOnlyCollection<string> allowed)
        {
            try
            {
                return PlainJson.Parse(content) is IDictionary<string, object?> answer && answer.Count == 1
                    && answer.TryGetValue("answer", out object? value) && value is string text && allowed.Contains(text);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private static ChatCompletionRequest Request(string model, string prompt, int maxTokens)
        {
            var request = new ChatCompletionRequest(model) { Sampling = new SamplingOptions { MaxTokens = maxTokens, Temperature = 0 } };
            request.Messages.Add(Message.User(prompt));
            return request;
        }

        private EndpointCheck Measure(string capability, Func<(EndpointCheckStatus Status, string Detail)> probe, ExtensionPlacement? placement = null)
        {
            var clock = Stopwatch.StartNew();
            (EndpointCheckStatus, string)? outcome = null;
            Exception? failure = Capture(() => outcome = probe());
            return outcome is (EndpointCheckStatus status, string detail)
                ? new EndpointCheck(capability, status, clock.Elapsed, detail, placement)
                : Result(capability, failure!, clock.Elapsed, placement);
        }

        /// <summary>A refusal (400, 404, 422) means not supported; anything else that went wrong is a failure.</summary>
        private static EndpointCheck Result(string capability, Exception failure, TimeSpan duration, ExtensionPlacement? placement = null)
        {
            bool refused = failure is NimRequestFailedException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.NotFound or (HttpStatusCode)422 or HttpStatusCode.NotImplemented };
            return new EndpointCheck(capability, refused ? EndpointCheckStatus.NotSupported : EndpointCheckStatus.Failed, duration,
                $"{(refused ? "Refused" : "Failed")}: {failure.Message}", placement);
        }

        /// <summary>
        /// Runs a probe step; the module's own failures are results, not exceptions. Cancellation still ends the run, and so
        /// does a key the rules refuse: nothing was sent, and every probe would fail the same way.
        /// </summary>
        private Exception? Capture(Action step)
        {
            try
            {
                step();
                return null;
            }
            // A refused key is no probe result: nothing was sent, and every probe would fail alike, so it ends the run.
            catch (NimException e) when (!(e is NimApiKeyRequiredException || e is NimUnencryptedAuthenticationException))
            {
                return e;
            }
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "...";

        /// <summary>
        /// The probes of a model that does not chat: Embeddings (POST /v1/embeddings) and Reranking (POST /v1/ranking, or
        /// the model's own URL on the hosted API). An answer of the wrong shape means the server does not do it.
        /// </summary>
        private IEnumerable<EndpointCheck> RetrievalChecks(string model)
        {
            yield return Measure("Embeddings", () => Retrieval("POST /v1/embeddings", () =>
            {
                EmbeddingResponse response = _client.Embed(new EmbeddingRequest(model, new[] { "ping" }), _cancellation);
                return $"Answered POST /v1/embeddings with a vector of {response.Vectors[0].Length} dimensions: an embedding model.";
            }));
            yield return Measure("Reranking", () => Retrieval("POST /v1/ranking", () =>
            {
                IReadOnlyList<RankedPassage> ranked = _client.Rank(new RankingRequest(model, "ping", new[] { "pong" }), _cancellation);
                return ranked.Count == 0
                    ? throw new NimProtocolException("The rankings list is empty.", null)
                    : $"Answered the ranking request (logit {ranked[0].Logit:0.###}): a reranking model.";
            }));
        }

        private static (EndpointCheckStatus, string) Retrieval(string request, Func<string> probe)
        {
            try
            {
                return (EndpointCheckStatus.Passed, probe());
            }
            catch (NimProtocolException e)
            {
                return (EndpointCheckStatus.NotSupported, $"Answered {request}, but not as a retriever does: {e.Message}");
            }
        }
    }
}
