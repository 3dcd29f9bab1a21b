using System.Collections.Generic;
using System.Management.Automation;
using NvidiaInference.Errors;
using NvidiaInference.Http;
using NvidiaInference.Retrieval;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Invoke-NvRerank: scores passages against a query with a reranking model (POST /v1/ranking, or the model's own URL
    /// on NVIDIA's hosted API) and writes them best first. Lists longer than -BatchSize are split over several requests,
    /// up to -ThrottleLimit at once, and merged by logit.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NvRerank")]
    [OutputType(typeof(RankedPassage))]
    public sealed class InvokeNvRerankCommand : NvCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();
        private PassageRanking _ranking = null!;
        private NimClient _client = null!;
        private CallPump _pump = null!;
        private PipelineInputs _received = null!;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Query { get; set; } = null!;

        /// <summary>The passages, or objects that hold them (see -Property).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public PSObject?[] Passage { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Property { get; set; }

        /// <summary>The model; NVIDIA's llama-3.2-nv-rerankqa-1b-v2 unless given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string Model { get; set; } = "nvidia/llama-3.2-nv-rerankqa-1b-v2";

        [Parameter]
        [ValidateSet(nameof(TruncateMode.None), nameof(TruncateMode.End))]
        public TruncateMode? Truncate { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Top { get; set; }

        [Parameter]
        [ValidateRange(1, 100000)]
        public int BatchSize { get; set; } = 64;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        public object GetDynamicParameters() => _connection;

        protected override void BeginProcessing()
        {
            if (RetrievalText.Problem(Query) is string problem)
            {
                ThrowTerminatingError(NimErrorRecords.InvalidRequest(new NimInvalidRequestException("query.text", $"The query {problem}; give the question to rank the passages against."), Query));
            }

            RetrievalModel.Check(this, Model);
            _ranking = new PassageRanking(Model, Query, BatchSize) { Truncate = Truncate };
            _received = new PipelineInputs(this, "passages", "passage");
            _pump = new CallPump(this);
            _client = ServerCall.Open(this, _connection, _pump);
        }

        protected override void ProcessRecord()
        {
            foreach ((int index, string text, object? inputObject) in _received.Accept(Passage, Property))
            {
                _ranking.Add(index, text, inputObject);
            }
        }

        protected override void EndProcessing()
        {
            if (_ranking.Count == 0)
            {
                return;
            }

            var batches = new OrderedBatch<IReadOnlyList<RankedPassage>>(this, _pump, ThrottleLimit, "Invoke-NvRerank");
            var progress = new BatchProgress(this, "Invoke-NvRerank", "passages ranked");
            int done = 0, sent = 0;
            foreach ((int first, RankingRequest request) in _ranking.Batches())
            {
                sent++;
                batches.Add(() => _client.Rank(request, StopToken), request.Passages, scores =>
                {
                    _ranking.Accept(first, scores);
                    done += request.Passages.Count;
                    progress.Report(done, sent, _ranking.Count);
                });
            }

            batches.CompleteAll();
            progress.Complete();
            foreach (RankedPassage passage in _ranking.Ranked(Top))
            {
                WriteObject(passage);
            }
        }
    }
}
