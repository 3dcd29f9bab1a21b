# Shared by Bench.ps1 and its scenarios (each scenario runs in a fresh pwsh and imports what it measures).

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Import-BenchModule {
    # The module under test, and the bench-only cmdlets that give the floors.
    $root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'NvidiaInference.psd1') -Global
    Import-Module (Join-Path $root 'bench/NvidiaInference.BenchCmdlets/bin/Release/net10.0/NvidiaInference.BenchCmdlets.dll') -Global
}

function Get-Median {
    param([Parameter(Mandatory)] [double[]] $Value)
    $sorted = [double[]]($Value | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Measure-Milliseconds {
    # Runs the script block once and returns how long it took.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    & $ScriptBlock
    $clock.Elapsed.TotalMilliseconds
}
