# One script (chat, streaming, tools, logprobs, structured output, completions, models, an error) runs unchanged against
# each dialect's recorded exchanges, with only -ExtensionPlacement differing: Nvext and TopLevel against the NIM and vLLM
# wire transcripts (tests/fixtures/wire), OpenAI against real llama-server recordings (tests/fixtures/llamacpp).
BeforeDiscovery {
    $dialects = @(
        @{ Placement = 'Nvext'; Recordings = 'wire' }
        @{ Placement = 'TopLevel'; Recordings = 'wire' }
        @{ Placement = 'OpenAI'; Recordings = 'llamacpp' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $server = Start-NimTestServer
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore
    $llamaCppPath = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../fixtures/llamacpp')).Path

    # The calls of the script, in the order it makes them, and the test-server scenario whose recording answers each.
    $calls = 'Chat', 'Stream', 'Tools', 'ToolStream', 'Logprobs', 'Structured', 'Completion', 'CompletionStream', 'CompletionLogprobs', 'Models', 'Error'
    $scenarios = @{
        wire = @{
            Chat = 'json~chat-response-text-nim2.json'; Stream = 'replay~chat-stream-text.sse'
            Tools = 'json~chat-response-tool-calls.json'; ToolStream = 'replay~chat-stream-openai-parallel-tool-calls.sse'
            Logprobs = 'json~chat-response-logprobs.json'; Structured = 'json~chat-response-text-nim2.json'
            Completion = 'json~completion-response-text.json'; CompletionStream = 'replay~completion-stream-text.sse'
            CompletionLogprobs = 'json~completion-response-logprobs.json'; Models = 'ok'; Error = 'status~400~error-400-vllm-current.json'
        }
        llamacpp = @{
            Chat = 'llamacpp~chat-basic'; Stream = 'llamacpp~chat-stream-usage'
            Tools = 'llamacpp~chat-tools-required'; ToolStream = 'llamacpp~chat-stream-tools-parallel'
            Logprobs = 'llamacpp~chat-logprobs'; Structured = 'llamacpp~chat-json-schema'
            Completion = 'llamacpp~cmpl-basic'; CompletionStream = 'llamacpp~cmpl-stream'
            CompletionLogprobs = 'llamacpp~cmpl-logprobs'; Models = 'llamacpp~models'; Error = 'llamacpp~chat-stream-logprobs-tools'
        }
    }

    $schema = '{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}'

    # The script, written as a user would. $BaseUri says which server answers each call; nothing else changes.
    $session = {
        param([string] $Placement, [hashtable] $BaseUri)
        $common = @{ Model = 'tiny-random-llama'; ExtensionPlacement = $Placement; MaxRetryCount = 0 }
        $weather = @{ tool_name = 'get_weather'; description = 'Get the current weather for a city'; parameters = @{ city = @{ param_type = 'str'; description = 'City name' } } }
        $time = @{ tool_name = 'get_time'; description = 'Get the current time in a timezone'; parameters = @{ tz = @{ param_type = 'str' } } }
        $result = [ordered]@{}
        # top_k is no OpenAI field: the OpenAI dialect refuses -TopK, so that script leaves it out.
        $topK = if ($Placement -eq 'OpenAI') { @{} } else { @{ TopK = 40 } }
        $result.Chat = Invoke-NvChatCompletion @common @topK -BaseUri $BaseUri.Chat -Message 'Say hello in five words.' -MaxTokens 24 -Temperature 0.7
        $result.Stream = @(Invoke-NvChatCompletion @common -BaseUri $BaseUri.Stream -Message 'Count to three.' -MaxTokens 12 -Stream)
        $result.Tools = Invoke-NvChatCompletion @common -BaseUri $BaseUri.Tools -Message "What's the weather in Paris?" -Tool $weather -ToolChoice required
        $result.ToolStream = @(Invoke-NvChatCompletion @common -BaseUri $BaseUri.ToolStream -Message 'Weather in Paris and time in Tokyo?' -Tool $weather, $time -Stream)
        $result.Logprobs = Invoke-NvChatCompletion @common -BaseUri $BaseUri.Logprobs -Message 'Pick a word.' -MaxTokens 5 -Logprobs 3
        # The wire recordings answer it in plain text, which the module warns about; that warning is not under test here.
        $result.Structured = Invoke-NvChatCompletion @common -BaseUri $BaseUri.Structured -Message 'Give me a person as JSON.' -MaxTokens 200 -JsonSchema $schema -WarningAction SilentlyContinue
        $result.Completion = Invoke-NvCompletion @common -BaseUri $BaseUri.Completion -Prompt 'Once upon a time' -MaxTokens 12
        $result.CompletionStream = @(Invoke-NvCompletion @common -BaseUri $BaseUri.CompletionStream -Prompt 'Once upon a time' -MaxTokens 6 -Stream)
        $result.CompletionLogprobs = Invoke-NvCompletion @common -BaseUri $BaseUri.CompletionLogprobs -Prompt 'Once upon a time' -MaxTokens 4 -Logprobs 3
        $result.Models = @(Get-NvModel -BaseUri $BaseUri.Models)
        $result.ErrorOutput = @(Invoke-NvChatCompletion @common -BaseUri $BaseUri.Error -Message 'Weather?' -MaxTokens 20 -Tool $weather -Logprobs 2 -Stream -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Error = @($failures)
        $result
    }

    function Get-RecordedAnswer {
        # What a recording answered, read from the fixture file alone (not through the module): a JSON body, or a
        # stream's chunks added up the plain way (text appended, each call's name from its first fragment).
        param([Parameter(Mandatory)] [string] $Scenario)
        $parts = $Scenario -split '~'
        $path = switch ($parts[0]) {
            'ok' { Get-Fixture 'models-list-nim.json' }
            'status' { Get-Fixture $parts[2] }
            'llamacpp' { @("$llamaCppPath/$($parts[1]).sse", "$llamaCppPath/$($parts[1]).response.json") | Where-Object { Test-Path -LiteralPath $_ } }
            default { Get-Fixture $parts[1] }
        }
        $documents = if ($path -like '*.sse') {
            Get-Content -LiteralPath $path | Where-Object { $_ -like 'data: {*' } | ForEach-Object { $_.Substring(6) | ConvertFrom-Json -AsHashtable }
        }
        else { , (Get-Content -Raw -LiteralPath $path | ConvertFrom-Json -AsHashtable) }

        $answer = [ordered]@{ Text = ''; FinishReason = $null; TotalTokens = $null; ToolCalls = [System.Collections.Generic.List[object]]::new(); LogprobTokens = @(); ModelIds = @(); ErrorMessage = $null }
        foreach ($document in $documents) {
            if ($document.error) { $answer.ErrorMessage = $document.error.message }
            if ($document.data) { $answer.ModelIds = @($document.data.id) }
            if ($document.usage) { $answer.TotalTokens = $document.usage.total_tokens }
            foreach ($choice in @($document.choices | Where-Object { $_.index -eq 0 })) {
                $part = if ($choice.ContainsKey('delta')) { $choice.delta } elseif ($choice.ContainsKey('message')) { $choice.message } else { $choice }
                $answer.Text += [string]($part.content ?? $part.text)
                foreach ($call in @($part.tool_calls | Where-Object { $_ })) {
                    $index = $call.index ?? $answer.ToolCalls.Count
                    if ($index -ge $answer.ToolCalls.Count) { $answer.ToolCalls.Add(@{ Name = $call.function.name; Arguments = '' }) }
                    $answer.ToolCalls[$index].Arguments += $call.function.arguments
                }
                $logprobs = $choice.logprobs
                if ($logprobs) { $answer.LogprobTokens += @(if ($logprobs.content) { $logprobs.content.token } else { $logprobs.tokens }) }
                if ($choice.finish_reason) { $answer.FinishReason = $choice.finish_reason }
            }
        }
        [pscustomobject]$answer
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'The same script against <Placement> servers (<Recordings> recordings)' -ForEach $dialects {
    BeforeAll {
        $uris = @{}
        foreach ($call in $calls) { $uris[$call] = "$($server.Uri)/$($scenarios[$Recordings][$call])" }
        $expected = @{}
        foreach ($call in $calls) { $expected[$call] = Get-RecordedAnswer $scenarios[$Recordings][$call] }
        Clear-NimTestRequest $server
        $result = & $session -Placement $Placement -BaseUri $uris

        # One request per call, in the order of the script (no retries: -MaxRetryCount 0).
        $requests = @(Get-NimTestRequest $server)
        $sent = @{}
        for ($i = 0; $i -lt $calls.Count; $i++) {
            $sent[$calls[$i]] = if ($requests[$i].body) { $requests[$i].body | ConvertFrom-Json -AsHashtable } else { @{} }
        }
    }

    It 'sent one request per call, to the path of each API' {
        $requests.Count | Should -Be $calls.Count
        $requests.path | Should -Be @($calls | ForEach-Object {
                $api = switch -Wildcard ($_) { 'Completion*' { 'completions' } 'Models' { 'models' } default { 'chat/completions' } }
                "/$($scenarios[$Recordings][$_])/v1/$api"
            })
    }

    It 'chat: the content, stop reason and usage the server sent' {
        $result.Chat | Should -BeOfType NvidiaInference.ChatCompletionResponse
        $result.Chat.Content | Should -BeExactly $expected.Chat.Text
        $result.Chat.StopReason | Should -Be (ConvertTo-StopReason $expected.Chat.FinishReason)
        $result.Chat.Usage.TotalTokens | Should -Be $expected.Chat.TotalTokens
    }

    It 'streaming: Start, the text as it came, then Complete with the stop reason and the last usage' {
        $result.Stream[0].EventType | Should -Be 'Start'
        $result.Stream[-1].EventType | Should -Be 'Complete'
        -join ($result.Stream | Where-Object { $_.Delta.Type -eq 'Text' } | ForEach-Object { $_.Delta.Text }) | Should -BeExactly $expected.Stream.Text
        $result.Stream[-1].StopReason | Should -Be (ConvertTo-StopReason $expected.Stream.FinishReason)
        $result.Stream[-1].Usage.TotalTokens | Should -Be $expected.Stream.TotalTokens
    }

    It 'tools: every call with its parsed arguments, whole and streamed' {
        foreach ($case in @(
                @{ Calls = $result.Tools.ToolCalls; Expected = $expected.Tools; Stop = $result.Tools.StopReason }
                @{ Calls = @($result.ToolStream | Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { $_.Delta.ToolCall }); Expected = $expected.ToolStream; Stop = $result.ToolStream[-1].StopReason }
            )) {
            $case.Stop | Should -Be 'EndOfMessage'
            $case.Calls.Count | Should -Be $case.Expected.ToolCalls.Count
            $case.Calls.Count | Should -BeGreaterThan 0
            for ($i = 0; $i -lt $case.Calls.Count; $i++) {
                $case.Calls[$i].ToolName | Should -Be $case.Expected.ToolCalls[$i].Name
                $case.Calls[$i].ParseStatus | Should -Be 'Succeeded'
                Get-PlainDifference $case.Calls[$i].Arguments ($case.Expected.ToolCalls[$i].Arguments | ConvertFrom-Json -AsHashtable) | Should -BeNullOrEmpty
            }
        }
    }

    It 'logprobs: one entry per token, for chat and for completions' {
        $result.Logprobs.Logprobs.Token | Should -BeExactly $expected.Logprobs.LogprobTokens
        $result.CompletionLogprobs.Logprobs.Token | Should -BeExactly $expected.CompletionLogprobs.LogprobTokens
        $result.Logprobs.Logprobs[0].LogprobsByToken.Count | Should -BeGreaterThan 0
    }

    It 'structured output: the answer to a request with the schema' {
        $result.Structured.Content | Should -BeExactly $expected.Structured.Text
    }

    It 'completions: the text, plain and streamed, with the stop reason on the last chunk only' {
        $result.Completion | Should -BeOfType NvidiaInference.CompletionResponse
        $result.Completion.Content | Should -BeExactly $expected.Completion.Text
        -join $result.CompletionStream.Delta | Should -BeExactly $expected.CompletionStream.Text
        @($result.CompletionStream | Where-Object StopReason).Count | Should -Be 1
        $result.CompletionStream[-1].Usage.TotalTokens | Should -Be $expected.CompletionStream.TotalTokens
    }

    It 'models: each served model' {
        $result.Models.Id | Should -Be $expected.Models.ModelIds
    }

    It 'an error: NimBadRequest carrying the server message, and nothing else' {
        $result.ErrorOutput.Count | Should -Be 0
        $result.Error.Count | Should -Be 1
        $result.Error[0].FullyQualifiedErrorId | Should -BeLike 'NimBadRequest,*'
        $result.Error[0].Exception.Message.Contains($expected.Error.ErrorMessage) | Should -BeTrue -Because "the message should carry '$($expected.Error.ErrorMessage)'"
    }

    It 'puts the extensions where <Placement> servers read them, and never sends an empty nvext' {
        foreach ($body in $sent.Values) {
            if ($body.ContainsKey('nvext')) { $body.nvext.Count | Should -BeGreaterThan 0 }
        }
        $streamed = 'Stream', 'ToolStream', 'CompletionStream', 'Error'
        switch ($Placement) {
            'Nvext' {
                $sent.Chat.nvext.top_k | Should -Be 40
                Get-PlainDifference $sent.Structured.nvext.guided_json ($schema | ConvertFrom-Json -AsHashtable) | Should -BeNullOrEmpty
                @($calls | Where-Object { $sent[$_].ContainsKey('nvext') }) | Should -Be @('Chat', 'Structured')
                @($sent.Values | Where-Object { $_.ContainsKey('top_k') -or $_.ContainsKey('guided_json') -or $_.ContainsKey('response_format') -or $_.ContainsKey('stream_options') }) | Should -BeNullOrEmpty
            }
            'TopLevel' {
                $sent.Chat.top_k | Should -Be 40
                Get-PlainDifference $sent.Structured.guided_json ($schema | ConvertFrom-Json -AsHashtable) | Should -BeNullOrEmpty
                @($sent.Values | Where-Object { $_.ContainsKey('nvext') -or $_.ContainsKey('response_format') -or $_.ContainsKey('stream_options') }) | Should -BeNullOrEmpty
            }
            'OpenAI' {
                $sent.Chat.ContainsKey('top_k') | Should -BeFalse
                $sent.Structured.response_format.type | Should -Be 'json_schema'
                $sent.Structured.response_format.json_schema.strict | Should -BeTrue
                Get-PlainDifference $sent.Structured.response_format.json_schema.schema ($schema | ConvertFrom-Json -AsHashtable) | Should -BeNullOrEmpty
                @($sent.Values | Where-Object { $_.ContainsKey('nvext') -or $_.ContainsKey('guided_json') }) | Should -BeNullOrEmpty
                @($calls | Where-Object { $sent[$_].stream_options.include_usage }) | Should -Be $streamed
            }
        }
    }
}

Describe 'A hosted model that rejects unknown fields (422 extra_forbidden)' {
    It 'answers <Placement> when no extension is used; the server refuses nvext, the module refuses top_k in OpenAI' -ForEach @(
        @{ Placement = 'Nvext' }
        @{ Placement = 'TopLevel' }
        @{ Placement = 'OpenAI' }
    ) {
        $plain = Invoke-NvChatCompletion -BaseUri "$($server.Uri)/strict~ok" -Model m -Message 'hi' -MaxTokens 8 -ExtensionPlacement $Placement
        $plain | Should -BeOfType NvidiaInference.ChatCompletionResponse

        Invoke-NvChatCompletion -BaseUri "$($server.Uri)/strict~ok" -Model m -Message 'hi' -TopK 40 -ExtensionPlacement $Placement -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        if ($Placement -eq 'Nvext') {
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimBadRequest,*'
            $failures[0].Exception.Message | Should -BeLike '*Extra inputs are not permitted*'
        }
        elseif ($Placement -eq 'OpenAI') {
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimInvalidRequest,*'
            $failures[0].Exception.Message | Should -BeLike '*OpenAI placement*'
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*-ExtensionPlacement Nvext or TopLevel*'
        }
        else { $failures | Should -BeNullOrEmpty }
    }
}
