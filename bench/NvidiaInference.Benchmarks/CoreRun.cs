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
    /// Runs the core's benchmarks in this process (short: several seconds each) and writes each one's median and allocations.
    /// Fifteen iterations, so that a burst of other work on a small shared machine, which can last seconds, moves the median
    /// less (nine let two runs of the same build measure 0.30 and 0.59 of the floor).
    /// </summary>
    internal static class CoreRun
    {
        public static void Run(string resultsPath)
        {
            string artifacts = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!, "BenchmarkDotNet");
            IConfig config = DefaultConfig.Instance
                .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)
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
