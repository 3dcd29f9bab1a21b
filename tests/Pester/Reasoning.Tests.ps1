# Reasoning models from PowerShell: the thinking in Reasoning and in Reasoning events, steering it, keeping it in
# conversations, against the loopback server's reasoning model (tests/NimTestServer/ReasoningScenario.cs) and replays
# of llama.cpp's recordings (tests/fixtures/llamacpp-reasoning).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $recordings = Join-Path $PSScriptRoot '../fixtures/llamacpp-reasoning'
    $composed = Join-Path $PSScriptRoot '../fixtures/reasoning'
    $thought = 'The user asks whether 17 is prime. It has no divisor between 2 and 4, so it is.'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Reasoning on responses and streams' {
    It 'reads the thinking of the <Form> form into Reasoning, and only the answer into Content' -ForEach @(
        @{ Form = 'content' }, @{ Form = 'field' }, @{ Form = 'both' }, @{ Form = 'tags' }, @{ Form = 'open' }
    ) {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~$Form" -Model m -Message 'Is 17 prime?'
        $response.Reasoning | Should -BeExactly $thought
        $response.Content | Should -BeExactly 'Yes, 17 is prime.'
    }

    It 'streams the <Form> form as Reasoning events before Text events, and joins them on Complete' -ForEach @(
        @{ Form = 'content' }, @{ Form = 'field' }, @{ Form = 'both' }, @{ Form = 'tags' }
    ) {
        $events = @(Invoke-NvChatCompletion -BaseUri "$uri/reasoning~$Form" -Model m -Message 'Is 17 prime?' -Stream)
        $reasoning = @($events | Where-Object { $_.Delta.Type -eq 'Reasoning' })
        $text = @($events | Where-Object { $_.EventType -eq 'Progress' -and $_.Delta.Type -eq 'Text' })
        $reasoning.Count | Should -BeGreaterThan 1
        -join $reasoning.Delta.Text | Should -BeExactly $thought
        -join $text.Delta.Text | Should -BeExactly 'Yes, 17 is prime.'
        [array]::IndexOf($events, $reasoning[-1]) | Should -BeLessThan ([array]::IndexOf($events, $text[0]))
        $events[-1].Response.Reasoning | Should -BeExactly (-join $reasoning.Delta.Text)
        $events[-1].Response.Content | Should -BeExactly 'Yes, 17 is prime.'
    }

    It 'keeps the content exactly as sent with -RawContent' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tags" -Model m -Message 'Is 17 prime?' -RawContent
        $response.Reasoning | Should -BeNullOrEmpty
        $response.Content | Should -BeExactly "<think>`n$thought`n</think>`n`nYes, 17 is prime."
        $events = @(Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tags" -Model m -Message 'Is 17 prime?' -Stream -RawContent)
        @($events | Where-Object { $_.Delta.Type -eq 'Reasoning' }).Count | Should -Be 0
        $events[-1].Response.Content | Should -BeExactly $response.Content
    }

    It 'reads reasoning tokens when the server counts them' {
        (Invoke-NvChatCompletion -BaseUri "$uri/reasoning~field" -Model m -Message 'Is 17 prime?').Usage.ReasoningTokens | Should -Be 21
        (Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?').Usage.ReasoningTokens | Should -BeNullOrEmpty
    }

    It 'warns once, naming -MaxTokens, when the budget ends inside the thinking' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~budget" -Model m -Message 'Is 17 prime?' -WarningVariable warnings -WarningAction SilentlyContinue
        $response.StopReason | Should -Be 'OutOfTokens'
        $response.Content | Should -BeExactly ''
        $response.Reasoning | Should -BeExactly $thought
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match '-MaxTokens'
        $events = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~budget" -Model m -Message 'Is 17 prime?' -Stream -WarningVariable streamed -WarningAction SilentlyContinue
        @($streamed).Count | Should -Be 1
        @($events | Where-Object { $_.Delta.Type -eq 'Reasoning' }).Count | Should -BeGreaterThan 0
        Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?' -WarningVariable none -WarningAction SilentlyContinue | Out-Null
        @($none).Count | Should -Be 0
    }
}

