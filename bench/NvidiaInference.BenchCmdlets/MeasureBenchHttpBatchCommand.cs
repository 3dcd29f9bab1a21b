using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NvidiaInference.BenchCmdlets
{
    /// <summary>
    /// Measure-BenchHttpBatch: the floor of a batched call. POSTs every body with a plain HttpClient, -ThrottleLimit at
    /// once, reads each answer whole into bytes (parsing nothing), and says how long all of it took.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "BenchHttpBatch")]
    [OutputType(typeof(BenchArrival))]
    public sealed class MeasureBenchHttpBatchCommand : PSCmdlet
    {
        private static readonly HttpClient Http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        [Parameter(Mandatory = true, Position = 0)]
        public Uri Uri { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1)]
        public string[] Body { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void EndProcessing()
        {
            long start = Stopwatch.GetTimestamp();
            using var gate = new SemaphoreSlim(ThrottleLimit);
            long bytes = 0;
            Task[] calls = Body.Select(async body =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, Uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    using HttpResponseMessage response = await Http.SendAsync(request).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    Interlocked.Add(ref bytes, answer.Length);
                }
                finally
                {
                    gate.Release();
                }
            }).ToArray();
            Task.WaitAll(calls);
            double totalMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            WriteObject(new BenchArrival(Body.Length, totalMs, totalMs));
        }
    }
}
