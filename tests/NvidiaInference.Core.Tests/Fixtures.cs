using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace NvidiaInference.Tests
{
    /// <summary>Finds and reads the repository's tests/fixtures folder (never copied to the output).</summary>
    internal static class Fixtures
    {
        private static readonly Lazy<string> Root = new Lazy<string>(FindRoot);

        public static string WireDir => Path.Combine(Root.Value, "tests", "fixtures", "wire");

        public static string RecordedDir => Path.Combine(Root.Value, "tests", "fixtures", "recorded");

        /// <summary>The recorded llama-server exchanges (see its README.md and <see cref="LlamaCppExchange"/>).</summary>
        public static string LlamaCppDir => Path.Combine(Root.Value, "tests", "fixtures", "llamacpp");

        /// <summary>Composed reasoning fixtures (see its README.md).</summary>
        public static string ReasoningDir => Path.Combine(Root.Value, "tests", "fixtures", "reasoning");

        /// <summary>The recorded llama-server exchanges with a reasoning model's chat template.</summary>
        public static string LlamaCppReasoningDir => Path.Combine(Root.Value, "tests", "fixtures", "llamacpp-reasoning");

        public static string ReasoningText(string name) => File.ReadAllText(Path.Combine(ReasoningDir, name));

        public static string Wire(string name) => Path.Combine(WireDir, name);

        public static string Recorded(string name) => Path.Combine(RecordedDir, name);

        public static byte[] WireBytes(string name) => File.ReadAllBytes(Wire(name));

        /// <summary>The file as UTF-8 text with a leading BOM kept as U+FEFF (File.ReadAllText would drop it).</summary>
        public static string WireText(string name) => Encoding.UTF8.GetString(WireBytes(name));

        public static JsonNode WireJson(string name) => JsonNode.Parse(File.ReadAllText(Wire(name)))!;

        public static JsonNode RecordedJson(string name) => JsonNode.Parse(File.ReadAllText(Recorded(name)))!;

        /// <summary>The expected.json of an .sse file.</summary>
        public static JsonNode Expected(string sseName) => WireJson(sseName + ".expected.json");

        public static IReadOnlyList<string> WireFiles(string pattern) =>
            Directory.GetFiles(WireDir, pattern).Select(p => Path.GetFileName(p)).OrderBy(n => n, StringComparer.Ordinal).ToList();

        public static IReadOnlyList<string> RecordedFiles(string pattern) =>
            Directory.GetFiles(RecordedDir, pattern).Select(p => Path.GetFileName(p)).OrderBy(n => n, StringComparer.Ordinal).ToList();

        private static string FindRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "tests", "fixtures", "wire")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No tests/fixtures/wire folder above {AppContext.BaseDirectory}.");
        }
    }
}
