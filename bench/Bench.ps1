#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every benchmark, prints each figure beside its floor and writes the results as JSON.
.DESCRIPTION
    build.ps1 -Task Bench builds the module, the benchmarks and the test server, then runs this. Timings are medians
    of several runs; each is compared with a floor measured the same way on the same machine, so the ratio, not the
    absolute time, is what carries from one machine to another. Each pwsh measurement runs in a fresh process.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Output
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).Path
$work = Join-Path $root 'artifacts/bench'
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$benchmarks = Join-Path $root 'bench/NvidiaInference.Benchmarks/bin/Release/net10.0/NvidiaInference.Benchmarks.dll'
. (Join-Path $root 'tests/Pester/TestServer.ps1')
. (Join-Path $PSScriptRoot 'scenarios/BenchCommon.ps1')

function Invoke-Scenario {
    # Runs bench/scenarios/NAME.ps1 in a fresh pwsh and returns the results it wrote.
    param([string] $Name, [hashtable] $Parameters)
    $result = Join-Path $work "$Name.json"
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot "scenarios/$Name.ps1"), '-Output', $result)
    foreach ($key in $Parameters.Keys) {
        # A switch goes as -Name:$true, the form pwsh -File reads for switches.
        $arguments += if ($Parameters[$key] -is [bool]) { "-${key}:`$$($Parameters[$key].ToString().ToLowerInvariant())" } else { @("-$key", "$($Parameters[$key])") }
    }
    Remove-Item -LiteralPath $result -ErrorAction Ignore
    & dotnet $pwshDll @arguments
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $result)) { throw "The $Name benchmark failed (exit code $LASTEXITCODE)." }
    Get-Content -Raw -LiteralPath $result | ConvertFrom-Json
}

function Measure-Core {
    Write-Host 'Core: BenchmarkDotNet (about a minute)'
    $result = Join-Path $work 'core.json'
    & dotnet $benchmarks core $result | Out-File -LiteralPath (Join-Path $work 'core.log')
    if ($LASTEXITCODE -ne 0) { throw "The core benchmarks failed; see $(Join-Path $work 'core.log')." }
    $core = Get-Content -Raw -LiteralPath $result | ConvertFrom-Json
    $byName = @{}
    foreach ($benchmark in $core.Benchmarks) { $byName[$benchmark.Benchmark] = $benchmark }
    [pscustomobject]@{
        Chunks = $core.TranscriptChunks
        Bytes = $core.TranscriptBytes
        StreamReader = $byName['StreamBenchmarks.StreamReader']
        StreamReaderWithThinking = $byName['StreamBenchmarks.StreamReaderWithThinking']
        LineDecoder = $byName['StreamBenchmarks.LineDecoder']
        Floor = $byName['StreamBenchmarks.Utf8JsonReaderFloor']
        Payload = $byName['PayloadBenchmarks.BuildChat']
    }
}

function Measure-ChunkPipeline {
    Write-Host 'ConvertFrom-NimChunk: 100,000 chunks from a file'
    $transcript = Join-Path $work 'transcript-100000.sse'
    & dotnet $benchmarks transcript 100000 $transcript
    if ($LASTEXITCODE -ne 0) { throw 'The transcript could not be generated.' }
    Invoke-Scenario ChunkPipeline @{ Transcript = $transcript; Chunks = 100000 }
}

