using System.IO;
using System.Text.Json.Nodes;

namespace NvidiaInference.Tests
{
    /// <summary>The recorded llama-server embedding exchanges of tests/fixtures/llamacpp-embeddings.</summary>
    internal static class EmbeddingFixtures
    {
        public static string Dir => Path.Combine(Path.GetDirectoryName(Fixtures.LlamaCppDir)!, "llamacpp-embeddings");

        public static byte[] ResponseBytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name + ".response.json"));

        public static JsonNode Response(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, name + ".response.json")))!;

        public static JsonObject Request(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, name + ".request.json")))!.AsObject();
    }
}
