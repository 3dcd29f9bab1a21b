# Tab completion, through TabExpansion2 as the console does it: -Model from the server's /v1/models (the server the
# command line or the environment points at, asked once per base URI), the built-in list of NIM models when the server
# cannot answer, and -ToolChoice from auto/required/none and the tools given in -Tool.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $server = Start-NimTestServer
    # Nothing here may reach the internet: no key and no server from the environment unless a test sets them.
    $saved = @{ Key = $env:NVIDIA_API_KEY; BaseUri = $env:NVIDIA_BASE_URL }
    $env:NVIDIA_API_KEY = $null
    $env:NVIDIA_BASE_URL = $null
    $servedIds = @((Get-Content -Raw -LiteralPath (Get-Fixture 'models-list-nim.json') | ConvertFrom-Json).data.id | Sort-Object)
    $builtIn = @([NvidiaInference.Catalog.KnownModels]::Ids)

    function Complete-Line {
        # The completions PowerShell offers at the end of a command line.
        param([Parameter(Mandatory)] [string] $Line)
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }

    function Get-ModelRequest {
        # The GET /v1/models requests the server received for one scenario.
        param([string] $Scenario)
        @(Get-NimTestRequest $server | Where-Object { $_.Method -eq 'GET' -and $_.Path -eq "/$Scenario/v1/models" })
    }

    function Get-ClosedPort {
        # A loopback port nothing listens on: refused at once.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }
}

AfterAll {
    $env:NVIDIA_API_KEY = $saved.Key
    $env:NVIDIA_BASE_URL = $saved.BaseUri
    Stop-NimTestServer $server
}

Describe '-Model completion' {
    BeforeEach {
        [NvidiaInference.Catalog.ModelCatalog]::Shared.Clear()
        Clear-NimTestRequest $server
    }

    It 'offers the models of the server given with -BaseUri on the command line' {
        $results = Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok~a -Model "
        @($results.CompletionText) | Should -Be $servedIds
        $results[0].ResultType | Should -Be 'ParameterValue'
        $results[0].ToolTip | Should -BeLike "Served by $($server.Uri)/ok~a/v1/*"
        @($results.CompletionText) | Should -Not -Contain 'meta/llama-3.3-70b-instruct' -Because 'a server that answers gives its own list, not the built-in one'
    }

    It 'offers the models of the server in NVIDIA_BASE_URL when -BaseUri is not typed' {
        $env:NVIDIA_BASE_URL = "$($server.Uri)/ok~env"
        try {
            @((Complete-Line 'Invoke-NvChatCompletion -Model ').CompletionText) | Should -Be $servedIds
            Get-ModelRequest 'ok~env' | Should -HaveCount 1
        }
        finally {
            $env:NVIDIA_BASE_URL = $null
        }
    }

    It 'sends the key typed with -ApiKey, and never NVIDIA_API_KEY to a server other than the hosted API' {
        Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok~typed -ApiKey typed-key -Model " | Should -Not -BeNullOrEmpty
        (Get-ModelRequest 'ok~typed')[0].Headers.Authorization | Should -BeExactly 'Bearer typed-key'

        $env:NVIDIA_API_KEY = 'environment-key'
        try {
            Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok~envkey -Model " | Should -Not -BeNullOrEmpty
        }
        finally {
            $env:NVIDIA_API_KEY = $null
        }
        # Pressing Tab is not running a command: the environment's key must not go to whatever -BaseUri is being typed.
        (Get-ModelRequest 'ok~envkey')[0].Headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
    }

    It 'asks each server once, then completes from the kept list' {
        foreach ($i in 1..3) {
            @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok~once -Model ").CompletionText) | Should -Be $servedIds
        }
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok~other -Model ").CompletionText) | Should -Be $servedIds
        Get-ModelRequest 'ok~once' | Should -HaveCount 1
        Get-ModelRequest 'ok~other' | Should -HaveCount 1
    }

    It 'matches what is typed against the whole id or the part after the slash, ignoring case' {
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok -Model META/llama-3.1-8b-instruct:").CompletionText) |
            Should -Be @('meta/llama-3.1-8b-instruct:my-lora')
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok -Model Llama").CompletionText) | Should -Be $servedIds
        Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok -Model mistral" | Should -BeNullOrEmpty
    }

    It 'keeps the opening quote typed' {
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/ok -Model 'meta/llama-3.1-8b-instruct:").CompletionText) |
            Should -Be @("'meta/llama-3.1-8b-instruct:my-lora'")
    }

    It 'completes -Model of <_> too' -ForEach 'Invoke-NvCompletion', 'ConvertTo-NvPayload' {
        $env:NVIDIA_BASE_URL = "$($server.Uri)/ok~$_"
        try {
            @((Complete-Line "$_ -Model ").CompletionText) | Should -Be $servedIds
        }
        finally {
            $env:NVIDIA_BASE_URL = $null
        }
    }

    It 'falls back to the built-in NIM models when nothing listens at the base URI' {
        $port = Get-ClosedPort
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $results = Complete-Line "Invoke-NvChatCompletion -BaseUri http://127.0.0.1:$port/v1 -Model "
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'completion must never hang the console'
        @($results.CompletionText) | Should -Be $builtIn
        $results[0].ToolTip | Should -BeLike '*built-in list*'
        $qwen = @((Complete-Line "Invoke-NvChatCompletion -BaseUri http://127.0.0.1:$port/v1 -Model qwen/").CompletionText)
        $qwen.Count | Should -BeGreaterThan 0
        $qwen | Should -Be @($builtIn | Where-Object { $_ -like 'qwen/*' })
    }

    It 'falls back to the built-in NIM models when the server does not answer in time' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/never -Model ").CompletionText) | Should -Be $builtIn
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'the server is given a short timeout'
        Get-ModelRequest 'never' | Should -HaveCount 1
        # Asked again right away, the silent server is not waited for a second time.
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/never -Model ").CompletionText) | Should -Be $builtIn
        Get-ModelRequest 'never' | Should -HaveCount 1
    }

    It 'falls back to the built-in NIM models when the server refuses (<_>)' -ForEach 401, 500 {
        @((Complete-Line "Invoke-NvChatCompletion -BaseUri $($server.Uri)/status~$_ -Model ").CompletionText) | Should -Be $builtIn
        Get-ModelRequest "status~$_" | Should -HaveCount 1 -Because 'completion does not retry'
    }

    It 'completes from the built-in list, asking nobody, for the hosted API without a key' {
        $results = Complete-Line 'Invoke-NvChatCompletion -Model meta/llama-3.3'
        @($results.CompletionText) | Should -Be @('meta/llama-3.3-70b-instruct')
        $results[0].ToolTip | Should -BeLike '*integrate.api.nvidia.com*'
    }

    It 'does not send a key over plain HTTP to another machine' {
        # Completion obeys the same key rules as the cmdlets: the built-in list, and nothing is sent.
        @((Complete-Line 'Invoke-NvChatCompletion -BaseUri http://nim.example.invalid:8000 -ApiKey k -Model ').CompletionText) | Should -Be $builtIn
    }
}