function Measure-Import {
    Write-Host 'Import-Module: 10 fresh pwsh processes, 10 that import nothing, and 10 that load only the format file'
    $manifest = Join-Path $root 'NvidiaInference.psd1'
    $formats = Join-Path $root 'module/NvidiaInference.Format.ps1xml'
    $bare = [System.Collections.Generic.List[double]]::new()
    $import = [System.Collections.Generic.List[double]]::new()
    $format = [System.Collections.Generic.List[double]]::new()
    for ($run = 0; $run -le 10; $run++) {
        $cases = @(
            @{ List = $bare; Command = 'exit 0' }
            @{ List = $import; Command = "Import-Module '$manifest'; exit 0" }
            @{ List = $format; Command = "Update-FormatData -AppendPath '$formats'; exit 0" }
        )
        foreach ($case in $cases) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            & dotnet $pwshDll -NoProfile -NonInteractive -Command $case.Command
            if ($LASTEXITCODE -ne 0) { throw "pwsh -Command `"$($case.Command)`" failed." }
            if ($run -gt 0) { $case.List.Add($clock.Elapsed.TotalMilliseconds) }
        }
    }
    [pscustomobject]@{ Runs = 10; BareMs = Get-Median $bare; ImportMs = Get-Median $import; FormatOnlyMs = Get-Median $format }
}

function Measure-Server {
    param($Server)
    Write-Host 'Invoke-NvChatCompletion -Stream: 20,000 chunks over loopback'
    $stream = Invoke-Scenario LoopbackStream @{ ServerUri = $Server.Uri; Chunks = 20000 }
    Write-Host 'Invoke-NvChatCompletion -Stream: 20,000 chunks over loopback, 80% of them thinking'
    $thinking = Invoke-Scenario LoopbackStream @{ ServerUri = $Server.Uri; Chunks = 20000; Thinking = $true }
    Write-Host 'Memory: streaming 1,000 and 1,000,000 chunks'
    $small = Invoke-Scenario StreamMemory @{ ServerUri = $Server.Uri; Chunks = 1000 }
    $large = Invoke-Scenario StreamMemory @{ ServerUri = $Server.Uri; Chunks = 1000000 }
    [pscustomobject]@{ Stream = $stream; ThinkingStream = $thinking; Memory = [pscustomobject]@{ Small = $small; Large = $large } }
}

function New-Row {
    # $Met is null for a figure that has no target.
    param([string] $Measure, [string] $Result, [string] $Floor, [string] $Ratio, [string] $Target, [Nullable[bool]] $Met)
    [pscustomobject]@{ Measure = $Measure; Result = $Result; Floor = $Floor; Ratio = $Ratio; Target = $Target; Met = if ($null -eq $Met) { '' } elseif ($Met) { 'yes' } else { 'NO' } }
}

function Get-Rows {
    param($Core, $Pipeline, $Import, $Server)
    $perSecond = { param($count, $ns) $count / ($ns / 1e9) }
    $floorRate = & $perSecond $Core.Chunks $Core.Floor.MedianNs
    $readerRate = & $perSecond $Core.Chunks $Core.StreamReader.MedianNs
    $thinkingRate = & $perSecond $Core.Chunks $Core.StreamReaderWithThinking.MedianNs
    $lineRate = & $perSecond $Core.Chunks $Core.LineDecoder.MedianNs
    $readerBytes = $Core.StreamReader.AllocatedBytes / $Core.Chunks
    $lineBytes = $Core.LineDecoder.AllocatedBytes / $Core.Chunks
    $convert = $Pipeline.Chunks / ($Pipeline.ConvertFromMs / 1000)
    $forEach = $Pipeline.Chunks / ($Pipeline.ForEachObjectMs / 1000)
    $passThrough = $Pipeline.Chunks / ($Pipeline.PassThroughMs / 1000)
    $batched = $Pipeline.Chunks / ($Pipeline.ConvertFromBatchedMs / 1000)
    $stream = $Server.Stream
    $memory = $Server.Memory
    $growth = $memory.Large.PeakWorkingSetMB - $memory.Small.PeakWorkingSetMB
    $textGrowth = $memory.Large.TextMB - $memory.Small.TextMB
    $liveGrowth = $memory.Large.LiveHeapMB - $memory.Small.LiveHeapMB
    $added = $Import.ImportMs - $Import.BareMs
    $formatAdded = $Import.FormatOnlyMs - $Import.BareMs
    @(
        New-Row 'Core: SSE stream to events (NimStreamReader)' ('{0:N0} chunks/s, {1:N1} MB/s' -f $readerRate, ($Core.Bytes / ($Core.StreamReader.MedianNs / 1e9) / 1MB)) ('{0:N0} chunks/s (Utf8JsonReader)' -f $floorRate) ('{0:N2}' -f ($readerRate / $floorRate)) '>= 0.5 of floor' ($readerRate / $floorRate -ge 0.5)
        New-Row 'Core: the same with 80% thinking' ('{0:N0} chunks/s' -f $thinkingRate) ('{0:N0} chunks/s (no thinking)' -f $readerRate) ('{0:N2}' -f ($thinkingRate / $readerRate)) '>= 0.9 of no thinking' ($thinkingRate / $readerRate -ge 0.9)
        New-Row 'Core: allocated per chunk (NimStreamReader)' ('{0:N0} B' -f $readerBytes) ('{0:N0} B' -f ($Core.Floor.AllocatedBytes / $Core.Chunks)) '' '<= 247 B (before issue 16)' ($readerBytes -le 247)
        New-Row 'Core: SSE lines to events (NimChunkDecoder)' ('{0:N0} chunks/s, {1:N0} B/chunk' -f $lineRate, $lineBytes) ('{0:N0} chunks/s (Utf8JsonReader)' -f $floorRate) ('{0:N2}' -f ($lineRate / $floorRate)) '' $null
        New-Row 'Core: payload building (BuildChat)' ('{0:N0} requests/s, {1:N0} B/request' -f (1e9 / $Core.Payload.MedianNs), $Core.Payload.AllocatedBytes) '' '' '' $null
        New-Row 'Get-Content | ConvertFrom-NvChunk' ('{0:N0} chunks/s' -f $convert) ('{0:N0} chunks/s (ForEach-Object {{ }}), {1:N0} (pass-through cmdlet)' -f $forEach, $passThrough) ('{0:N2} of ForEach-Object' -f ($convert / $forEach)) '>= 1.0 of ForEach-Object' ($convert -ge $forEach)
        New-Row 'Get-Content -ReadCount 1000 | ConvertFrom-NvChunk' ('{0:N0} chunks/s' -f $batched) '' '' '' $null
        New-Row 'Invoke-NvChatCompletion -Stream, loopback' ('{0:N0} chunks/s ({1:N0} ms)' -f ($stream.Chunks / ($stream.ModuleTotalMs / 1000)), $stream.ModuleTotalMs) ('{0:N0} ms, the pipeline alone; raw HttpClient read {1:N0} ms; CPU {2:N0} ms against {3:N0} ms; after {4} warm-up runs{5}' -f $stream.PipelineTotalMs, $stream.RawTotalMs, $stream.ModuleCpuMs, $stream.PipelineCpuMs, $stream.Warmup, $(if ($stream.JitSettled) { '' } else { ' (the JIT had not settled)' })) ('{0:N2}x the time' -f ($stream.ModuleTotalMs / $stream.PipelineTotalMs)) '<= 1.5x the pipeline alone' ($stream.ModuleTotalMs / $stream.PipelineTotalMs -le 1.5)
        New-Row 'The same with 80% thinking' ('{0:N0} ms' -f $Server.ThinkingStream.ModuleTotalMs) ('{0:N0} ms (no thinking)' -f $stream.ModuleTotalMs) ('{0:N2}x the time' -f ($Server.ThinkingStream.ModuleTotalMs / $stream.ModuleTotalMs)) '<= 1.1x the time' ($Server.ThinkingStream.ModuleTotalMs / $stream.ModuleTotalMs -le 1.1)
        New-Row 'First event, loopback' ('{0:N2} ms' -f $stream.ModuleFirstMs) ('{0:N2} ms (raw HttpClient)' -f $stream.RawFirstMs) ('+{0:N2} ms' -f ($stream.ModuleFirstMs - $stream.RawFirstMs)) '<= +2 ms' ($stream.ModuleFirstMs - $stream.RawFirstMs -le 2)
        New-Row 'Import-Module, fresh pwsh' ('{0:N0} ms, +{1:N0} ms' -f $Import.ImportMs, $added) ('{0:N0} ms bare; the format file alone +{1:N0} ms' -f $Import.BareMs, $formatAdded) ('{0:N2}x the format file' -f ($added / $formatAdded)) '<= 1.25x the format file' ($added -le 1.25 * $formatAdded)
        New-Row 'Managed heap kept after the stream, 1,000 to 1,000,000 chunks' ('{0:N1} MB to {1:N1} MB, +{2:N1} MB' -f $memory.Small.LiveHeapMB, $memory.Large.LiveHeapMB, $liveGrowth) ('+{0:N1} MB (the answer''s text, held once)' -f $textGrowth) ('{0:N2}x the text' -f ($liveGrowth / $textGrowth)) '' $null
        New-Row 'Peak working set, 1,000 to 1,000,000 chunks' ('{0:N1} MB to {1:N1} MB, +{2:N1} MB' -f $memory.Small.PeakWorkingSetMB, $memory.Large.PeakWorkingSetMB, $growth) ('+{0:N1} MB (the answer''s text, held once)' -f $textGrowth) ('{0:N2}x the text' -f ($growth / $textGrowth)) '<= 1x the text' ($growth -le $textGrowth)
    )
}

function Measure-Retrieval {
    param($Server)
    Write-Host 'Get-NvEmbedding: 10,000 passages over loopback, -ThrottleLimit 8'
    Invoke-Scenario LoopbackRetrieval @{ ServerUri = $Server.Uri; Passages = 10000; ThrottleLimit = 8 }
}

function Get-RetrievalRows {
    # The embedding benchmarks of core.json (written by Measure-Core) and the loopback run.
    param($Loopback)
    $core = Get-Content -Raw -LiteralPath (Join-Path $work 'core.json') | ConvertFrom-Json
    $byName = @{}
    foreach ($benchmark in $core.Benchmarks) { $byName[$benchmark.Benchmark] = $benchmark }
    $float = $byName['EmbeddingBenchmarks.ReadFloat']
    $base64 = $byName['EmbeddingBenchmarks.ReadBase64']
    $floorFloat = $byName['EmbeddingBenchmarks.Utf8JsonReaderFloorFloat']
    $floorBase64 = $byName['EmbeddingBenchmarks.Utf8JsonReaderFloorBase64']
    $vectors = $core.EmbeddingVectors
    $label = '{0:N0} x {1:N0}' -f $vectors, $core.EmbeddingDimensions
    @(
        New-Row "Core: embedding answer as floats ($label)" ('{0:N1} ms, {1:N0} vectors/s' -f ($float.MedianNs / 1e6), ($vectors / ($float.MedianNs / 1e9))) ('{0:N1} ms (Utf8JsonReader pass)' -f ($floorFloat.MedianNs / 1e6)) ('{0:N2} of its speed' -f ($floorFloat.MedianNs / $float.MedianNs)) '>= 0.5 of floor' ($floorFloat.MedianNs / $float.MedianNs -ge 0.5)
        New-Row "Core: embedding answer as base64 ($label)" ('{0:N1} ms, {1:N0} vectors/s' -f ($base64.MedianNs / 1e6), ($vectors / ($base64.MedianNs / 1e9))) ('{0:N1} ms (Utf8JsonReader pass); floats {1:N1} ms' -f ($floorBase64.MedianNs / 1e6), ($float.MedianNs / 1e6)) ('{0:N1}x faster than floats' -f ($float.MedianNs / $base64.MedianNs)) '>= 5x faster than floats' ($float.MedianNs / $base64.MedianNs -ge 5)
        New-Row ('Get-NvEmbedding, {0:N0} passages, -ThrottleLimit {1}, loopback' -f $Loopback.Passages, $Loopback.ThrottleLimit) ('{0:N0} ms' -f $Loopback.ModuleTotalMs) ('{0:N0} ms (raw HttpClient, {1} requests)' -f $Loopback.RawTotalMs, $Loopback.Requests) ('{0:N2}x the time' -f ($Loopback.ModuleTotalMs / $Loopback.RawTotalMs)) '<= 1.3x the time' ($Loopback.ModuleTotalMs / $Loopback.RawTotalMs -le 1.3)
    )
}

New-Item -ItemType Directory -Force -Path $work | Out-Null
$core = Measure-Core
$pipeline = Measure-ChunkPipeline
$import = Measure-Import
$server = Start-NimTestServer
try { $measured = Measure-Server $server; $retrieval = Measure-Retrieval $server } finally { Stop-NimTestServer $server }
$rows = @(Get-Rows $core $pipeline $import $measured) + @(Get-RetrievalRows $retrieval)
$rows | Format-Table -AutoSize | Out-String -Width 400 | Write-Host
[ordered]@{
    Machine = [ordered]@{
        Date = (Get-Date).ToUniversalTime().ToString('u'); Os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        Cores = [Environment]::ProcessorCount; Dotnet = [Environment]::Version.ToString(); PowerShell = $PSVersionTable.PSVersion.ToString()
    }
    Table = $rows
    Core = $core; ChunkPipeline = $pipeline; Import = $import; Stream = $measured.Stream; Memory = $measured.Memory
    Retrieval = $retrieval
} | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $Output
Write-Host "Wrote $Output"
