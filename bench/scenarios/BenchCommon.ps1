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

function Invoke-UntilJitSettles {
    # Runs the script block until the JIT has nothing left to compile: [System.Runtime.JitInfo]::GetCompiledMethodCount()
    # unchanged across -QuietRuns runs in a row, after at least -MinimumRuns and at most -MaximumRuns. In a pwsh that runs
    # the same pipelines back to back, the JIT keeps recompiling for a hundred runs or more (PowerShell's own per-call code
    # reaches each tier slowly, and every new method called restarts the runtime's tiering delay), and until it settles
    # the framework's hot methods run in their instrumented tier while the background JIT takes a core: the figures of
    # that phase measure the JIT, not the code. Returns how many runs it took, and whether the JIT settled.
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [int] $MinimumRuns = 20,
        [int] $MaximumRuns = 400,
        [int] $QuietRuns = 10
    )
    $last = -1
    $quiet = 0
    for ($run = 1; $run -le $MaximumRuns; $run++) {
        $null = & $ScriptBlock
        $compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        if ($compiled -eq $last) { $quiet++ } else { $quiet = 0 }
        $last = $compiled
        if ($run -ge $MinimumRuns -and $quiet -ge $QuietRuns) {
            return [pscustomobject]@{ Runs = $run; Settled = $true }
        }
    }
    [pscustomobject]@{ Runs = $MaximumRuns; Settled = $false }
}
