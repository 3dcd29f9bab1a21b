# Section 2: a transcript file piped through ConvertFrom-NimChunk, against the same lines through ForEach-Object { }
# and through a compiled pass-through cmdlet; also read 1,000 lines at a time (-ReadCount), which spares Get-Content's
# cost per line. Each pipeline runs -Warmup times first, then -Runs times, interleaved.
param(
    [Parameter(Mandatory)] [string] $Transcript,
    [Parameter(Mandatory)] [int] $Chunks,
    [Parameter(Mandatory)] [string] $Output,
    [int] $Runs = 5,
    [int] $Warmup = 2
)
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-BenchModule

$pipelines = [ordered]@{
    ConvertFrom = { $null = Get-Content -LiteralPath $Transcript | ConvertFrom-NvChunk -ErrorAction Stop }
    ConvertFromBatched = { $null = Get-Content -LiteralPath $Transcript -ReadCount 1000 | ConvertFrom-NvChunk -ErrorAction Stop }
    ForEachObject = { $null = Get-Content -LiteralPath $Transcript | ForEach-Object { } }
    PassThrough = { $null = Get-Content -LiteralPath $Transcript | Copy-BenchItem }
}

# Check once that the conversion really converts the whole transcript: one Complete, ending with the tool calls.
$last = Get-Content -LiteralPath $Transcript | ConvertFrom-NvChunk -ErrorAction Stop | Select-Object -Last 1
if ($last.EventType -ne 'Complete' -or $last.StopReason -ne 'EndOfMessage') { throw "The transcript did not convert to a complete stream." }

$times = @{}
foreach ($name in $pipelines.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
for ($run = 1 - $Warmup; $run -le $Runs; $run++) {
    foreach ($name in $pipelines.Keys) {
        $ms = Measure-Milliseconds $pipelines[$name]
        if ($run -gt 0) { $times[$name].Add($ms) }
    }
}

$result = [ordered]@{ Chunks = $Chunks; Lines = @(Get-Content -LiteralPath $Transcript).Count; Runs = $Runs; Warmup = $Warmup }
foreach ($name in $pipelines.Keys) { $result["$($name)Ms"] = Get-Median $times[$name] }
$result | ConvertTo-Json | Set-Content -LiteralPath $Output
