using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NvidiaInference.Http;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Get-NvEmbedding: embeds texts (POST /v1/embeddings), in batches of -BatchSize with up to -ThrottleLimit batches
    /// in flight, and writes one Embedding per text in input order. An empty text is an error for that input alone; a
    /// failed batch is an error with its inputs as target, and the other batches are still written.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NvEmbedding")]
    [OutputType(typeof(Embedding))]
    public sealed class GetNvEmbeddingCommand : NvCommandBase, IDynamicParameters
    {
        private readonly ConnectionParameters _connection = new ConnectionParameters();
        private readonly List<string> _texts = new List<string>();
        private readonly List<int> _indexes = new List<int>();
        private readonly List<object?> _inputs = new List<object?>();
        private NimClient _client = null!;
        private CallPump _pump = null!;
        private OrderedBatch<IReadOnlyList<Embedding>> _batches = null!;
        private BatchProgress _progress = null!;
        private PipelineInputs _received = null!;
        private int _written;
        private int _sent;

        /// <summary>The texts, or objects that hold them (see -Property).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public PSObject?[] Text { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Property { get; set; }

        /// <summary>The model; NVIDIA's llama-3.2-nv-embedqa-1b-v2 unless given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string Model { get; set; } = "nvidia/llama-3.2-nv-embedqa-1b-v2";

        [Parameter]
        public EmbeddingInputType InputType { get; set; } = EmbeddingInputType.Query;

        [Parameter]
        public TruncateMode? Truncate { get; set; }

        [Parameter]
        [ValidateRange(1, 1048576)]
        public int? Dimensions { get; set; }

        [Parameter]
        public EmbeddingEncoding EncodingFormat { get; set; } = EmbeddingEncoding.Base64;

        [Parameter]
        [ValidateRange(1, 100000)]
        public int BatchSize { get; set; } = 50;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        public object GetDynamicParameters() => _connection;

        protected override void BeginProcessing()
        {
            RetrievalModel.Check(this, Model);
            _pump = new CallPump(this);
            _client = ServerCall.Open(this, _connection, _pump);
            _batches = new OrderedBatch<IReadOnlyList<Embedding>>(this, _pump, ThrottleLimit, "Get-NvEmbedding");
            _progress = new BatchProgress(this, "Get-NvEmbedding", "texts embedded");
            _received = new PipelineInputs(this, "input", "input");
        }

        protected override void ProcessRecord()
        {
            foreach ((int index, string text, object? inputObject) in _received.Accept(Text, Property))
            {
                _texts.Add(text);
                _indexes.Add(index);
                _inputs.Add(inputObject);
                if (_texts.Count == BatchSize)
                {
                    Send();
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_texts.Count > 0)
            {
                Send();
            }

            _batches.CompleteAll();
            _progress.Complete();
        }

        private void Send()
        {
            var request = new EmbeddingRequest(Model, _texts.ToArray())
            {
                InputType = InputType,
                Truncate = Truncate,
                Dimensions = Dimensions,
                Encoding = EncodingFormat,
            };
            int[] indexes = _indexes.ToArray();
            object?[] inputs = _inputs.ToArray();
            object[] target = inputs.Select((input, i) => input ?? request.Texts[i]).ToArray();
            _texts.Clear();
            _indexes.Clear();
            _inputs.Clear();
            _sent++;
            _batches.Add(() => _client.Embed(request, StopToken).ToEmbeddings(request, indexes, inputs), target, embeddings =>
            {
                WriteObject(embeddings, enumerateCollection: true);
                _written += embeddings.Count;
                _progress.Report(_written, _sent, MyInvocation.ExpectingInput ? null : Text.Length);
            });
        }
    }
}
