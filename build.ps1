#Requires -Version 7.4
<#
.SYNOPSIS
    The one entry point: build the module, run every test suite, or run the offline demo.
.DESCRIPTION
    Build   (default) compiles the core and the cmdlets and stages them into module/bin, generates
            their help from docs/help into en-US, so that Import-Module ./NvidiaInference.psd1 and
            Get-Help work.
    Test    builds, runs the xunit suite of the core and the Pester suite of the cmdlets, and ends
            with one line "N passed, N failed" summing both.
    Demo    builds, then converts a bundled request to its NIM body and replays a bundled stream
            through ConvertFrom-NvChunk; with NVIDIA_API_KEY set and an HTTP cmdlet present it also
            makes one real call.
    Bench   builds, then runs every benchmark (bench/Bench.ps1): prints each figure beside its floor and writes
            bench/results.json, then fuzzes the readers and converters with 100,000 iterations per property.
            Takes a few minutes; not part of Test.
    Package builds, then packs the module (the manifest, module/ and en-US/; no sources or tests) into
            artifacts/package/NvidiaInference.<version>.nupkg (build/Build-ModulePackage.ps1), which
            Install-PSResource installs with that folder registered as a repository.
    Clean   removes build output.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$stage = Join-Path $root 'module/bin'
# Get-Help looks for a module's help (the cmdlets' MAML and the about topic) in a culture folder of the module base,
# the manifest's folder, not beside the assembly; every culture falls back to en-US.
$help = Join-Path $root 'en-US'
$publish = Join-Path $root 'artifacts/publish'
$results = Join-Path $root 'TestResults'

# What ships in module/bin. System.Text.Json, System.Memory and the other framework packages are left
# out on purpose: PowerShell 7.4+ carries them, and shipping another copy risks a version conflict.
$shipped = @(
    'NvidiaInference.dll', 'NvidiaInference.pdb', 'NvidiaInference.Core.dll', 'NvidiaInference.Core.pdb',
    'NvidiaInference.Core.xml'
)

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $root 'NvidiaInference.psd1')).ModuleVersion
}

function Build-Module {
    $version = Get-ModuleVersion
    Write-Host "Building NvidiaInference $version ($Configuration)"
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/NvidiaInference/NvidiaInference.csproj'),
        '-c', $Configuration, "-p:Version=$version", '-o', $publish, '--nologo', '-v', 'quiet')
    New-Item -ItemType Directory -Force -Path $stage | Out-Null
    foreach ($file in $shipped) {
        # Copy beside, then rename over: a pwsh that has the old assembly loaded keeps its file, untouched.
        $target = Join-Path $stage $file
        Copy-Item -LiteralPath (Join-Path $publish $file) -Destination "$target.new" -Force
        Move-Item -LiteralPath "$target.new" -Destination $target -Force
    }
    Write-Host "Staged the module in $stage"
    # The MAML is generated from docs/help and the metadata of the cmdlets just built, in a child process because
    # it imports the module.
    Invoke-Native dotnet @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build/Build-ModuleHelp.ps1'),
        '-ManifestPath', (Join-Path $root 'NvidiaInference.psd1'), '-SourcePath', (Join-Path $root 'docs/help'), '-OutputPath', $help)
}

function Get-PesterManifest {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/Pester/tools.proj'), '--nologo', '-v', 'quiet')
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester was restored, but $manifest is missing." }
    $manifest
}

