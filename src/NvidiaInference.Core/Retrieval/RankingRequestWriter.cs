using System;
using System.Linq;
using NvidiaInference.Http;
using NvidiaInference.Json;

namespace NvidiaInference.Retrieval
{
    /// <summary>
    /// Writes the body of NIM's reranking request, <c>{model, query:{text}, passages:[{text}], truncate}</c>, and says
    /// where it goes: {base}/ranking, or the model's own URL when the base is NVIDIA's hosted API.
    /// </summary>
    public static class RankingRequestWriter
    {
        /// <summary>The path under a self-hosted base URI.</summary>
        public const string Path = "ranking";

        /// <summary>Where NVIDIA hosts each reranking model, under its id with '.' written as '_'.</summary>
        public static readonly Uri HostedRetrievalBase = new Uri("https://ai.api.nvidia.com/v1/retrieval/");

        /// <summary>Builds the request for a server at <paramref name="baseUri"/>.</summary>
        /// <exception cref="NimInvalidRequestException">No model, an empty query, no passages or an empty passage; the field names the input.</exception>
        public static NimPayload Build(RankingRequest request, Uri baseUri)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (string.IsNullOrWhiteSpace(request.Model))
            {
                throw new NimInvalidRequestException("model", "A reranking request needs a model; give -Model.");
            }

            if (RetrievalText.Problem(request.Query) is string queryProblem)
            {
                throw new NimInvalidRequestException("query.text", $"The query {queryProblem}; give the question to rank the passages against.");
            }

            if (request.Passages.Count == 0)
            {
                throw new NimInvalidRequestException("passages", "A reranking request needs at least one passage.");
            }

            for (int i = 0; i < request.Passages.Count; i++)
            {
                if (RetrievalText.Problem(request.Passages[i]) is string problem)
                {
                    throw new NimInvalidRequestException($"passages[{i}].text", $"The passage at position {i} {problem}; servers refuse empty passages.");
                }
            }

            if (request.Truncate == TruncateMode.Start)
            {
                throw new NimInvalidRequestException("truncate", "Reranking models truncate only at the END (or not at all: NONE).");
            }

            string body = PlainJson.WriteToString(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", request.Model);
                writer.WriteStartObject("query");
                writer.WriteString("text", request.Query);
                writer.WriteEndObject();
                writer.WriteStartArray("passages");
                foreach (string passage in request.Passages)
                {
                    writer.WriteStartObject();
                    writer.WriteString("text", passage);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (request.Truncate is TruncateMode truncate)
                {
                    writer.WriteString("truncate", EmbeddingRequestWriter.TruncateValue(truncate));
                }

                writer.WriteEndObject();
            });

            return new NimPayload(Where(request.Model, baseUri), body, EmbeddingRequestWriter.JsonHeaders);
        }

        /// <summary>
        /// The path (relative to <paramref name="baseUri"/>) or absolute URL of the request: NVIDIA's hosted API serves each
        /// reranking model at its own URL on ai.api.nvidia.com; any other base, given with -BaseUri, is asked at {base}/ranking.
        /// </summary>
        public static string Where(string model, Uri baseUri)
        {
            if (baseUri is not null && NimConnectionSettings.IsHostedHost(baseUri.Host))
            {
                string path = string.Join("/", model.Replace('.', '_').Split('/').Select(Uri.EscapeDataString));
                return new Uri(HostedRetrievalBase, path + "/reranking").AbsoluteUri;
            }

            return Path;
        }
    }
}
