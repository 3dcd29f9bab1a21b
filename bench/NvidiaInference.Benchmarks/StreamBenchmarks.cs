using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NvidiaInference.Streaming;

namespace NvidiaInference.Benchmarks
{
    /// <summary>
    /// One operation converts the whole generated transcript. The floor is a bare <see cref="Utf8JsonReader"/> pass over
    /// each event's JSON: what reading the bytes costs before anything is understood.
    /// </summary>
    [MemoryDiagnoser]
    public class StreamBenchmarks
    {
        /// <summary>The chunks of the transcript, [DONE] not counted.</summary>
        public const int Chunks = 2000;

        private byte[] _transcript = Array.Empty<byte>();
        private byte[] _thinkingTranscript = Array.Empty<byte>();
        private string[] _lines = Array.Empty<string>();
        private ReadOnlyMemory<byte>[] _eventJson = Array.Empty<ReadOnlyMemory<byte>>();

        /// <summary>The transcript's size in bytes, for bytes per second.</summary>
        public static int TranscriptBytes => ChatTranscript.Bytes(Chunks).Length;

        [GlobalSetup]
        public void Setup()
        {
            _transcript = ChatTranscript.Bytes(Chunks);
            _thinkingTranscript = ChatTranscript.Bytes(Chunks, thinking: true);
            string text = Encoding.UTF8.GetString(_transcript);
            _lines = text.TrimEnd('\n').Split('\n');
            var events = new List<ReadOnlyMemory<byte>>();
            foreach (string line in _lines)
            {
                if (line.StartsWith("data: {", StringComparison.Ordinal))
                {
                    events.Add(Encoding.UTF8.GetBytes(line.Substring("data: ".Length)));
                }
            }

            _eventJson = events.ToArray();
            if (_eventJson.Length != Chunks || StreamReader() != LineDecoder() || StreamReaderWithThinking() != StreamReader())
            {
                throw new InvalidOperationException("The transcript or its conversion is not what the benchmark expects.");
            }
        }

        /// <summary>SSE framing and conversion through the public byte-stream API.</summary>
        [Benchmark]
        public int StreamReader()
        {
            int results = 0;
            foreach (object result in NimStreamReader.Read(new MemoryStream(_transcript, writable: false)))
            {
                results += result is ChatCompletionEvent ? 1 : 0;
            }

            return results;
        }

        /// <summary>A reasoning model's stream of the same size: 80% of its text tokens are thinking (reasoning_content).</summary>
        [Benchmark]
        public int StreamReaderWithThinking()
        {
            int results = 0;
            foreach (object result in NimStreamReader.Read(new MemoryStream(_thinkingTranscript, writable: false)))
            {
                results += result is ChatCompletionEvent ? 1 : 0;
            }

            return results;
        }

        /// <summary>The same transcript as pipeline lines (what Get-Content gives ConvertFrom-NimChunk), through the line decoder.</summary>
        [Benchmark]
        public int LineDecoder()
        {
            var decoder = new NimChunkDecoder();
            int results = 0;
            foreach (string line in _lines)
            {
                results += decoder.AcceptText(line).Count;
            }

            return results + decoder.End().Count;
        }

        /// <summary>The floor: every token of every event's JSON read once, nothing kept.</summary>
        [Benchmark(Baseline = true)]
        public int Utf8JsonReaderFloor()
        {
            int tokens = 0;
            foreach (ReadOnlyMemory<byte> json in _eventJson)
            {
                var reader = new Utf8JsonReader(json.Span);
                while (reader.Read())
                {
                    tokens++;
                }
            }

            return tokens;
        }
    }
}
