# The module as it ships: manifest, exports, staged binaries, and the one version used everywhere.
Describe 'The NvidiaInference module' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $module = Get-Module NvidiaInference
    }

    It 'passes Test-ModuleManifest' {
        $manifest = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        $manifest.Name | Should -Be 'NvidiaInference'
        $manifest.Version | Should -Be ([version]$ModuleVersion)
        $manifest.ExportedCmdlets.Keys | Should -Contain 'ConvertTo-NvPayload'
        $manifest.ExportedCmdlets.Keys | Should -Contain 'ConvertFrom-NvChunk'
        $manifest.ExportedAliases.Keys | Should -Contain 'ConvertTo-NimPayload'
        $manifest.ExportedAliases.Keys | Should -Contain 'ConvertFrom-NimChunk'
    }

    It 'is imported from this repository' {
        $module | Should -Not -BeNullOrEmpty
        @($module).Count | Should -Be 1
        (Resolve-Path -LiteralPath $module.ModuleBase).Path | Should -Be $RepositoryRoot
        $module.Version | Should -Be ([version]$ModuleVersion)
    }

    It 'exports ConvertTo-NvPayload and ConvertFrom-NvChunk as cmdlets, and their first (Nim) names as aliases' {
        $module.ExportedCmdlets.Keys | Should -Contain 'ConvertTo-NvPayload'
        $module.ExportedCmdlets.Keys | Should -Contain 'ConvertFrom-NvChunk'
        $module.ExportedAliases['ConvertTo-NimPayload'].ResolvedCommand.Name | Should -Be 'ConvertTo-NvPayload'
        $module.ExportedAliases['ConvertFrom-NimChunk'].ResolvedCommand.Name | Should -Be 'ConvertFrom-NvChunk'
        @($module.ExportedCommands.Values | Where-Object CommandType -notin 'Cmdlet', 'Alias') | Should -BeNullOrEmpty
        @($module.ExportedFunctions.Keys) + @($module.ExportedVariables.Keys) | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets its manifest lists, and the assembly implements exactly those' {
        # The set grows as cmdlets are added (Invoke-NvChatCompletion, ...); the manifest, the assembly and the
        # session must always agree, so a cmdlet is never built but hidden, or listed but missing.
        $listed = @((Import-PowerShellDataFile -LiteralPath $ManifestPath).CmdletsToExport | Sort-Object)
        $implemented = @($module.ImplementingAssembly.GetTypes() |
                ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
        $implemented | Should -Be $listed
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $listed
        @(Get-Command -Module NvidiaInference -CommandType Cmdlet | ForEach-Object Name | Sort-Object) | Should -Be $listed
    }

    It 'declares an OutputType on every cmdlet' {
        foreach ($command in Get-Command -Module NvidiaInference -CommandType Cmdlet) {
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) must declare what it writes"
        }
        @((Get-Command ConvertTo-NimPayload).OutputType.Name) | Should -Be @('NvidiaInference.NimPayload')
        @((Get-Command ConvertFrom-NimChunk).OutputType.Name | Sort-Object) |
            Should -Be @('NvidiaInference.ChatCompletionEvent', 'NvidiaInference.ChatCompletionResponse', 'NvidiaInference.CompletionResponse', 'NvidiaInference.CompletionStreamChunk')
    }

    It 'stages its assemblies in module/bin but not System.Management.Automation.dll' {
        Join-Path $ModuleBin 'NvidiaInference.dll' | Should -Exist
        Join-Path $ModuleBin 'NvidiaInference.Core.dll' | Should -Exist
        Join-Path $ModuleBin 'System.Management.Automation.dll' | Should -Not -Exist
        @(Get-ChildItem -LiteralPath $ModuleBin -Filter 'System.Management.Automation*') | Should -BeNullOrEmpty
    }

    It 'stamps the manifest version into <_>' -ForEach 'NvidiaInference.dll', 'NvidiaInference.Core.dll' {
        $path = Join-Path $ModuleBin $_
        $expected = [version]$ModuleVersion
        $assemblyVersion = [System.Reflection.AssemblyName]::GetAssemblyName($path).Version
        $assemblyVersion.Major | Should -Be $expected.Major
        $assemblyVersion.Minor | Should -Be $expected.Minor
        $assemblyVersion.Build | Should -Be ([Math]::Max($expected.Build, 0))
        $assemblyVersion.Revision | Should -Be ([Math]::Max($expected.Revision, 0))
        # The informational version (what the User-Agent is built from) is the module version plus build metadata.
        (Get-Item -LiteralPath $path).VersionInfo.ProductVersion -replace '\+.*$', '' | Should -Be $ModuleVersion
    }

    It 'names the module and its manifest version in the User-Agent of a payload' {
        $payload = ConvertTo-NimPayload -Model m -Message 'hi'
        $payload.Headers['User-Agent'] | Should -BeExactly "NvidiaInference/$ModuleVersion"
    }
}