Describe '-ToolChoice completion' {
    It 'offers auto, required and none without tools' {
        @((Complete-Line 'Invoke-NvChatCompletion -Model m -Message hi -ToolChoice ').CompletionText) | Should -Be @('auto', 'required', 'none')
    }

    It 'offers the names of the tools typed in -Tool, in the forms -Tool takes' {
        $line = "Invoke-NvChatCompletion -Model m -Message hi -Tool @{ tool_name = 'get_weather' }, '{""type"":""function"",""function"":{""name"":""get_time""}}' -ToolChoice "
        @((Complete-Line $line).CompletionText) | Should -Be @('auto', 'required', 'none', 'get_weather', 'get_time')
    }

    It 'offers the names of tools held in a variable, from New-NvTool' {
        $tools = @(New-NvTool -Name lookup_order -ParameterSchema @{ type = 'object' }; New-NvTool -Name refund -ParameterSchema @{ type = 'object' })
        $results = Complete-Line 'ConvertTo-NvPayload -Model m -Message hi -Tool $tools -ToolChoice '
        @($results.CompletionText) | Should -Be @('auto', 'required', 'none', 'lookup_order', 'refund')
        ($results | Where-Object CompletionText -EQ 'refund').ToolTip | Should -Be 'The model must call refund.'
    }

    It 'filters by what is typed' {
        @((Complete-Line "Invoke-NvChatCompletion -Model m -Message hi -Tool @{ tool_name = 'get_weather' } -ToolChoice re").CompletionText) | Should -Be @('required')
        @((Complete-Line "Invoke-NvChatCompletion -Model m -Message hi -Tool @{ tool_name = 'get_weather' } -ToolChoice get").CompletionText) | Should -Be @('get_weather')
    }

    It 'ignores a -Tool that is not a valid tool yet' {
        @((Complete-Line "Invoke-NvChatCompletion -Model m -Message hi -Tool @{ description = 'no name' } -ToolChoice ").CompletionText) |
            Should -Be @('auto', 'required', 'none')
    }
}
