using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NvidiaInference.Retrieval;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>Reading embedding answers: the llama-server recordings, base64 and float, any order, and broken answers.</summary>
    public class EmbeddingResponseReaderTests
    {
        private static EmbeddingResponse Read(string json, int count) => EmbeddingResponseReader.Read(Encoding.UTF8.GetBytes(json), count);

        /// <summary>The float vectors of a recording, parsed independently of the reader (as doubles, then narrowed).</summary>
        private static float[][] Expected(string name) =>
            EmbeddingFixtures.Response(name)["data"]!.AsArray().OrderBy(d => (int)d!["index"]!)
                .Select(d => d!["embedding"]!.AsArray().Select(n => (float)(double)n!).ToArray()).ToArray();

        [Theory]
        [InlineData("embed-one", 1)]
        [InlineData("embed-batch", 3)]
        [InlineData("embed-nim-fields", 1)]
        public void Float_recordings_give_every_number_exactly(string name, int count)
        {
            EmbeddingResponse response = EmbeddingResponseReader.Read(EmbeddingFixtures.ResponseBytes(name), count);
            float[][] expected = Expected(name);
            Assert.Equal(count, response.Vectors.Count);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(64, response.Vectors[i].Length);
                Assert.Equal(expected[i], response.Vectors[i]);
            }

            Assert.Equal("nvidia/llama-3.2-nv-embedqa-1b-v2", response.Model);
        }

        [Fact]
        public void Base64_recording_decodes_exactly_and_close_to_the_float_recording_of_the_same_texts()
        {
            // embed-base64 embedded texts 0 and 2 of embed-batch: llama-server gave the same vectors, to float rounding.
            Assert.Equal(EmbeddingFixtures.Request("embed-batch")["input"]![0]!.ToString(), EmbeddingFixtures.Request("embed-base64")["input"]![0]!.ToString());
            Assert.Equal(EmbeddingFixtures.Request("embed-batch")["input"]![2]!.ToString(), EmbeddingFixtures.Request("embed-base64")["input"]![1]!.ToString());
            EmbeddingResponse base64 = EmbeddingResponseReader.Read(EmbeddingFixtures.ResponseBytes("embed-base64"), 2);
            float[][] floats = Expected("embed-batch");
            Assert.Equal(floats[0], base64.Vectors[0], (x, y) => Math.Abs(x - y) < 1e-6f);
            Assert.Equal(floats[2], base64.Vectors[1], (x, y) => Math.Abs(x - y) < 1e-6f);

            // Exactly: each vector is the recorded base64 decoded here another way, four bytes at a time.
            JsonArray data = EmbeddingFixtures.Response("embed-base64")["data"]!.AsArray();
            for (int i = 0; i < 2; i++)
            {
                byte[] bytes = Convert.FromBase64String(data[i]!["embedding"]!.ToString());
                float[] expected = Enumerable.Range(0, bytes.Length / 4).Select(k => BitConverter.ToSingle(bytes, k * 4)).ToArray();
                Assert.Equal(expected, base64.Vectors[(int)data[i]!["index"]!]);
            }
        }

        [Fact]
        public void Base64_is_little_endian_float32()
        {
            float[] values = { 1.5f, -0.25f, float.Epsilon, 3.4028235e38f, -0f };
            byte[] bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++)
            {
                int bits = BitConverter.SingleToInt32Bits(values[i]);
                bytes[i * 4] = (byte)bits;
                bytes[(i * 4) + 1] = (byte)(bits >> 8);
                bytes[(i * 4) + 2] = (byte)(bits >> 16);
                bytes[(i * 4) + 3] = (byte)(bits >> 24);
            }

            EmbeddingResponse response = Read($"{{\"data\":[{{\"index\":0,\"embedding\":\"{Convert.ToBase64String(bytes)}\"}}]}}", 1);
            Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), response.Vectors[0].Select(BitConverter.SingleToInt32Bits));
        }

        [Fact]
        public void Escaped_and_unpadded_base64_decode_the_same()
        {
            byte[] bytes = Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 251)).ToArray();
            string base64 = Convert.ToBase64String(bytes);
            Assert.Contains(base64, c => c == '+' || c == '/');
            float[] plain = Read($"{{\"data\":[{{\"index\":0,\"embedding\":\"{base64}\"}}]}}", 1).Vectors[0];
            string escaped = base64.Replace("+", "\\u002B").Replace("/", "\\/");
            Assert.Equal(plain, Read($"{{\"data\":[{{\"index\":0,\"embedding\":\"{escaped}\"}}]}}", 1).Vectors[0]);
            byte[] twelve = bytes.Take(8).ToArray();
            string unpadded = Convert.ToBase64String(twelve).TrimEnd('=');
            Assert.Equal(2, Read($"{{\"data\":[{{\"index\":0,\"embedding\":\"{unpadded}\"}}]}}", 1).Vectors[0].Length);
        }

        [Fact]
        public void Data_in_any_order_is_placed_by_index_and_index_may_follow_the_embedding()
        {
            string json = "{\"data\":[{\"embedding\":[3,3],\"index\":2},{\"index\":0,\"object\":\"embedding\",\"embedding\":[1,1]},{\"embedding\":[2,2],\"index\":1}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":3}}";
            EmbeddingResponse response = Read(json, 3);
            Assert.Equal(new[] { 1f, 2f, 3f }, response.Vectors.Select(v => v[0]));
            Assert.Equal("m", response.Model);
        }

        [Fact]
        public void Long_vectors_and_many_of_them_are_read_whole()
        {
            var random = new Random(7);
            float[][] vectors = Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, 3000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
            string json = "{\"data\":[" + string.Join(",", vectors.Select((v, i) =>
                $"{{\"index\":{i},\"embedding\":[{string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}]}}")) + "]}";
            EmbeddingResponse response = Read(json, 20);
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(vectors[i], response.Vectors[i]);
            }
        }

        [Theory]
        [InlineData("not json", "not valid JSON")]
        [InlineData("[1,2]", "not a JSON object")]
        [InlineData("{\"object\":\"list\"}", "no data list")]
        [InlineData("{\"data\":[{\"index\":0,\"embedding\":[1]}]}", "no vector for the text at position 1")]
        [InlineData("{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":0,\"embedding\":[2]}]}", "two vectors for the index 0")]
        [InlineData("{\"data\":[{\"index\":5,\"embedding\":[1]},{\"index\":1,\"embedding\":[2]}]}", "index 5")]
        [InlineData("{\"data\":[{\"index\":0,\"embedding\":[1,\"x\"]},{\"index\":1,\"embedding\":[2]}]}", "other than a number at position 1")]
        [InlineData("{\"data\":[{\"index\":0,\"embedding\":\"AAA=\"},{\"index\":1,\"embedding\":[2]}]}", "not a whole number of float32")]
        [InlineData("{\"data\":[{\"index\":0,\"embedding\":\"!!!!!!!!!!!!!!!!\"},{\"index\":1,\"embedding\":[2]}]}", "not valid base64")]
        [InlineData("{\"data\":[{\"index\":0},{\"index\":1,\"embedding\":[2]}]}", "has no embedding")]
        [InlineData("{\"data\":[7]}", "not an object")]
        [InlineData("{\"error\":{\"code\":400,\"message\":\"Input content cannot be empty\"}}", "no data list")]
        public void Broken_answers_are_protocol_errors_that_say_what_is_wrong(string json, string expected)
        {
            var e = Assert.Throws<NimProtocolException>(() => Read(json, 2));
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ToEmbeddings_numbers_by_input_position_and_carries_texts_and_input_objects()
        {
            var request = new EmbeddingRequest("m", new[] { "a", "b" }) { InputType = EmbeddingInputType.Passage };
            var response = new EmbeddingResponse(string.Empty, new[] { new[] { 1f }, new[] { 2f } });
            var embeddings = response.ToEmbeddings(request, new[] { 10, 11 }, new object?[] { "first", null });
            Assert.Equal(new[] { 10, 11 }, embeddings.Select(e => e.Index));
            Assert.Equal(new[] { "a", "b" }, embeddings.Select(e => e.Text));
            Assert.Equal("m", embeddings[0].Model);
            Assert.Equal(EmbeddingInputType.Passage, embeddings[1].InputType);
            Assert.Equal("first", embeddings[0].InputObject);
            Assert.Null(embeddings[1].InputObject);
            Assert.Equal(1, embeddings[0].Dimension);
        }
    }
}