Describe 'Steering the thinking' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'sends -ReasoningEffort at the top level in every placement' -ForEach @(
        @{ Placement = 'Nvext' }, @{ Placement = 'TopLevel' }, @{ Placement = 'OpenAI' }
    ) {
        $body = ConvertTo-NvPayload -Model m -Message hi -ReasoningEffort low -ExtensionPlacement $Placement | ConvertFrom-Body
        $body.reasoning_effort | Should -BeExactly 'low'
    }

    It 'refuses an effort outside the list, and completes the list on Tab' {
        { ConvertTo-NvPayload -Model m -Message hi -ReasoningEffort extreme } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NvidiaInference.Commands.ConvertToNimPayloadCommand'
        $completions = (TabExpansion2 -inputScript 'ConvertTo-NvPayload -ReasoningEffort m' -cursorColumn 38).CompletionMatches.CompletionText
        $completions | Sort-Object | Should -Be @('max', 'medium', 'minimal')
    }

    It 'turns thinking on and off with -Thinking, sending both template switches' {
        $on = (ConvertTo-NvPayload -Model m -Message hi -Thinking | ConvertFrom-Body).chat_template_kwargs
        $on.enable_thinking | Should -BeTrue
        $on.thinking | Should -BeTrue
        $off = (ConvertTo-NvPayload -Model m -Message hi -Thinking:$false | ConvertFrom-Body).chat_template_kwargs
        $off.enable_thinking | Should -BeFalse
        $off.thinking | Should -BeFalse
        (ConvertTo-NvPayload -Model m -Message hi | ConvertFrom-Body).Keys | Should -Not -Contain 'chat_template_kwargs'
    }

    It 'switches the thinking off on the server with -Thinking:$false' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?' -Thinking:$false
        $response.Reasoning | Should -BeNullOrEmpty
        $response.Content | Should -BeExactly 'Yes, 17 is prime.'
    }

    It 'adds other template switches with -ChatTemplateArgument' {
        $body = ConvertTo-NvPayload -Model m -Message hi -Thinking -ChatTemplateArgument @{ reasoning_budget = 64 } | ConvertFrom-Body
        $body.chat_template_kwargs.reasoning_budget | Should -Be 64
        $body.chat_template_kwargs.enable_thinking | Should -BeTrue
    }

    It 'sends -MaxThinkingTokens in nvext or at the top level by placement' {
        (ConvertTo-NvPayload -Model m -Message hi -MaxThinkingTokens 128 | ConvertFrom-Body).nvext.max_thinking_tokens | Should -Be 128
        (ConvertTo-NvPayload -Model m -Message hi -MaxThinkingTokens 128 -ExtensionPlacement TopLevel | ConvertFrom-Body).max_thinking_tokens | Should -Be 128
    }

    It 'refuses <Parameter> in the OpenAI placement before sending, pointing to -ReasoningEffort' -ForEach @(
        @{ Parameter = '-Thinking'; Arguments = @{ Thinking = $true } }
        @{ Parameter = '-ChatTemplateArgument'; Arguments = @{ ChatTemplateArgument = @{ a = 1 } } }
        @{ Parameter = '-MaxThinkingTokens'; Arguments = @{ MaxThinkingTokens = 5 } }
    ) {
        Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi -ExtensionPlacement OpenAI @Arguments -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeExactly 'NimInvalidRequest,NvidiaInference.Commands.InvokeNvChatCompletionCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match '-ReasoningEffort'
        @(Get-NimTestRequest $server).Count | Should -Be 0
    }
}

