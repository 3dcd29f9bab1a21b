#Requires -Version 7.4
<#
.SYNOPSIS
    Packs the built module into a .nupkg that Install-PSResource installs.
.DESCRIPTION
    Stages what ships into a clean folder named after the module: the manifest, module/ (bin/ with the assemblies,
    the format file), en-US/ (the cmdlets' MAML and about_NvidiaInference) and examples/Contract.Tests.ps1 (the
    contract suite to copy), and packs it with
    Compress-PSResource (PSResourceGet, which ships with PowerShell 7.4+). Sources, tests and docs never enter the
    package. Writes the .nupkg's FileInfo.

    build.ps1 -Task Package builds first and then runs this; the module must have been built (module/bin and
    en-US staged). Install from the output folder with:
        Register-PSResourceRepository -Name NvidiaInferenceLocal -Uri <OutputPath> -Trusted
        Install-PSResource -Name NvidiaInference -Repository NvidiaInferenceLocal
.EXAMPLE
    ./build/Build-ModulePackage.ps1 -SourceRoot . -OutputPath ./artifacts/package
#>
[CmdletBinding()]
param(
    # The folder of the manifest, with module/ and en-US/ built.
    [Parameter(Mandatory)] [string] $SourceRoot,
    # Where the .nupkg goes; a package of the same version there is replaced.
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$name = 'NvidiaInference'
$manifestPath = Join-Path $SourceRoot "$name.psd1"
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
# What ships beside the manifest. Each must be there, or the package would install a module that does not load.
$shipped = @('module', 'en-US')
# The contract suite users copy (issue 8): it imports the manifest one folder up, as it does in the repository.
$shippedFiles = @('examples/Contract.Tests.ps1')
$required = @($manifest.RootModule) + @($manifest.FormatsToProcess) + @("en-US/$name.dll-Help.xml", "en-US/about_$name.help.txt") + $shippedFiles
foreach ($path in $required) {
    if (-not (Test-Path -LiteralPath (Join-Path $SourceRoot $path))) {
        throw "$path is missing: build the module first (build.ps1 -Task Build)."
    }
}

$stage = Join-Path ([System.IO.Path]::GetTempPath()) "nvi-package-$([guid]::NewGuid())"
$moduleStage = Join-Path $stage $name
try {
    New-Item -ItemType Directory -Force -Path $moduleStage | Out-Null
    Copy-Item -LiteralPath $manifestPath -Destination $moduleStage
    foreach ($folder in $shipped) {
        Copy-Item -LiteralPath (Join-Path $SourceRoot $folder) -Destination $moduleStage -Recurse
    }

    foreach ($file in $shippedFiles) {
        $target = Join-Path $moduleStage $file
        New-Item -ItemType Directory -Force -Path (Split-Path -Parent $target) | Out-Null
        Copy-Item -LiteralPath (Join-Path $SourceRoot $file) -Destination $target
    }

    New-Item -ItemType Directory -Force -Path $OutputPath | Out-Null
    $package = Join-Path $OutputPath "$name.$($manifest.ModuleVersion).nupkg"
    Remove-Item -LiteralPath $package -ErrorAction Ignore
    Compress-PSResource -Path $moduleStage -DestinationPath $OutputPath
    if (-not (Test-Path -LiteralPath $package)) { throw "Compress-PSResource wrote no $package." }
    Write-Host "Packed $name $($manifest.ModuleVersion) into $package"
    Get-Item -LiteralPath $package
}
finally {
    Remove-Item -LiteralPath $stage -Recurse -Force -ErrorAction Ignore
}
