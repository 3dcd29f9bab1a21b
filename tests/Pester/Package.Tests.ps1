# The module package (build.ps1 -Task Package runs build/Build-ModulePackage.ps1): what it holds, and that
# Install-PSResource installs it from a local repository folder into a clean module path, after which
# Import-Module NvidiaInference works by name. Everything runs in child processes whose home, XDG folders and module
# path are temporary, so neither the PSResourceGet repository store nor the module path of this machine is touched.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $work = Join-Path ([System.IO.Path]::GetTempPath()) "nvi-package-test-$([guid]::NewGuid())"
    $homePath = Join-Path $work 'home'
    $repository = Join-Path $work 'repository'
    foreach ($path in $homePath, (Join-Path $homePath '.local/share'), (Join-Path $homePath '.config'), (Join-Path $homePath '.cache'), $repository) {
        New-Item -ItemType Directory -Force -Path $path | Out-Null
    }
    $userModules = Join-Path $homePath '.local/share/powershell/Modules'

    function Invoke-Isolated {
        # Runs a script in a child pwsh whose home, XDG folders, module path and working folder are all under $work;
        # returns its output objects (the script's last output, as JSON) and fails on a non-zero exit.
        param([Parameter(Mandatory)] [string] $Script)
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', "`$ErrorActionPreference = 'Stop'; $Script")) {
            $start.ArgumentList.Add($argument)
        }
        $start.WorkingDirectory = $work
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.Environment['HOME'] = $homePath
        $start.Environment['XDG_DATA_HOME'] = Join-Path $homePath '.local/share'
        $start.Environment['XDG_CONFIG_HOME'] = Join-Path $homePath '.config'
        $start.Environment['XDG_CACHE_HOME'] = Join-Path $homePath '.cache'
        $start.Environment['PSModulePath'] = $userModules
        $start.Environment.Remove('NVIDIA_BASE_URL') | Out-Null
        $start.Environment.Remove('NVIDIA_API_KEY') | Out-Null
        $process = [System.Diagnostics.Process]::Start($start)
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        if (-not $process.WaitForExit(120000)) { $process.Kill(); throw 'The child process did not finish within 2 minutes.' }
        if ($process.ExitCode -ne 0) { throw "The child process failed ($($process.ExitCode)): $($errors.Result)`n$output" }
        $output
    }

    $packer = Join-Path $RepositoryRoot 'build/Build-ModulePackage.ps1'
    $null = Invoke-Isolated "& '$packer' -SourceRoot '$RepositoryRoot' -OutputPath '$repository'"
    $package = Join-Path $repository "NvidiaInference.$ModuleVersion.nupkg"

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
    try {
        $entries = @($zip.Entries.FullName)
        $nuspec = [xml]([System.IO.StreamReader]::new($zip.GetEntry('NvidiaInference.nuspec').Open()).ReadToEnd())
    }
    finally {
        $zip.Dispose()
    }
}

