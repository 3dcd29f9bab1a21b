using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Text;

namespace NvidiaInference.BenchCmdlets
{
    /// <summary>
    /// Measure-BenchHttpStream: the floor of a streamed call. POSTs the body with a plain HttpClient, reads the response
    /// to its end and counts its events (blank lines), noting when the first whole event and the end arrived.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "BenchHttpStream")]
    [OutputType(typeof(BenchArrival))]
    public sealed class MeasureBenchHttpStreamCommand : PSCmdlet
    {
        // One client for the process, as the module keeps one: after the first call the connection is pooled.
        private static readonly HttpClient Http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        [Parameter(Mandatory = true, Position = 0)]
        public Uri Uri { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1)]
        public string Body { get; set; } = string.Empty;

        protected override void EndProcessing()
        {
            long start = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, Uri) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
            using HttpResponseMessage response = Http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using Stream body = response.Content.ReadAsStream();
            var buffer = new byte[16 * 1024];
            long events = 0;
            long first = 0;
            byte previous = 0;
            int read;
            while ((read = body.Read(buffer, 0, buffer.Length)) > 0)
            {
                // Newlines found vectorized; an event ends at a newline right after another, also across reads.
                ReadOnlySpan<byte> span = buffer.AsSpan(0, read);
                int at = 0;
                int newline;
                while ((newline = span.Slice(at).IndexOf((byte)'\n')) >= 0)
                {
                    at += newline;
                    if ((at == 0 ? previous : span[at - 1]) == (byte)'\n' && events++ == 0)
                    {
                        first = Stopwatch.GetTimestamp();
                    }

                    at++;
                }

                previous = span[read - 1];
            }

            long end = Stopwatch.GetTimestamp();
            WriteObject(new BenchArrival(events, Stopwatch.GetElapsedTime(start, first).TotalMilliseconds, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds));
        }
    }
}
