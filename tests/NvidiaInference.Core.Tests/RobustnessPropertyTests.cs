using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using NvidiaInference.Responses;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Property: whatever arrives, the decoders fail only with the module's own exceptions.</summary>
    public class RobustnessPropertyTests
    {
        private static readonly string[] Streams = Fixtures.WireFiles("*.sse").ToArray();

        /// <summary>Characters that matter to SSE and JSON, so mutations reach the converters rather than only the parser.</summary>
        private static readonly Gen<char> Interesting = Gen.Char["{}[]\":,.-+eE0123456789 \r\n\\tnul:dataevent[DONE]\u00fc\u2014"];

        [Fact]
        public void Arbitrary_bytes_through_NimStreamReader()
        {
            Property.Fuzz(Gen.Byte.Array[0, 600], bytes => AssertOnlyModuleFailures(StreamRun.Read(bytes)), cases: 300);
        }

        [Fact]
        public void Arbitrary_strings_through_NimChunkDecoder()
        {
            Property.Fuzz(Gen.String.Array[0, 12], items => AssertOnlyModuleFailures(StreamRun.DecodeItems(items)), cases: 300, salt: 1);
        }

        [Fact]
        public void Mutated_fixtures_through_NimStreamReader_and_NimChunkDecoder()
        {
            Gen<(int File, (double At, int Op, char Char)[] Edits)> gen = Gen.Select(
                Gen.Int[0, Streams.Length - 1],
                Gen.Select(Gen.Double[0, 1], Gen.Int[0, 2], Interesting).Array[1, 8]);

            Property.Fuzz(
                gen,
                input =>
                {
                    string text = Mutate(Fixtures.WireText(Streams[input.File]), input.Edits);
                    AssertOnlyModuleFailures(StreamRun.Read(Encoding.UTF8.GetBytes(text)));
                    AssertOnlyModuleFailures(StreamRun.Read(Encoding.UTF8.GetBytes(text), toolCallProgress: true));
                    AssertOnlyModuleFailures(StreamRun.DecodeText(text));
                    AssertOnlyModuleFailures(StreamRun.DecodeItems(StreamRun.Lines(text), toolCallProgress: true));
                },
                cases: 600,
                salt: 2);
        }

        [Fact]
        public void Arbitrary_json_chunks_through_NimChunkDecoder()
        {
            Property.Fuzz(
                JsonGen.Chunk.Array[1, 6],
                chunks =>
                {
                    AssertOnlyModuleFailures(StreamRun.DecodeText(string.Concat(chunks.Select(c => "data: " + c + "\n\n"))));
                    AssertOnlyModuleFailures(StreamRun.DecodeItems(chunks, toolCallProgress: true));
                    AssertOnlyModuleFailures(new[] { Catch(() => ResponseConverter.ConvertChat(chunks[0])), Catch(() => ResponseConverter.ConvertCompletion(chunks[0])) });
                },
                cases: 1500,
                salt: 3);
        }

        internal static void AssertOnlyModuleFailures(IEnumerable<object> results)
        {
            foreach (object item in results)
            {
                if (item is Exception e && e is not NimProtocolException && e is not NimStreamException)
                {
                    Assert.Fail($"Unexpected {e.GetType().FullName}: {e}");
                }
            }
        }

        private static object Catch(Func<object> convert)
        {
            try
            {
                return convert();
            }
            catch (Exception e)
            {
                return e;
            }
        }

        private static string Mutate(string text, (double At, int Op, char Char)[] edits)
        {
            var builder = new StringBuilder(text);
            foreach ((double at, int op, char c) in edits)
            {
                int position = Math.Min((int)(at * builder.Length), Math.Max(0, builder.Length - 1));
                switch (op)
                {
                    case 0 when builder.Length > 0:
                        builder[position] = c;
                        break;
                    case 1 when builder.Length > 0:
                        builder.Remove(position, 1);
                        break;
                    default:
                        builder.Insert(position, c);
                        break;
                }
            }

            return builder.ToString();
        }
    }
}
