# Every PowerShell example in README.md must run as written, from the repository root, without errors. The examples
# that talk to a server run against the loopback test server, reached through NVIDIA_BASE_URL as the README says.
BeforeDiscovery {
    $readme = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../../README.md')
    $blocks = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value }
    $script:examples = for ($i = 0; $i -lt $blocks.Count; $i++) { @{ Index = $i + 1; Code = $blocks[$i] } }
}

Describe 'README examples' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestServer.ps1')
        $exampleShell = Start-ExampleShell
        $shell = $exampleShell.Shell
    }

    AfterAll {
        Stop-ExampleShell $exampleShell
    }

    It 'has PowerShell examples to check' {
        $examples.Count | Should -BeGreaterThan 3
    }

    It 'example <Index> runs without errors and writes output' -ForEach $examples {
        $output = Invoke-Example $exampleShell $Code
        $shell.HadErrors | Should -BeFalse -Because ($shell.Streams.Error | Out-String)
        $output.Count | Should -BeGreaterThan 0
    }
}
