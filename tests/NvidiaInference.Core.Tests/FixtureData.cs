using System.Linq;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Theory rows listing fixture files, so a new fixture is picked up without editing tests.</summary>
    public static class FixtureData
    {
        /// <summary>Every .sse file.</summary>
        public static TheoryData<string> AllStreams => Rows(Fixtures.WireFiles("*.sse").ToArray());

        /// <summary>The .sse files whose expected.json has an aggregate (every realistic chat or completion stream).</summary>
        public static TheoryData<string> AggregateStreams =>
            Rows(Fixtures.WireFiles("*.sse").Where(f => Fixtures.Expected(f)["aggregate"] is not null).ToArray());

        public static TheoryData<string> ChatResponses => Rows(Fixtures.WireFiles("chat-response-*.json").ToArray());

        public static TheoryData<string> CompletionResponses => Rows(Fixtures.WireFiles("completion-response-*.json").ToArray());

        public static TheoryData<string> RecordedStreams => Rows(Fixtures.RecordedFiles("stream_*_recording.json").ToArray());

        private static TheoryData<string> Rows(string[] names)
        {
            var data = new TheoryData<string>();
            foreach (string name in names)
            {
                data.Add(name);
            }

            return data;
        }
    }
}
