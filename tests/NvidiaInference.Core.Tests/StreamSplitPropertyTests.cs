using System.Collections.Generic;
using CsCheck;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Property: however the bytes of a stream are split into reads, NimStreamReader gives the same results.</summary>
    public class StreamSplitPropertyTests
    {
        /// <summary>Read sizes biased towards tiny reads (1 byte splits CRLF and multi-byte UTF-8), with some large ones.</summary>
        private static readonly Gen<int[]> ReadSizes = Gen.Frequency(
                (4, Gen.Const(1)),
                (4, Gen.Int[2, 8]),
                (2, Gen.Int[9, 300]))
            .Array[1, 24];

        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void Any_split_into_reads_gives_the_same_results(string file)
        {
            byte[] bytes = Fixtures.WireBytes(file);
            List<string> whole = StreamRun.Describe(StreamRun.Read(bytes));
            List<string> oneByteAtATime = StreamRun.Describe(StreamRun.Read(new ChunkedReadStream(bytes, new[] { 1 })));
            Assert.Equal(whole, oneByteAtATime);

            Property.ForAll(
                ReadSizes,
                sizes => Assert.Equal(whole, StreamRun.Describe(StreamRun.Read(new ChunkedReadStream(bytes, sizes)))),
                cases: 40,
                salt: (uint)file.Length);
        }

        [Theory]
        [MemberData(nameof(FixtureData.AllStreams), MemberType = typeof(FixtureData))]
        public void Any_split_into_pipeline_items_gives_the_same_results_as_whole_lines(string file)
        {
            // Items are whole lines or blocks of lines; cutting a line in two would make two lines.
            List<string> lines = StreamRun.Lines(Fixtures.WireText(file));
            List<string> expected = StreamRun.Describe(StreamRun.DecodeItems(lines));

            Property.ForAll(
                Gen.Int[1, 6].Array[1, 12],
                groupSizes =>
                {
                    var items = new List<string>();
                    for (int i = 0, g = 0; i < lines.Count; g++)
                    {
                        int take = System.Math.Min(groupSizes[g % groupSizes.Length], lines.Count - i);
                        items.Add(string.Join("\n", lines.GetRange(i, take)) + (i + take < lines.Count ? "\n" : string.Empty));
                        i += take;
                    }

                    Assert.Equal(expected, StreamRun.Describe(StreamRun.DecodeItems(items)));
                },
                cases: 25,
                salt: (uint)file.Length + 7);
        }
    }
}
