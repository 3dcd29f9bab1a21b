# Section 3: Invoke-NvChatCompletion -Stream against the test server's bulk scenario, against a raw HttpClient read of
# the same response in this process, and against the pipeline floor: a compiled cmdlet writing as many objects into
# the same sink. The three run in turn until the JIT has settled (Invoke-UntilJitSettles: the pooled connection opens,
# and the tiered JIT stops recompiling, which in a pwsh that streams back to back takes a hundred runs or more), then
# -Runs times.
param(
    [Parameter(Mandatory)] [string] $ServerUri,
    [Parameter(Mandatory)] [int] $Chunks,
    [Parameter(Mandatory)] [string] $Output,
    [int] $Runs = 15,
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
# The CPU time this process spent during each pipeline (all its threads), beside the wall-clock time: on a machine with
# few cores, the module's CPU time, shared with the server's, bounds how far its two threads can overlap.
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$measure = {
    $cpuBefore = $process.TotalProcessorTime
    $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $events = Invoke-NvChatCompletion -BaseUri $base -Model meta/llama-3.1-8b-instruct -Message 'Explain GPU computing.' -Stream |
        Measure-BenchArrival -StartTimestamp $start
    $process.Refresh()
    $moduleCpu = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    $read = Measure-BenchHttpStream -Uri "$base/chat/completions" -Body $body
    $process.Refresh()
    $cpuBefore = $process.TotalProcessorTime
    $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $written = Write-BenchItem ($Chunks + 2) | Measure-BenchArrival -StartTimestamp $start
    $process.Refresh()
    $pipelineCpu = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    # Start, one event per chunk, Complete; the raw read counts the chunks, the final chunk and [DONE].
    if ($events.Count -ne $Chunks + 2 -or $read.Count -ne $Chunks + 2) { throw "Expected $($Chunks + 2) events; got $($events.Count) and $($read.Count)." }
    [pscustomobject]@{ Module = $events; Raw = $read; Pipeline = $written; ModuleCpuMs = $moduleCpu; PipelineCpuMs = $pipelineCpu }
}
$cpu = [System.Collections.Generic.List[object]]::new()
$warmup = Invoke-UntilJitSettles { $null = & $measure }
for ($run = 1; $run -le $Runs; $run++) {
    $result = & $measure
    $module.Add($result.Module); $raw.Add($result.Raw); $pipeline.Add($result.Pipeline); $cpu.Add($result)
}

[ordered]@{
    Chunks = $Chunks
    Runs = $Runs
    Warmup = $warmup.Runs
    JitSettled = $warmup.Settled
    ModuleTotalMs = Get-Median $module.TotalMs
    ModuleFirstMs = Get-Median $module.FirstMs
    RawTotalMs = Get-Median $raw.TotalMs
    RawFirstMs = Get-Median $raw.FirstMs
    PipelineTotalMs = Get-Median $pipeline.TotalMs
    ModuleCpuMs = Get-Median $cpu.ModuleCpuMs
    PipelineCpuMs = Get-Median $cpu.PipelineCpuMs
} | ConvertTo-Json | Set-Content -LiteralPath $Output
