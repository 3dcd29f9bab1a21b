using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NvidiaInference.Retrieval;

namespace NvidiaInference.Benchmarks
{
    /// <summary>
    /// Reading an embedding answer of <see cref="Vectors"/> vectors of <see cref="Dimensions"/> numbers, written as JSON
    /// numbers and as base64. Each floor is a bare <see cref="Utf8JsonReader"/> pass over the same bytes: every token read
    /// once, nothing converted or kept.
    /// </summary>
    [MemoryDiagnoser]
    public class EmbeddingBenchmarks
    {
        public const int Vectors = 1000;
        public const int Dimensions = 1024;

        private byte[] _float = Array.Empty<byte>();
        private byte[] _base64 = Array.Empty<byte>();

        /// <summary>The size of each answer, for bytes per second.</summary>
        public static (int Float, int Base64) AnswerBytes => (Answer(base64: false).Length, Answer(base64: true).Length);

        [GlobalSetup]
        public void Setup()
        {
            _float = Answer(base64: false);
            _base64 = Answer(base64: true);
            EmbeddingResponse a = EmbeddingResponseReader.Read(_float, Vectors);
            EmbeddingResponse b = EmbeddingResponseReader.Read(_base64, Vectors);
            for (int i = 0; i < Vectors; i++)
            {
                if (!a.Vectors[i].AsSpan().SequenceEqual(b.Vectors[i]))
                {
                    throw new InvalidOperationException($"Vector {i} differs between the float and base64 answers.");
                }
            }
        }

        [Benchmark]
        public int ReadFloat() => EmbeddingResponseReader.Read(_float, Vectors).Vectors.Count;

        [Benchmark]
        public int ReadBase64() => EmbeddingResponseReader.Read(_base64, Vectors).Vectors.Count;

        [Benchmark(Baseline = true)]
        public int Utf8JsonReaderFloorFloat() => Tokens(_float);

        [Benchmark]
        public int Utf8JsonReaderFloorBase64() => Tokens(_base64);

        private static int Tokens(byte[] json)
        {
            int tokens = 0;
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                tokens++;
            }

            return tokens;
        }

        /// <summary>A NIM-shaped answer; the numbers are float32 values written shortest-round-trip, as servers write them.</summary>
        private static byte[] Answer(bool base64)
        {
            var random = new Random(1024);
            var text = new StringBuilder(Vectors * Dimensions * 12);
            text.Append("{\"object\":\"list\",\"data\":[");
            var bytes = new byte[Dimensions * sizeof(float)];
            for (int v = 0; v < Vectors; v++)
            {
                text.Append(v == 0 ? string.Empty : ",").Append("{\"object\":\"embedding\",\"index\":").Append(v).Append(",\"embedding\":");
                var vector = new float[Dimensions];
                for (int i = 0; i < Dimensions; i++)
                {
                    vector[i] = (float)((random.NextDouble() * 0.2) - 0.1);
                }

                if (base64)
                {
                    Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                    text.Append('"').Append(Convert.ToBase64String(bytes)).Append('"');
                }
                else
                {
                    text.Append('[');
                    for (int i = 0; i < Dimensions; i++)
                    {
                        text.Append(i == 0 ? string.Empty : ",").Append(vector[i].ToString("R", CultureInfo.InvariantCulture));
                    }

                    text.Append(']');
                }

                text.Append('}');
            }

            text.Append("],\"model\":\"nvidia/llama-3.2-nv-embedqa-1b-v2\",\"usage\":{\"prompt_tokens\":1000,\"total_tokens\":1000}}");
            return Encoding.UTF8.GetBytes(text.ToString());
        }
    }
}
