# Get-NvEmbedding over loopback: -Passages texts (given with -Text: piping them adds the pipeline's own cost per
# object, measured by the ChunkPipeline scenario) in batches of -BatchSize, -ThrottleLimit batches at once, against the
# test server's retriever (tests/NimTestServer/RetrievalScenario.cs), and against the same request bodies POSTed by a
# raw HttpClient at the same concurrency, answers read whole and not parsed (Measure-BenchHttpBatch). Each runs
# -Warmup times first, then -Runs times.
param(
    [Parameter(Mandatory)] [string] $ServerUri,
    [Parameter(Mandatory)] [int] $Passages,
    [Parameter(Mandatory)] [string] $Output,
    [int] $BatchSize = 50,
    [int] $ThrottleLimit = 8,
    [int] $Runs = 5,
    [int] $Warmup = 2
)
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-BenchModule

$base = "$ServerUri/retrieval/v1"
$texts = [string[]](1..$Passages | ForEach-Object { "Passage number $_ says that a GPU runs the models NIM serves." })
$bodies = [string[]]$(for ($first = 0; $first -lt $Passages; $first += $BatchSize) {
    $batch = [string[]]$texts[$first..([Math]::Min($first + $BatchSize, $Passages) - 1)]
    $request = [NvidiaInference.EmbeddingRequest]::new('nvidia/llama-3.2-nv-embedqa-1b-v2', $batch)
    $request.InputType = 'Passage'
    [NvidiaInference.Retrieval.EmbeddingRequestWriter]::Build($request).Body
})
$module = [System.Collections.Generic.List[double]]::new()
$raw = [System.Collections.Generic.List[double]]::new()
for ($run = 1 - $Warmup; $run -le $Runs; $run++) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $embeddings = Get-NvEmbedding -BaseUri $base -Model nvidia/llama-3.2-nv-embedqa-1b-v2 -InputType Passage -BatchSize $BatchSize -ThrottleLimit $ThrottleLimit -Text $texts
    $count = $embeddings.Count
    $moduleMs = $clock.Elapsed.TotalMilliseconds
    $read = Measure-BenchHttpBatch -Uri "$base/embeddings" -Body $bodies -ThrottleLimit $ThrottleLimit
    if ($count -ne $Passages -or $read.Count -ne $bodies.Count) { throw "Expected $Passages embeddings in $($bodies.Count) requests; got $count and $($read.Count)." }
    if ($run -gt 0) { $module.Add($moduleMs); $raw.Add($read.TotalMs) }
}

[ordered]@{
    Passages = $Passages
    Requests = $bodies.Count
    ThrottleLimit = $ThrottleLimit
    Runs = $Runs
    Warmup = $Warmup
    ModuleTotalMs = Get-Median $module
    RawTotalMs = Get-Median $raw
} | ConvertTo-Json | Set-Content -LiteralPath $Output
