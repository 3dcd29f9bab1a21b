using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NvidiaInference.Benchmarks
{
    /// <summary>
    /// Runs the core's benchmarks in this process (several seconds each) and writes each one's median and allocations.
    /// Fifteen warm-up iterations: the framework's own hot methods (the floor's <c>Utf8JsonReader</c> among them) go from
    /// their precompiled code through an instrumented tier before their final one, and with three warm-ups the first
    /// dozen measured iterations of a benchmark could run 1.7 times slower than the last three, so two runs of one build
    /// measured 0.30 and 0.59 of the floor. Fifteen measured iterations, so that a burst of other work on a small
    /// shared machine moves the median less.
    /// </summary>
    internal static class CoreRun
    {
        public static void Run(string resultsPath)
        {
            string artifacts = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!, "BenchmarkDotNet");
            IConfig config = DefaultConfig.Instance
                .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(15).WithIterationCount(15)
                    .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(400)))
                .AddDiagnoser(MemoryDiagnoser.Default)
                .WithArtifactsPath(artifacts)
                .WithOptions(ConfigOptions.DisableLogFile);
            var results = new List<Dictionary<string, object>>();
            foreach (Summary summary in BenchmarkRunner.Run(new[] { typeof(StreamBenchmarks), typeof(PayloadBenchmarks), typeof(EmbeddingBenchmarks) }, config))
            {
                foreach (BenchmarkReport report in summary.Reports)
                {
                    if (report.ResultStatistics is null)
                    {
                        throw new InvalidOperationException($"{report.BenchmarkCase.DisplayInfo} gave no result.");
                    }

                    results.Add(new Dictionary<string, object>
                    {
                        ["Benchmark"] = report.BenchmarkCase.Descriptor.Type.Name + "." + report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                        ["MedianNs"] = report.ResultStatistics.Median,
                        ["AllocatedBytes"] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0,
                    });
                }
            }

            var document = new Dictionary<string, object>
            {
                ["TranscriptChunks"] = StreamBenchmarks.Chunks,
                ["TranscriptBytes"] = StreamBenchmarks.TranscriptBytes,
                ["EmbeddingVectors"] = EmbeddingBenchmarks.Vectors,
                ["EmbeddingDimensions"] = EmbeddingBenchmarks.Dimensions,
                ["Benchmarks"] = results,
            };
            File.WriteAllText(resultsPath, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