AfterAll {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'The module package' {
    It 'is a .nupkg named after the module and the manifest version' {
        $package | Should -Exist
        $nuspec.package.metadata.id | Should -Be 'NvidiaInference'
        $nuspec.package.metadata.version | Should -Be $ModuleVersion
    }

    It 'holds <_>' -ForEach @(
        'NvidiaInference.psd1'
        'module/bin/NvidiaInference.dll'
        'module/bin/NvidiaInference.Core.dll'
        'module/NvidiaInference.Format.ps1xml'
        'en-US/NvidiaInference.dll-Help.xml'
        'en-US/about_NvidiaInference.help.txt'
    ) {
        $entries | Should -Contain $_
    }

    It 'holds nothing but the manifest, module/, en-US/ and the contract suite (and the package''s own metadata)' {
        $packaging = '^(_rels/|package/|\[Content_Types\]\.xml$|NvidiaInference\.nuspec$)'
        $entries | Should -Contain 'examples/Contract.Tests.ps1'
        @($entries | Where-Object { $_ -notmatch $packaging -and $_ -notin 'NvidiaInference.psd1', 'examples/Contract.Tests.ps1' -and $_ -notmatch '^(module|en-US)/' }) |
            Should -BeNullOrEmpty
        @($entries | Where-Object { $_ -ne 'examples/Contract.Tests.ps1' -and $_ -match '(^|/)(src|tests|docs|build|obj|examples)/|\.(cs|csproj|ps1|md)$' }) | Should -BeNullOrEmpty
    }

    It 'ships every file the build staged in module/bin' {
        foreach ($file in Get-ChildItem -LiteralPath $ModuleBin -File) {
            $entries | Should -Contain "module/bin/$($file.Name)"
        }
    }
}

Describe 'Installing the package' -Skip:($IsWindows) {
    # On Windows, PSResourceGet's repository store and CurrentUser module path do not follow HOME and XDG, so they
    # could not be isolated from this machine's; the suite runs on Linux.
    BeforeAll {
        $result = Invoke-Isolated @"
Register-PSResourceRepository -Name NvidiaInferenceTest -Uri '$repository' -Trusted
Install-PSResource -Name NvidiaInference -Repository NvidiaInferenceTest -Scope CurrentUser -TrustRepository
Import-Module NvidiaInference
`$module = Get-Module NvidiaInference
`$response = '{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}]}' | ConvertFrom-NvChunk
[pscustomobject]@{
    ModuleBase   = `$module.ModuleBase
    Version      = `$module.Version.ToString()
    Cmdlets      = @(`$module.ExportedCmdlets.Keys | Sort-Object)
    Aliases      = @(`$module.ExportedAliases.Keys | Sort-Object)
    Body         = (ConvertTo-NimPayload -Model m -Message 'hi').Body
    Synopsis     = (Get-Help Invoke-NvChatCompletion).Synopsis
    About        = (Get-Help about_NvidiaInference | Out-String)
    Formatted    = (`$response | Out-String -Width 200).Trim()
    Installed    = @(Get-InstalledPSResource -Name NvidiaInference).Count
    Repositories = @(Get-PSResourceRepository).Name
} | ConvertTo-Json -Depth 3
"@ | ConvertFrom-Json
    }

    It 'installs into the clean module path, and Import-Module finds it there by name' {
        $result.ModuleBase | Should -BeLike "$userModules*"
        $result.Version | Should -Be $ModuleVersion
        $result.Installed | Should -Be 1
    }

    It 'exports the cmdlets and aliases of the manifest' {
        $manifest = Import-PowerShellDataFile -LiteralPath $ManifestPath
        @($result.Cmdlets) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        @($result.Aliases) | Should -Be @($manifest.AliasesToExport | Sort-Object)
    }

    It 'works: builds a payload through an alias' {
        ($result.Body | ConvertFrom-Json).messages[0].content | Should -Be 'hi'
    }

    It 'brings its help, its about topic and its format views' {
        $result.Synopsis | Should -BeExactly (Import-PowerShellDataFile -LiteralPath (Join-Path $RepositoryRoot 'docs/help/Invoke-NvChatCompletion.psd1')).Synopsis
        $result.About | Should -Match 'TOPIC\s+about_NvidiaInference'
        $result.Formatted | Should -Match '^Content    : Hi!\s+StopReason : EndOfTurn$'
    }

    It 'kept the repository in the temporary home, not this machine''s' {
        $result.Repositories | Should -Contain 'NvidiaInferenceTest'
        Join-Path $homePath '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist
    }
}

Describe 'Supported PowerShell versions' {
    BeforeAll {
        $tested = [version]((Get-Content -Raw -LiteralPath (Join-Path $RepositoryRoot '.config/dotnet-tools.json') | ConvertFrom-Json).tools.powershell.version)
        $testedMinor = "$($tested.Major).$($tested.Minor)"
    }

    It 'are run by this suite: the PowerShell tool of .config/dotnet-tools.json' {
        "$($PSVersionTable.PSVersion.Major).$($PSVersionTable.PSVersion.Minor)" | Should -Be $testedMinor
        $PSVersionTable.PSEdition | Should -Be 'Core'
    }

    It 'start in the manifest at the version the tests run on, Core only' {
        $manifest = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        "$($manifest.PowerShellVersion.Major).$($manifest.PowerShellVersion.Minor)" | Should -Be $testedMinor
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'are stated as only that version in the README and in about_NvidiaInference' {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $RepositoryRoot 'README.md')
        $compatibility = [regex]::Match($readme, '(?ms)^## Compatibility\r?\n(.*?)(?=^## |\z)').Groups[1].Value
        $about = Get-Content -Raw -LiteralPath (Join-Path $RepositoryRoot 'docs/help/about_NvidiaInference.help.txt')
        $aboutCompatibility = [regex]::Match($about, '(?ms)^COMPATIBILITY\r?\n(.*?)(?=^\S)').Groups[1].Value
        foreach ($text in $compatibility, $aboutCompatibility) {
            $versions = @([regex]::Matches($text, 'PowerShell (\d+\.\d+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
            $versions | Should -Be @($testedMinor)
        }
    }
}
