# The repository's own PowerShell (build.ps1, .ci, bench, examples, tests, the manifest): PSScriptAnalyzer is not served
# by any registry this project can reach, so the Test task checks the rules that matter most with PowerShell's own
# parser: every script parses, calls commands by their names rather than aliases (PSAvoidUsingCmdletAliases: an alias
# can mean something else in another session or on another platform), and never runs a string as code
# (PSAvoidUsingInvokeExpression).
BeforeDiscovery {
    $root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $scripts = @(git -C $root ls-files '*.ps1' '*.psm1' '*.psd1' | ForEach-Object { @{ Path = (Join-Path $root $_); Name = $_ } })
}

Describe 'The repository''s scripts' {
    BeforeAll {
        # PowerShell's own aliases, from a fresh runspace: the module's compatibility aliases (ConvertTo-NimPayload, ...)
        # are names the tests call on purpose.
        $aliases = @{}
        $shell = [powershell]::Create()
        try { $shell.AddCommand('Get-Alias').Invoke() | ForEach-Object { $aliases[$_.Name] = $_.Definition } } finally { $shell.Dispose() }
    }

    It 'finds the scripts to check' -ForEach @{ Count = $scripts.Count } {
        $Count | Should -BeGreaterThan 40
    }

    It 'knows PowerShell''s aliases' {
        $aliases['%'] | Should -Be 'ForEach-Object'
        $aliases.Keys | Should -Not -Contain 'ConvertTo-NimPayload'
    }

    It '<Name> parses, names commands without aliases, and runs no string as code' -ForEach $scripts {
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
        @($errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" }) | Should -BeNullOrEmpty
        $commands = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) |
            ForEach-Object { [pscustomobject]@{ Name = $_.GetCommandName(); Line = $_.Extent.StartLineNumber } } |
            Where-Object Name
        @($commands | Where-Object { $aliases.ContainsKey($_.Name) } | ForEach-Object { "line $($_.Line): $($_.Name) (use $($aliases[$_.Name]))" }) |
            Should -BeNullOrEmpty
        @($commands | Where-Object Name -In 'Invoke-Expression', 'iex' | ForEach-Object { "line $($_.Line): $($_.Name)" }) | Should -BeNullOrEmpty
    }
}