Describe 'Thinking in conversations and the tool loop' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'keeps Reasoning in the Conversation of a response' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?'
        $response.Conversation[-1].Reasoning | Should -BeExactly $thought
    }

    It 'sends the thinking back with a turn that called tools, and not with a plain answer' {
        $first = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tools" -Model m -Message 'Weather in Oslo?' -Tool @{ name = 'get_weather'; parameters = @{ type = 'object'; properties = @{ city = @{ type = 'string' } } } }
        $first.ToolCalls.Count | Should -Be 1
        $first.Reasoning | Should -Not -BeNullOrEmpty
        $result = @{ role = 'tool'; call_id = $first.ToolCalls[0].CallId; content = 'Snow' }
        $answer = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tools" -Model m -Conversation $first.Conversation -Message $result, 'Thanks.'
        $answer.Content | Should -BeExactly 'It snows in Oslo.'
        $sent = ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages
        ($sent | Where-Object { $_.role -eq 'assistant' }).reasoning_content | Should -BeExactly $first.Reasoning
        $plain = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?'
        $plain | Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Message 'Sure?' | Out-Null
        $again = ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages
        $again[1].PSObject.Properties.Name | Should -Not -Contain 'reasoning_content'
    }

    It 'carries the thinking back on every round of the tool loop, <Mode>' -ForEach @(@{ Mode = 'whole' }, @{ Mode = 'streamed' }) {
        $tool = @{ name = 'get_weather'; parameters = @{ type = 'object'; properties = @{ city = @{ type = 'string' } } } }
        $stream = $Mode -eq 'streamed'
        $results = @(Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tools" -Model m -Message 'Weather in Oslo?' -Tool $tool -ToolHandler @{ get_weather = { param($city) "Snow in $city" } } -Stream:$stream)
        $final = if ($stream) { $results[-1].Response } else { $results[-1] }
        $final.Content | Should -BeExactly 'It snows in Oslo.'
        $requests = @(Get-NimTestRequest $server)
        $requests.Count | Should -Be 2
        (($requests[1].body | ConvertFrom-Json).messages | Where-Object { $_.role -eq 'assistant' }).reasoning_content | Should -BeExactly 'The user wants the weather; call the tool.'
    }

    It 'sends no thinking back in the OpenAI placement' {
        $first = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tools" -Model m -Message 'Weather in Oslo?' -Tool @{ name = 'get_weather'; parameters = @{ type = 'object'; properties = @{ city = @{ type = 'string' } } } }
        $result = @{ role = 'tool'; call_id = 'call_1'; content = 'Snow' }
        $body = ConvertTo-NvPayload -Model m -Conversation $first.Conversation -Message $result -ExtensionPlacement OpenAI | ConvertFrom-Body
        $body.messages[1].Keys | Should -Not -Contain 'reasoning_content'
        $nvext = ConvertTo-NvPayload -Model m -Conversation $first.Conversation -Message $result | ConvertFrom-Body
        $nvext.messages[1].reasoning_content | Should -BeExactly $first.Reasoning
    }
}

