using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NimTestServer
{
    /// <summary>
    /// The transcripts the server replays: the wire fixtures, read from the fixtures folder by file name, and the recorded
    /// llama-server exchanges of the llamacpp folder beside it, read by scenario name.
    /// </summary>
    public sealed class Fixtures(string folder)
    {
        private readonly string _fixturesRoot = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))!;

        public string Read(string name) => ReadFrom(folder, name);

        /// <summary>The events of an .sse transcript, each with its terminating blank line, as a server writes them.</summary>
        public IReadOnlyList<string> Events(string name) => SplitEvents(Read(name));

        /// <summary>
        /// A recorded llama-server exchange of the fixtures folder <paramref name="recordings"/> (llamacpp, llamacpp-reasoning, llamacpp-embeddings):
        /// the status and content type of NAME.headers, and NAME.sse or NAME.response.json.
        /// </summary>
        public RecordedExchange LlamaCpp(string name, string recordings = "llamacpp")
        {
            string root = Path.Combine(_fixturesRoot, recordings);
            string[] headers = ReadFrom(root, name + ".headers").Split('\n');
            int status = int.Parse(headers[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            string contentType = headers.Skip(1).Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                .Select(h => h[1].Trim()).Single();
            bool stream = File.Exists(Path.Combine(root, name + ".sse"));
            string body = ReadFrom(root, name + (stream ? ".sse" : ".response.json"));
            return new RecordedExchange(status, contentType, body, stream ? SplitEvents(body) : null);
        }

        private static string ReadFrom(string root, string name)
        {
            string path = Path.GetFullPath(Path.Combine(root, name));
            if (!path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(path))
            {
                throw new FileNotFoundException($"No fixture named {name}.");
            }

            return File.ReadAllText(path);
        }

        private static IReadOnlyList<string> SplitEvents(string transcript)
        {
            string text = transcript.Replace("\r\n", "\n");
            var events = new List<string>();
            foreach (string block in text.Split("\n\n"))
            {
                if (block.Trim().Length > 0)
                {
                    events.Add(block.TrimStart('\n') + "\n\n");
                }
            }

            return events;
        }
    }

    /// <summary>A recorded response: its status, content type and body; for a stream, also its events in order.</summary>
    public sealed record RecordedExchange(int Status, string ContentType, string Body, IReadOnlyList<string>? Events);
}
