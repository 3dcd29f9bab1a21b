# Section 5: the peak working set of a fresh pwsh that streams -Chunks chunks from the test server's bulk scenario
# through Invoke-NvChatCompletion -Stream (the server generates them as it sends; nothing is kept downstream).
param(
    [Parameter(Mandatory)] [string] $ServerUri,
    [Parameter(Mandatory)] [int] $Chunks,
    [Parameter(Mandatory)] [string] $Output
)
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-BenchModule

$start = [System.Diagnostics.Stopwatch]::GetTimestamp()
$events = Invoke-NvChatCompletion -BaseUri "$ServerUri/bulk~$Chunks/v1" -Model meta/llama-3.1-8b-instruct -Message 'Explain GPU computing.' -Stream |
    Measure-BenchArrival -StartTimestamp $start
if ($events.Count -ne $Chunks + 2) { throw "Expected $($Chunks + 2) events; got $($events.Count)." }
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
# What the stream leaves held once it has ended, the Complete event still in hand: the managed heap after a full
# collection. The peak working set above also counts what was alive only for a moment and the heap the GC keeps.
[System.GC]::Collect()
[System.GC]::WaitForPendingFinalizers()
$liveBytes = [System.GC]::GetTotalMemory($true)
# The answer's own text, held once as .NET strings (two bytes a character): what the stream must keep, and the target.
$response = $events.Last.Response
[ordered]@{
    Chunks = $Chunks
    PeakWorkingSetMB = $process.PeakWorkingSet64 / 1MB
    LiveHeapMB = $liveBytes / 1MB
    TextMB = ($response.Content.Length + "$($response.Reasoning)".Length) * 2 / 1MB
    TotalMs = $events.TotalMs
} | ConvertTo-Json | Set-Content -LiteralPath $Output
