using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>
    /// One recorded exchange with llama-server (tests/fixtures/llamacpp): the request body sent, the status and content
    /// type from NAME.headers, and the raw body from NAME.sse or NAME.response.json.
    /// </summary>
    internal sealed class LlamaCppExchange
    {
        private LlamaCppExchange(string name, string method, string path)
        {
            Name = name;
            Method = method;
            Path = path;
            string[] headers = File.ReadAllLines(FixturePath(name + ".headers"));
            Status = int.Parse(headers[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            ContentType = headers.Skip(1).Select(h => h.Split(new[] { ':' }, 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                .Select(h => h[1].Trim()).Single();
            IsStream = File.Exists(FixturePath(name + ".sse"));
            Body = File.ReadAllText(FixturePath(name + (IsStream ? ".sse" : ".response.json")));
            string requestPath = FixturePath(name + ".request.json");
            RequestText = File.Exists(requestPath) ? File.ReadAllText(requestPath) : null;
        }

        public string Name { get; }

        public string Method { get; }

        /// <summary>The path the request went to, e.g. /v1/chat/completions.</summary>
        public string Path { get; }

        public int Status { get; }

        public string ContentType { get; }

        /// <summary>True when the body is an SSE stream (NAME.sse).</summary>
        public bool IsStream { get; }

        /// <summary>The raw response body.</summary>
        public string Body { get; }

        /// <summary>The raw request body; null for a GET.</summary>
        public string? RequestText { get; }

        public bool IsChat => Path.EndsWith("/chat/completions", StringComparison.Ordinal);

        public bool IsCompletion => Path.EndsWith("/completions", StringComparison.Ordinal) && !IsChat;

        /// <summary>The request body as a JSON object.</summary>
        public JsonObject Request => JsonNode.Parse(RequestText ?? throw new InvalidOperationException($"{Name} has no request body."))!.AsObject();

        /// <summary>The body as JSON (not for streams).</summary>
        public JsonNode BodyJson => JsonNode.Parse(Body)!;

        /// <summary>The data of each SSE event of a stream, in order, [DONE] included.</summary>
        public IReadOnlyList<string> StreamData => StreamRun.Lines(Body).Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l.Substring("data: ".Length)).ToList();

        /// <summary>The JSON chunks of a stream ([DONE] left out).</summary>
        public IReadOnlyList<JsonNode> StreamChunks => StreamData.Where(d => d != "[DONE]").Select(d => JsonNode.Parse(d)!).ToList();

        /// <summary>Every exchange listed in index.tsv, in its order.</summary>
        public static IReadOnlyList<LlamaCppExchange> All => Index.Value;

        public static LlamaCppExchange Get(string name) => All.SingleOrDefault(e => e.Name == name) ?? throw new ArgumentException($"No llama-server exchange named {name}.");

        /// <summary>Theory rows: the names of the exchanges that match.</summary>
        public static TheoryData<string> Names(Func<LlamaCppExchange, bool> where)
        {
            var data = new TheoryData<string>();
            foreach (LlamaCppExchange exchange in All.Where(where))
            {
                data.Add(exchange.Name);
            }

            return data;
        }

        public override string ToString() => Name;

        private static readonly Lazy<IReadOnlyList<LlamaCppExchange>> Index = new Lazy<IReadOnlyList<LlamaCppExchange>>(() =>
            File.ReadAllLines(FixturePath("index.tsv"))
                .Skip(1)
                .Where(line => line.Length > 0)
                .Select(line => line.Split('\t'))
                .Select(columns => new LlamaCppExchange(columns[0], columns[1], columns[2]))
                .ToList());

        private static string FixturePath(string name) => System.IO.Path.Combine(Fixtures.LlamaCppDir, name);
    }
}
