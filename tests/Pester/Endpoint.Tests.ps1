# Test-NvEndpoint, -ExtensionPlacement Auto, -RawOutput and the shipped contract suite (issue 8), against the loopback
# test server playing servers of different dialects (tests/NimTestServer/DialectScenario.cs) and recorded llama-server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore

    function Get-Report($Scenario) {
        $report = @{}
        foreach ($check in Test-NvEndpoint -BaseUri "$uri/$Scenario") {
            $key = if ($check.Capability -eq 'StructuredOutput') { "StructuredOutput.$($check.Placement)" } else { $check.Capability }
            $report[$key] = $check
        }
        $report
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Test-NvEndpoint' {
    It 'reports <Server> and recommends <Recommended>' -ForEach @(
        @{ Server = 'NIM 1.x (nvext honoured)'; Scenario = 'dialect~nvext~health~usage'; Recommended = 'Nvext'; Expected = @{ 'StructuredOutput.Nvext' = 'Passed'; 'StructuredOutput.TopLevel' = 'NotSupported'; HealthReady = 'Passed'; StreamUsage = 'Passed'; ToolCalls = 'Passed' } }
        @{ Server = 'NIM 2.x / vLLM (nvext ignored, top level)'; Scenario = 'dialect~toplevel~rf~usageopt~health'; Recommended = 'TopLevel'; Expected = @{ 'StructuredOutput.Nvext' = 'NotSupported'; 'StructuredOutput.TopLevel' = 'Passed'; 'StructuredOutput.OpenAI' = 'Passed'; StreamUsage = 'Passed' } }
        @{ Server = 'an OpenAI-style server (response_format only)'; Scenario = 'dialect~rf'; Recommended = 'OpenAI'; Expected = @{ 'StructuredOutput.Nvext' = 'NotSupported'; 'StructuredOutput.TopLevel' = 'NotSupported'; 'StructuredOutput.OpenAI' = 'Passed'; HealthReady = 'NotSupported'; StreamUsage = 'NotSupported' } }
        @{ Server = 'a strict hosted model (422 on nvext)'; Scenario = 'dialect~strict~toplevel'; Recommended = 'TopLevel'; Expected = @{ 'StructuredOutput.Nvext' = 'NotSupported'; 'StructuredOutput.TopLevel' = 'Passed'; Chat = 'Passed' } }
        @{ Server = 'a server without tools or logprobs'; Scenario = 'dialect~nvext~notools~nologprobs~nocompletions'; Recommended = 'Nvext'; Expected = @{ ToolCalls = 'NotSupported'; ToolCallsStreamed = 'NotSupported'; Logprobs = 'NotSupported'; Completions = 'NotSupported'; Chat = 'Passed' } }
        @{ Server = 'a server whose streams break'; Scenario = 'dialect~nvext~broken'; Recommended = 'Nvext'; Expected = @{ Streaming = 'Failed'; Chat = 'Passed' } }
    ) {
        $report = Get-Report $Scenario
        foreach ($capability in $Expected.Keys) {
            $report[$capability].Status | Should -Be $Expected[$capability] -Because "$capability of $Server ($($report[$capability].Detail))"
        }
        $report.RecommendedPlacement.Placement | Should -Be $Recommended
        $report.Values | ForEach-Object { $_ | Should -BeOfType NvidiaInference.EndpointCheck; $_.Duration | Should -BeOfType timespan }
    }

    It 'says what was seen when a capability fails' {
        $report = Get-Report 'dialect~nvext~broken'
        $report.Streaming.Detail | Should -Match 'ended before the server finished'
        (Get-Report 'dialect~strict~toplevel')['StructuredOutput.Nvext'].Detail | Should -Match '422'
    }

    It 'sends no more than a dozen small requests, and -Quick only the cheapest' {
        $scenario = "dialect~nvext~health~$(New-Guid)"
        $all = Test-NvEndpoint -BaseUri "$uri/$scenario"
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -BeLessOrEqual 12
        $quick = Test-NvEndpoint -BaseUri "$uri/dialect~nvext~health" -Quick
        $quick.Capability | Should -Be @('Reachable', 'ModelsListed', 'HealthReady', 'Chat')
        $all.Count | Should -BeGreaterThan $quick.Count
    }

    It 'matches what recorded llama-server can do' {
        $report = Get-Report 'llamaserver'
        foreach ($capability in 'Reachable', 'ModelsListed', 'Chat', 'Streaming', 'StreamUsage', 'ToolCalls', 'ToolCallsStreamed', 'Logprobs', 'Completions') {
            $report[$capability].Status | Should -Be 'Passed' -Because "$capability ($($report[$capability].Detail))"
        }
        $report.HealthReady.Status | Should -Be 'NotSupported'
        # A replay cannot follow a schema it never saw, so no placement passes; standard fields are recommended.
        $report.RecommendedPlacement.Placement | Should -Be 'OpenAI'
        $report.RecommendedPlacement.Status | Should -Be 'NotSupported'
    }

    It 'reports an unreachable server in one result' {
        $report = @(Test-NvEndpoint -BaseUri 'http://127.0.0.1:1')
        $report.Count | Should -Be 1
        $report[0].Capability | Should -Be 'Reachable'
        $report[0].Status | Should -Be 'Failed'
        $report[0].Detail | Should -Match 'Could not connect'
    }
}

