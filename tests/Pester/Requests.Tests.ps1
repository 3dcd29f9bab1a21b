# Invalid requests (issue 6): every invalid parameter value or combination, and every invalid Llama Stack document,
# fails before anything is sent (the test server receives nothing), with an error that names the parameter or the
# field. Values and documents fail at parameter binding; combinations the parameter sets cannot express stop the
# pipeline as NimConflictingParameters; what only the whole request shows (a tool choice naming no given tool) is a
# NimInvalidRequest for that item, whose Field names it. ConvertTo-NvPayload.Tests.ps1 has the offline cases.
BeforeDiscovery {
    $values = @(
        @{ Name = 'Temperature'; Value = 3 }, @{ Name = 'Temperature'; Value = -0.1 }, @{ Name = 'TopP'; Value = 0 }, @{ Name = 'TopP'; Value = 1.5 }
        @{ Name = 'TopK'; Value = 0 }, @{ Name = 'TopK'; Value = -2 }, @{ Name = 'MaxTokens'; Value = 0 }, @{ Name = 'RepetitionPenalty'; Value = 0 }
        @{ Name = 'RepetitionPenalty'; Value = 2.5 }, @{ Name = 'Logprobs'; Value = 21 }, @{ Name = 'Logprobs'; Value = -1 }, @{ Name = 'Stop'; Value = '' }
        @{ Name = 'Model'; Value = '' }, @{ Name = 'SystemPrompt'; Value = '' }, @{ Name = 'ToolChoice'; Value = '' }, @{ Name = 'GuidedRegex'; Value = '' }
        @{ Name = 'GuidedChoice'; Value = @() }, @{ Name = 'GuidedGrammar'; Value = '' }, @{ Name = 'MaxRetryCount'; Value = 11 }, @{ Name = 'TimeoutSec'; Value = 0 }
        @{ Name = 'IdleTimeoutSec'; Value = 0 }, @{ Name = 'MaxEventSize'; Value = 100 }, @{ Name = 'ThrottleLimit'; Value = 0 }, @{ Name = 'MaxToolRounds'; Value = 0 }
        @{ Name = 'BaseUri'; Value = 'ftp://nim.example.invalid/v1' }, @{ Name = 'BaseUri'; Value = 'just-a-name' }, @{ Name = 'ExtensionPlacement'; Value = 'Sideways' }
        @{ Name = 'JsonSchema'; Value = '[1]' }, @{ Name = 'JsonSchema'; Value = 'not json' }, @{ Name = 'JsonSchema'; Value = @{ type = 'number'; maximum = [double]::NaN } }
        @{ Name = 'ApiKey'; Value = 42 }
    )
    $arguments = @(
        @{ Name = 'Message'; Value = @{ role = 'robot'; content = 'beep' }; Field = 'messages[0].role' }
        @{ Name = 'Message'; Value = @{ role = 'user'; content = $null }; Field = 'messages[0].content' }
        @{ Name = 'Message'; Value = @('fine', @{ role = 'tool'; content = 'x' }); Field = 'messages[1].call_id' }
        @{ Name = 'Message'; Value = @{ role = 'user'; content = @(@{ type = 'video'; video = 'x' }) }; Field = 'messages[0].content[0].type' }
        @{ Name = 'Message'; Value = @{ role = 'assistant'; content = ''; tool_calls = @(@{ call_id = 'c'; arguments = @{} }) }; Field = 'messages[0].tool_calls[0].tool_name' }
        @{ Name = 'Tool'; Value = @{ description = 'no name' }; Field = 'tools[0].tool_name' }
        @{ Name = 'Tool'; Value = @{ tool_name = '' }; Field = 'tools[0].tool_name' }
        @{ Name = 'Tool'; Value = @{ tool_name = 't'; parameters = @{ x = @{ description = 'no type' } } }; Field = 'tools[0].parameters.x.param_type' }
        @{ Name = 'Tool'; Value = @{ tool_name = 't'; parameters = @{ x = @{ param_type = 'float'; default = [double]::PositiveInfinity } } }; Field = 'tools[0].parameters.x.default' }
        @{ Name = 'Tool'; Value = 'not json'; Field = 'tools[0]' }
    )
    $documents = @(
        @{ What = 'no model'; Document = '{"messages":[{"role":"user","content":"x"}]}'; Field = 'model' }
        @{ What = 'neither messages nor content'; Document = '{"model":"m"}'; Field = 'messages' }
        @{ What = 'messages that are not a list'; Document = '{"model":"m","messages":"hi"}'; Field = 'messages' }
        @{ What = 'an unknown role'; Document = '{"model":"m","messages":[{"role":"robot","content":"x"}]}'; Field = 'messages[0].role' }
        @{ What = 'an unknown strategy'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"sampling_params":{"strategy":{"type":"beam"}}}'; Field = 'sampling_params.strategy.type' }
        @{ What = 'top_p without temperature'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"sampling_params":{"strategy":{"type":"top_p","top_p":0.9}}}'; Field = 'sampling_params.strategy.temperature' }
        @{ What = 'top_k 0'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"sampling_params":{"strategy":{"type":"top_k","top_k":0}}}'; Field = 'sampling_params.strategy.top_k' }
        @{ What = 'max_tokens -1'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"sampling_params":{"max_tokens":-1}}'; Field = 'sampling_params.max_tokens' }
        @{ What = 'a grammar response format'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"grammar"}}'; Field = 'response_format.type' }
        @{ What = 'a tool choice that is not text'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"tool_config":{"tool_choice":42}}'; Field = 'tool_config.tool_choice' }
        @{ What = 'stream as text'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}'; Field = 'stream' }
        @{ What = 'logprobs as text'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"logprobs":"x"}'; Field = 'logprobs' }
        @{ What = 'an image as completion content'; Document = '{"model":"m","content":{"type":"image","image":{"url":"https://example.invalid/a.png"}}}'; Field = 'content' }
        @{ What = 'text that is not JSON'; Document = '{"model":'; Field = 'request' }
        @{ What = 'JSON nested 100 deep'; Document = '{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"tool_name":"t","parameters":' + ('{"a":' * 100) + '1' + ('}' * 100) + '}]}'; Field = 'request' }
    )
    $combinations = @(
        @{ What = '-Greedy with -Temperature'; Splat = @{ Greedy = $true; Temperature = 0.5 }; Names = '-Greedy', '-Temperature' }
        @{ What = '-Greedy with -TopP'; Splat = @{ Greedy = $true; TopP = 0.5 }; Names = '-Greedy', '-TopP' }
        @{ What = '-Greedy with -TopK'; Splat = @{ Greedy = $true; TopK = 5 }; Names = '-Greedy', '-TopK' }
        @{ What = '-ToolChoice without -Tool'; Splat = @{ ToolChoice = 'auto' }; Names = '-ToolChoice', '-Tool' }
        @{ What = 'two guided modes'; Splat = @{ GuidedRegex = 'a+'; GuidedChoice = 'a', 'b' }; Names = '-GuidedRegex', '-GuidedChoice' }
        @{ What = '-ThrottleLimit with -Stream'; Splat = @{ ThrottleLimit = 2; Stream = $true }; Names = '-ThrottleLimit', '-Stream' }
        @{ What = '-ThrottleLimit with -ToolHandler'; Splat = @{ ThrottleLimit = 2; ToolHandler = @{ f = { 1 } } }; Names = '-ThrottleLimit', '-ToolHandler' }
        @{ What = '-RawOutput with -ToolHandler'; Splat = @{ RawOutput = $true; Stream = $true; ToolHandler = @{ f = { 1 } } }; Names = '-RawOutput', '-ToolHandler' }
        @{ What = '-RawOutput without -Stream'; Splat = @{ RawOutput = $true }; Names = '-RawOutput', '-Stream' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = "$($server.Uri)/ok"
    $command = 'NvidiaInference.Commands.InvokeNvChatCompletionCommand'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore

    # Runs a call and returns its ErrorRecords, terminating or not.
    function Get-CallError([scriptblock] $Call) {
        try { @(& $Call 2>&1) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } }
        catch { $_ }
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Invalid requests to Invoke-NvChatCompletion fail before anything is sent' {
    BeforeEach { Clear-NimTestRequest $server }
    AfterEach { @(Get-NimTestRequest $server).Count | Should -Be 0 -Because 'nothing may be sent' }

    It 'refuses -<Name> <Value> at parameter binding, naming it' -ForEach $values {
        $splat = @{ $Name = $Value }
        if ($Name -ne 'BaseUri') { $splat.BaseUri = $uri }
        if ($Name -ne 'Model') { $splat.Model = 'm' }
        $failure = Get-CallError { Invoke-NvChatCompletion -Message hi @splat }
        @($failure).Count | Should -Be 1
        $failure.FullyQualifiedErrorId | Should -BeIn "ParameterArgumentValidationError,$command", "ParameterArgumentTransformationError,$command", "ParameterBindingFailed,$command", "CannotConvertArgumentNoMessage,$command"
        $failure.Exception.Message | Should -Match "'$Name'"
    }

    It 'refuses -<Name> whose <Field> is invalid at parameter binding, naming the field' -ForEach $arguments {
        $splat = @{ $Name = $Value }
        if ($Name -ne 'Message') { $splat.Message = 'hi' }
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri $uri -Model m @splat }
        @($failure).Count | Should -Be 1
        $failure.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError,$command"
        $failure.Exception.Message | Should -Match "'$Name'"
        $failure.Exception.Message | Should -Match ([regex]::Escape($Field))
    }

    It 'refuses a document with <What> at parameter binding, naming <Field>' -ForEach $documents {
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri $uri -Request $Document }
        @($failure).Count | Should -Be 1
        $failure.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError,$command"
        $failure.Exception.Message | Should -Match ([regex]::Escape("(field $Field)"))
        # Piped, each bad document is an error of its own and the good ones go on.
        $piped = Get-CallError { $Document, $Document | Invoke-NvChatCompletion -BaseUri "$($server.Uri)/nothing-may-arrive" }
        @($piped).Count | Should -Be 2
    }

    It 'stops the pipeline on <What> as NimConflictingParameters, naming both' -ForEach $combinations {
        $failure = Get-CallError { 'a', 'b' | Invoke-NvChatCompletion -BaseUri $uri -Model m @Splat }
        @($failure).Count | Should -Be 1
        $failure.FullyQualifiedErrorId | Should -BeExactly "NimConflictingParameters,$command"
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        foreach ($name in $Names) { $failure.Exception.Message | Should -Match ([regex]::Escape($name)) }
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'refuses -Request with -Model (two parameter sets) at parameter binding' {
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri $uri -Model m -Request '{"model":"m","messages":[{"role":"user","content":"x"}]}' }
        $failure.FullyQualifiedErrorId | Should -BeExactly "AmbiguousParameterSet,$command"
    }

    It 'writes NimInvalidRequest naming <Field> for <What>, and goes on with the next input' -ForEach @(
        @{ What = 'a -ToolChoice that names no given tool'; Splat = @{ Tool = @{ tool_name = 'get_weather' }; ToolChoice = 'get_time' }; Field = 'tool_choice' }
    ) {
        $failures = Get-CallError { 'a', 'b' | Invoke-NvChatCompletion -BaseUri $uri -Model m @Splat }
        @($failures).Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$command"
        $failures[0].Exception.Field | Should -Be $Field
        $failures[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($Field))
    }

    It 'writes NimInvalidRequest naming messages for a document without any message' {
        $failures = Get-CallError { '{"model":"m","messages":[]}' | Invoke-NvChatCompletion -BaseUri $uri }
        $failures.FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$command"
        $failures.Exception.Field | Should -Be 'messages'
    }
}

