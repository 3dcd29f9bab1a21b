using System;
using System.Collections.Generic;
using NvidiaInference.Json;
using NvidiaInference.Payload;

namespace NvidiaInference.Retrieval
{
    /// <summary>Writes the body of POST {base}/embeddings in NIM's shape (OpenAI's, with <c>input_type</c> and <c>truncate</c>).</summary>
    public static class EmbeddingRequestWriter
    {
        /// <summary>The path under the base URI.</summary>
        public const string Path = "embeddings";

        /// <summary>Builds the request.</summary>
        /// <exception cref="NimInvalidRequestException">No model, no texts, an empty text, or dimensions under 1; the field names the input.</exception>
        public static NimPayload Build(EmbeddingRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (string.IsNullOrWhiteSpace(request.Model))
            {
                throw new NimInvalidRequestException("model", "An embedding request needs a model; give -Model.");
            }

            if (request.Texts.Count == 0)
            {
                throw new NimInvalidRequestException("input", "An embedding request needs at least one text.");
            }

            for (int i = 0; i < request.Texts.Count; i++)
            {
                if (RetrievalText.Problem(request.Texts[i]) is string problem)
                {
                    throw new NimInvalidRequestException($"input[{i}]", $"The text at position {i} {problem}; servers refuse empty texts.");
                }
            }

            if (request.Dimensions is int dimensions && dimensions < 1)
            {
                throw new NimInvalidRequestException("dimensions", $"dimensions must be at least 1; it is {dimensions}.");
            }

            string body = PlainJson.WriteToString(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", request.Model);
                writer.WriteStartArray("input");
                foreach (string text in request.Texts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                writer.WriteString("input_type", request.InputType == EmbeddingInputType.Passage ? "passage" : "query");
                if (request.Truncate is TruncateMode truncate)
                {
                    writer.WriteString("truncate", TruncateValue(truncate));
                }

                writer.WriteString("encoding_format", request.Encoding == EmbeddingEncoding.Float ? "float" : "base64");
                if (request.Dimensions is int size)
                {
                    writer.WriteNumber("dimensions", size);
                }

                writer.WriteEndObject();
            });

            return new NimPayload(Path, body, JsonHeaders);
        }

        /// <summary>NIM's spelling of a truncation mode.</summary>
        internal static string TruncateValue(TruncateMode truncate) => truncate switch
        {
            TruncateMode.Start => "START",
            TruncateMode.End => "END",
            _ => "NONE",
        };

        internal static IReadOnlyDictionary<string, string> JsonHeaders { get; } = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Accept"] = "application/json",
            ["User-Agent"] = ModuleInfo.UserAgent,
        };
    }
}