Describe '-ExtensionPlacement Auto' {
    It 'uses the recommended placement, probed once per base URI and model, and says so' {
        $scenario = "dialect~rf~$(New-Guid)"
        $schema = @{ type = 'object'; properties = @{ answer = @{ type = 'string' } } }
        $verbose = Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model test-model -Message 'Is water wet?' -JsonSchema $schema -ExtensionPlacement Auto -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose.Message -match 'Auto chose OpenAI for test-model').Count | Should -Be 1
        $requests = @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*")
        ($requests[-1].body | ConvertFrom-Json).response_format.type | Should -Be 'json_schema'
        $before = $requests.Count
        Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model test-model -Message 'again' -ExtensionPlacement Auto | Out-Null
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -Be ($before + 1) -Because 'the recommendation is cached for the session'
    }

    It 'does not keep a recommendation made while the server failed every probe' {
        $scenario = "flaky~3~503~empty~$(New-Guid)"
        Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message 'hi' -MaxRetryCount 0 -ExtensionPlacement Auto -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'Auto chose' } | Should -Match 'answered none'
        $before = @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count
        Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message 'hi' -ExtensionPlacement Auto | Out-Null
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -Be ($before + 4) -Because 'the endpoint is probed again (3 requests), then the request is sent'
    }

    It 'takes the recommendation Test-NvEndpoint found' {
        $scenario = "dialect~strict~toplevel~$(New-Guid)"
        Test-NvEndpoint -BaseUri "$uri/$scenario" | Out-Null
        $before = @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count
        Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model test-model -Message 'hi' -TopK 5 -ExtensionPlacement Auto | Out-Null
        $requests = @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*")
        $requests.Count | Should -Be ($before + 1)
        ($requests[-1].body | ConvertFrom-Json).top_k | Should -Be 5
    }

    It 'cannot build a body offline' {
        ConvertTo-NvPayload -Model m -Message hi -ExtensionPlacement Auto -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimInvalidRequest,*'
        $failures[0].Exception.Message | Should -Match 'needs a server'
    }
}

Describe '-RawOutput' {
    It 'writes the raw stream lines, which ConvertFrom-NvChunk replays to the same events' {
        $lines = Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-openai-parallel-tool-calls.sse" -Model m -Message hi -Stream -RawOutput
        $lines | Should -BeOfType string
        $lines | Where-Object { $_ -like 'data: *' } | Should -Not -BeNullOrEmpty
        $live = Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-openai-parallel-tool-calls.sse" -Model m -Message hi -Stream
        $replayed = $lines | ConvertFrom-NvChunk
        ($replayed | ForEach-Object { "$($_.EventType) $($_.Delta)" }) | Should -Be ($live | ForEach-Object { "$($_.EventType) $($_.Delta)" })
    }

    It 'needs -Stream' {
        { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi -RawOutput } | Should -Throw -ErrorId 'NimConflictingParameters,*'
    }

    It 'needs a request document that asks for a stream, and sends nothing otherwise' {
        Clear-NimTestRequest $server
        { '{"model":"m","messages":[{"role":"user","content":"hi"}]}' | Invoke-NvChatCompletion -BaseUri "$uri/ok" -RawOutput } |
            Should -Throw -ErrorId 'NimConflictingParameters,NvidiaInference.Commands.InvokeNvChatCompletionCommand'
        @(Get-NimTestRequest $server).Count | Should -Be 0
    }
}

Describe 'The shipped contract suite (examples/Contract.Tests.ps1)' {
    It 'passes against a deployment that can do everything it asks' {
        $pester = (Get-Module Pester).Path
        $suite = Join-Path $PSScriptRoot '../../examples/Contract.Tests.ps1'
        $summary = Join-Path ([IO.Path]::GetTempPath()) "contract-$(New-Guid).json"
        $script = @"
`$env:NVIDIA_BASE_URL = '$uri/dialect~nvext~health~usage'
Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore
Import-Module '$pester'
`$run = Invoke-Pester -Path '$suite' -PassThru -Output None
@{ Passed = `$run.PassedCount; Failed = `$run.FailedCount + `$run.FailedBlocksCount + `$run.FailedContainersCount; Failures = @(`$run.Failed | ForEach-Object { "`$(`$_.ExpandedName): `$(`$_.ErrorRecord)" }) } | ConvertTo-Json | Set-Content '$summary'
"@
        & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
        $result = Get-Content -Raw $summary | ConvertFrom-Json
        Remove-Item $summary
        $result.Failed | Should -Be 0 -Because ($result.Failures -join '; ')
        $result.Passed | Should -Be 7
    }
}