Describe 'Invalid requests to Invoke-NvCompletion fail before anything is sent' {
    BeforeEach { Clear-NimTestRequest $server }
    AfterEach { @(Get-NimTestRequest $server).Count | Should -Be 0 -Because 'nothing may be sent' }

    It 'refuses -<Name> <Value> at parameter binding' -ForEach @(
        @{ Name = 'Temperature'; Value = 3 }, @{ Name = 'MaxTokens'; Value = 0 }, @{ Name = 'JsonSchema'; Value = 'not json' }, @{ Name = 'BaseUri'; Value = 'ftp://x/v1' }
    ) {
        $splat = @{ $Name = $Value }
        if ($Name -ne 'BaseUri') { $splat.BaseUri = $uri }
        $failure = Get-CallError { Invoke-NvCompletion -Model m -Prompt 'x' @splat }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgument*Error,NvidiaInference.Commands.InvokeNvCompletionCommand'
        $failure.Exception.Message | Should -Match "'$Name'"
    }

    It 'stops the pipeline on -Greedy with -TopK' {
        $failure = Get-CallError { 'a' | Invoke-NvCompletion -BaseUri $uri -Model m -Greedy -TopK 3 }
        $failure.FullyQualifiedErrorId | Should -BeExactly 'NimConflictingParameters,NvidiaInference.Commands.InvokeNvCompletionCommand'
    }
}
