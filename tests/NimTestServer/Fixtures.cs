using System;
using System.Collections.Generic;
using System.IO;

namespace NimTestServer
{
    /// <summary>The wire transcripts the server replays, read from the fixtures folder by file name.</summary>
    public sealed class Fixtures(string folder)
    {
        public string Read(string name)
        {
            string path = Path.GetFullPath(Path.Combine(folder, name));
            if (!path.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal) || !File.Exists(path))
            {
                throw new FileNotFoundException($"No fixture named {name}.");
            }

            return File.ReadAllText(path);
        }

        /// <summary>The events of an .sse transcript, each with its terminating blank line, as a server writes them.</summary>
        public IReadOnlyList<string> Events(string name)
        {
            string text = Read(name).Replace("\r\n", "\n");
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
}
