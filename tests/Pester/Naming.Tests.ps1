# Names a PowerShell user can guess: approved verbs, one noun prefix (Nv), an OutputType on every cmdlet, and the
# names users already know (the Nim-prefixed ones of issue 2) kept as aliases that run the same cmdlets.
Describe 'Cmdlet names' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $cmdlets = @(Get-Command -Module NvidiaInference -CommandType Cmdlet)
        $approvedVerbs = @(Get-Verb | ForEach-Object Verb)
    }

    It 'has cmdlets to check' {
        $cmdlets.Count | Should -BeGreaterOrEqual 6
    }

    It 'uses only approved verbs' {
        foreach ($cmdlet in $cmdlets) {
            $approvedVerbs | Should -Contain $cmdlet.Verb -Because "$($cmdlet.Name) must use an approved verb (Get-Verb)"
        }
    }

    It 'gives every noun the Nv prefix' {
        foreach ($cmdlet in $cmdlets) {
            $cmdlet.Noun | Should -MatchExactly '^Nv[A-Z]' -Because "$($cmdlet.Name) must use the module's one noun prefix"
        }
    }

    It 'declares on every cmdlet an OutputType that names a type of this module (raw strings aside)' {
        foreach ($cmdlet in $cmdlets) {
            $cmdlet.OutputType | Should -Not -BeNullOrEmpty -Because "$($cmdlet.Name) must declare what it writes"
            foreach ($output in $cmdlet.OutputType | Where-Object Name -NE 'System.String') {
                $output.Type | Should -Not -BeNullOrEmpty -Because "$($cmdlet.Name) declares $($output.Name), which must resolve to a type"
                $output.Type.Namespace | Should -Be 'NvidiaInference'
            }

            @($cmdlet.OutputType | Where-Object { $_.Type.Namespace -eq 'NvidiaInference' }).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Aliases for the names users already know' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $listed = @((Import-PowerShellDataFile -LiteralPath $ManifestPath).AliasesToExport)
    }

    It 'exports <Alias> for <Cmdlet>' -ForEach @(
        @{ Alias = 'ConvertTo-NimPayload'; Cmdlet = 'ConvertTo-NvPayload' }
        @{ Alias = 'ConvertFrom-NimChunk'; Cmdlet = 'ConvertFrom-NvChunk' }
    ) {
        $listed | Should -Contain $Alias
        $command = Get-Command -Name $Alias -ErrorAction Stop
        $command.CommandType | Should -Be 'Alias'
        $command.ResolvedCommand.Name | Should -Be $Cmdlet
        $command.ResolvedCommand.ModuleName | Should -Be 'NvidiaInference'
    }

    It 'exports exactly the aliases its manifest lists, each resolving to a cmdlet of the module' {
        $module = Get-Module NvidiaInference
        @($module.ExportedAliases.Keys | Sort-Object) | Should -Be @($listed | Sort-Object)
        foreach ($alias in $module.ExportedAliases.Values) {
            $alias.ResolvedCommand.CommandType | Should -Be 'Cmdlet'
            $alias.ResolvedCommand.ModuleName | Should -Be 'NvidiaInference'
        }
    }

    It 'builds the same payload under the old name as under the new one' {
        $old = ConvertTo-NimPayload -Model m -Message 'hi' -Temperature 0.5
        $new = ConvertTo-NvPayload -Model m -Message 'hi' -Temperature 0.5
        $old.Body | Should -BeExactly $new.Body
        $old.Body | Should -Match '"temperature":0.5'
    }

    It 'reads the same stream under the old name as under the new one' {
        $lines = Get-Content -LiteralPath (Get-Fixture 'chat-stream-text.sse')
        $old = Get-OutputSignature @($lines | ConvertFrom-NimChunk)
        $new = Get-OutputSignature @($lines | ConvertFrom-NvChunk)
        $new.Count | Should -BeGreaterThan 2
        $old | Should -Be $new
    }

    It 'keeps the FullyQualifiedErrorId scripts already match under the old name' {
        { ConvertFrom-NimChunk -InputObject 42 -ErrorAction Stop } |
            Should -Throw -ErrorId 'NimUnsupportedInput,NvidiaInference.Commands.ConvertFromNimChunkCommand'
        { ConvertFrom-NvChunk -InputObject 42 -ErrorAction Stop } |
            Should -Throw -ErrorId 'NimUnsupportedInput,NvidiaInference.Commands.ConvertFromNimChunkCommand'
    }
}