Describe 'Replaying recorded reasoning exchanges' {
    It 'ConvertFrom-NvChunk reads the recorded <Name>' -ForEach @(
        @{ Name = 'reasoning-stream'; Reasoning = ' kle nach ISBNilar'; Content = '' }
        @{ Name = 'reasoning-then-answer-stream'; Reasoning = ' kle nach ISBN'; Content = 'ph passion lang' }
        @{ Name = 'reasoning-raw-think-tags-stream'; Reasoning = ' kle nach ISBNilar'; Content = '' }
        @{ Name = 'reasoning-off-stream'; Reasoning = $null; Content = $null }
    ) {
        $events = @(Get-Content (Join-Path $recordings "$Name.sse") | ConvertFrom-NvChunk)
        $events[0].EventType | Should -Be 'Start'
        $events[-1].EventType | Should -Be 'Complete'
        $events[-1].Response.Reasoning | Should -BeExactly $Reasoning
        -join ($events | Where-Object { $_.Delta.Type -eq 'Reasoning' }).Delta.Text | Should -BeExactly "$Reasoning"
        if ($null -ne $Content) { $events[-1].Response.Content | Should -BeExactly $Content }
    }

    It 'ConvertFrom-NvChunk reads the recorded whole answer <Name>' -ForEach @(
        @{ Name = 'reasoning-chat' }, @{ Name = 'reasoning-effort-field' }, @{ Name = 'reasoning-raw-think-tags' }
        @{ Name = 'reasoning-then-answer' }, @{ Name = 'reasoning-history-with-reasoning' }, @{ Name = 'reasoning-off' }
    ) {
        $json = Get-Content -Raw (Join-Path $recordings "$Name.response.json")
        $response = $json | ConvertFrom-NvChunk
        $message = ($json | ConvertFrom-Json).choices[0].message
        $expected = if ($message.reasoning_content) { $message.reasoning_content } elseif ($message.content -like '<think>*') { $message.content -replace '^<think>\n' } else { $null }
        $response.Reasoning | Should -BeExactly $expected
    }

    It 'the HTTP cmdlets read the recorded <Name> as ConvertFrom-NvChunk does' -ForEach @(
        @{ Name = 'reasoning-stream'; Stream = $true }, @{ Name = 'reasoning-then-answer-stream'; Stream = $true }
        @{ Name = 'reasoning-raw-think-tags-stream'; Stream = $true }, @{ Name = 'reasoning-off-stream'; Stream = $true }
        @{ Name = 'reasoning-chat'; Stream = $false }, @{ Name = 'reasoning-raw-think-tags'; Stream = $false }
        @{ Name = 'reasoning-then-answer'; Stream = $false }, @{ Name = 'reasoning-off'; Stream = $false }
        @{ Name = 'reasoning-effort-field'; Stream = $false }, @{ Name = 'reasoning-history-with-reasoning'; Stream = $false }
    ) {
        $online = Invoke-NvChatCompletion -BaseUri "$uri/llamacpp-reasoning~$Name" -Model m -Message 'Is 17 prime?' -Stream:$Stream -WarningAction SilentlyContinue
        $offline = Get-Content -Raw (Join-Path $recordings "$Name$(if ($Stream) { '.sse' } else { '.response.json' })") | ConvertFrom-NvChunk -WarningAction SilentlyContinue
        $onlineResponse = if ($Stream) { @($online)[-1].Response } else { $online }
        $offlineResponse = if ($Stream) { @($offline)[-1].Response } else { $offline }
        $onlineResponse.Reasoning | Should -BeExactly $offlineResponse.Reasoning
        $onlineResponse.Content | Should -BeExactly $offlineResponse.Content
        $onlineResponse.StopReason | Should -Be $offlineResponse.StopReason
    }

    It 'reads the composed <File> with ConvertFrom-NvChunk' -ForEach @(
        @{ File = 'chat-stream-reasoning-field.sse' }, @{ File = 'chat-stream-reasoning-both.sse' }, @{ File = 'chat-stream-think-tags-split.sse' }
    ) {
        $events = @(Get-Content (Join-Path $composed $File) | ConvertFrom-NvChunk)
        $events[-1].Response.Reasoning | Should -BeExactly '17 has no divisor.'
        -join ($events | Where-Object { $_.Delta.Type -eq 'Reasoning' }).Delta.Text | Should -BeExactly '17 has no divisor.'
    }
}

Describe 'Test-NvEndpoint and reasoning' {
    It 'reports that the model thinks, in <Form>, and that -Thinking:$false switches it off' -ForEach @(
        @{ Scenario = 'content'; Form = 'reasoning_content' }, @{ Scenario = 'field'; Form = 'reasoning' }, @{ Scenario = 'tags'; Form = 'inline <think> tags' }
    ) {
        $scenario = "reasoning~$Scenario~$(New-Guid)"
        $check = Test-NvEndpoint -BaseUri "$uri/$scenario" | Where-Object Capability -EQ 'Reasoning'
        $check.Status | Should -Be 'Passed'
        $check.Detail | Should -BeLike "*in $Form;*answered without it*"
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -BeLessOrEqual 13
    }

    It 'reports NotSupported for a model that does not think, without another request' {
        $check = Test-NvEndpoint -BaseUri "$uri/dialect~nvext" | Where-Object Capability -EQ 'Reasoning'
        $check.Status | Should -Be 'NotSupported'
    }
}
