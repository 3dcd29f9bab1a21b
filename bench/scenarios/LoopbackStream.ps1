# Section 3: Invoke-NvChatCompletion -Stream against the test server's bulk scenario, against a raw HttpClient read of
# the same response in this process, and against the pipeline floor: a compiled cmdlet writing as many objects into
# the same sink. Each runs -Warmup times first (the pooled connection opens, and the JIT's tiering settles: the first
# few runs are several times slower), then -Runs times.
param(
    [Parameter(Mandatory)] [string] $ServerUri,
    [Parameter(Mandatory)] [int] $Chunks,
    [Parameter(Mandatory)] [string] $Output,
    [int] $Runs = 7,
    [int] $Warmup = 5,
    # A reasoning model's stream: 80% of the chunks are thinking.
    [switch] $Thinking
)
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-BenchModule

$base = "$ServerUri/bulk~$Chunks$(if ($Thinking) { '~thinking' })/v1"
$body = (ConvertTo-NimPayload -Model meta/llama-3.1-8b-instruct -Message 'Explain GPU computing.' -Stream).Body
$module = [System.Collections.Generic.List[object]]::new()
$raw = [System.Collections.Generic.List[object]]::new()
$pipeline = [System.Collections.Generic.List[object]]::new()
for ($run = 1 - $Warmup; $run -le $Runs; $run++) {
    $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $events = Invoke-NvChatCompletion -BaseUri $base -Model meta/llama-3.1-8b-instruct -Message 'Explain GPU computing.' -Stream |
        Measure-BenchArrival -StartTimestamp $start
    $read = Measure-BenchHttpStream -Uri "$base/chat/completions" -Body $body
    $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $written = Write-BenchItem ($Chunks + 2) | Measure-BenchArrival -StartTimestamp $start
    # Start, one event per chunk, Complete; the raw read counts the chunks, the final chunk and [DONE].
    if ($events.Count -ne $Chunks + 2 -or $read.Count -ne $Chunks + 2) { throw "Expected $($Chunks + 2) events; got $($events.Count) and $($read.Count)." }
    if ($run -gt 0) { $module.Add($events); $raw.Add($read); $pipeline.Add($written) }
}

[ordered]@{
    Chunks = $Chunks
    Runs = $Runs
    Warmup = $Warmup
    ModuleTotalMs = Get-Median $module.TotalMs
    ModuleFirstMs = Get-Median $module.FirstMs
    RawTotalMs = Get-Median $raw.TotalMs
    RawFirstMs = Get-Median $raw.FirstMs
    PipelineTotalMs = Get-Median $pipeline.TotalMs
} | ConvertTo-Json | Set-Content -LiteralPath $Output