function Invoke-CoreTests {
    $trx = Join-Path $results 'core.trx'
    Remove-Item -LiteralPath $trx -ErrorAction Ignore
    & dotnet test (Join-Path $root 'tests/NvidiaInference.Core.Tests') -c $Configuration --nologo `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=minimal' --results-directory $results
    $counters = if (Test-Path -LiteralPath $trx) { ([xml](Get-Content -Raw -LiteralPath $trx)).TestRun.ResultSummary.Counters }
    if ($null -eq $counters -or [int]$counters.total -eq 0) {
        Write-Warning 'The xunit run did not build, did not start, or ran no test: counted as a failure.'
        return [pscustomobject]@{ Suite = 'xunit'; Passed = 0; Failed = 1 }
    }
    [pscustomobject]@{ Suite = 'xunit'; Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error }
}

function Invoke-PesterTests {
    $pester = Get-PesterManifest
    Invoke-Native dotnet @('build', (Join-Path $root 'tests/NimTestServer'), '-c', 'Release', '--nologo', '-v', 'quiet')
    $summary = Join-Path $results 'pester.json'
    Remove-Item -LiteralPath $summary -ErrorAction Ignore
    # A child process, so the module under test loads fresh and never into this build session. A failure of the run
    # itself leaves no summary, so a crash can never read as "0 failed".
    $script = @"
Import-Module '$pester' -MinimumVersion 5.7.1
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
try { `$run = Invoke-Pester -Configuration `$config } catch { Write-Host "The Pester run failed: `$_"; exit 1 }
@{ Passed = `$run.PassedCount; Failed = `$run.FailedCount + `$run.FailedBlocksCount + `$run.FailedContainersCount } |
    ConvertTo-Json | Set-Content -LiteralPath '$summary'
"@
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
    $counts = if (Test-Path -LiteralPath $summary) { Get-Content -Raw -LiteralPath $summary | ConvertFrom-Json }
    if ($null -eq $counts -or ([int]$counts.Passed + [int]$counts.Failed) -eq 0) {
        Write-Warning 'The Pester run did not finish, or ran no test: counted as a failure.'
        return [pscustomobject]@{ Suite = 'Pester'; Passed = [int]$counts.Passed; Failed = 1 }
    }
    [pscustomobject]@{ Suite = 'Pester'; Passed = [int]$counts.Passed; Failed = [int]$counts.Failed }
}

function Invoke-Test {
    Build-Module
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    $suites = @(Invoke-CoreTests; Invoke-PesterTests)
    $suites | Format-Table -AutoSize | Out-Host
    $passed = ($suites | Measure-Object -Property Passed -Sum).Sum
    $failed = ($suites | Measure-Object -Property Failed -Sum).Sum
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Build-Module
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $root 'examples/Demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

function Invoke-Bench {
    Build-Module
    # The benchmark projects and the test server are Release builds; the module is built as -Configuration says.
    foreach ($project in @('bench/NvidiaInference.Benchmarks', 'bench/NvidiaInference.BenchCmdlets', 'tests/NimTestServer')) {
        Invoke-Native dotnet @('build', (Join-Path $root $project), '-c', 'Release', '--nologo', '-v', 'quiet')
    }
    & (Join-Path $root 'bench/Bench.ps1') -Output (Join-Path $root 'bench/results.json')
    Invoke-LongFuzz
}

function Invoke-LongFuzz {
    # The fuzz and robustness properties run with fixed seeds and few iterations in Test; here, many more.
    $env:NVI_FUZZ_ITERATIONS = '100000'
    try {
        Write-Host 'Fuzzing the readers and converters (100,000 iterations per property)'
        Invoke-Native dotnet @('test', (Join-Path $root 'tests/NvidiaInference.Core.Tests'), '-c', $Configuration, '--nologo',
            '--filter', 'FullyQualifiedName~FuzzTests|FullyQualifiedName~RobustnessPropertyTests')
    }
    finally {
        Remove-Item Env:NVI_FUZZ_ITERATIONS -ErrorAction Ignore
    }
}

function Invoke-Package {
    Build-Module
    & (Join-Path $root 'build/Build-ModulePackage.ps1') -SourceRoot $root -OutputPath (Join-Path $root 'artifacts/package') | Out-Null
}

function Invoke-Clean {
    foreach ($path in @($stage, $help, (Join-Path $root 'artifacts'), $results)) {
        Remove-Item -LiteralPath $path -Recurse -Force -ErrorAction Ignore
    }
    Invoke-Native dotnet @('clean', (Join-Path $root 'src/NvidiaInference/NvidiaInference.csproj'), '--nologo', '-v', 'quiet')
}

switch ($Task) {
    'Build' { Build-Module }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
