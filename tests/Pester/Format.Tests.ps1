# The format views (module/NvidiaInference.Format.ps1xml): how objects made from the fixtures look at the console
# (Out-String, wide enough that nothing wraps), and Format-List still showing every property.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Get-Lines {
        # The lines an object (or a stream of them) shows as, trailing spaces and the blank lines around it dropped.
        param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $InputObject)
        $text = ($InputObject | Out-String -Width 250) -replace '\r', ''
        @($text.Trim("`n") -split "`n" | ForEach-Object TrimEnd)
    }

    function ConvertFrom-Fixture {
        param([Parameter(Mandatory)] [string] $Name, [switch] $Raw, [switch] $ToolCallProgress)
        $path = Get-Fixture $Name
        if ($Raw) { Get-Content -Raw -LiteralPath $path | ConvertFrom-NvChunk }
        else { Get-Content -LiteralPath $path | ConvertFrom-NvChunk -ToolCallProgress:$ToolCallProgress }
    }

    function Get-SseLine {
        # One SSE event (a data line and the blank line that ends it) with a chat chunk of the given delta.
        param([hashtable] $Delta, [string] $FinishReason)
        $chunk = @{ id = 'c'; object = 'chat.completion.chunk'; model = 'm'; choices = @(@{ index = 0; delta = $Delta; finish_reason = $FinishReason }) }
        'data: ' + ($chunk | ConvertTo-Json -Depth 10 -Compress)
        ''
    }
}

Describe 'The format file' {
    It 'is loaded with the module, for <_>' -ForEach 'ChatCompletionResponse', 'CompletionResponse', 'ChatCompletionEvent', 'CompletionStreamChunk', 'ToolCall', 'Message', 'NimModel', 'TokenLogprobs', 'NimPayload', 'EndpointCheck' {
        $data = Get-FormatData -TypeName "NvidiaInference.$_"
        $data | Should -Not -BeNullOrEmpty
        @($data.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] }) |
            Should -BeNullOrEmpty -Because 'a list view would take over Format-List and hide properties'
    }
}

Describe 'The answer of a reasoning model' {
    It 'shows the thinking under its own label, before the content' {
        $response = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../fixtures/reasoning/chat-response-reasoning-field.json') | ConvertFrom-NvChunk
        Get-Lines $response | Should -Be @(
            'Reasoning  : 17 has no divisor between 2 and 4.'
            'Content    : Yes, 17 is prime.'
            'StopReason : EndOfTurn'
            'Usage      : 14 prompt + 19 completion = 33 tokens (12 reasoning)'
        )
    }

    It 'dims the thinking at the console, and marks it as thinking in plain text' {
        $events = @(Get-Content -LiteralPath (Join-Path $PSScriptRoot '../fixtures/reasoning/chat-stream-reasoning-field.sse') | ConvertFrom-NvChunk)
        $thinking = $events | Where-Object { $_.Delta.Type -eq 'Reasoning' } | Select-Object -First 1
        $saved = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'PlainText'
            Get-Lines $thinking | Should -Be '(thinking) 17'
            Get-Lines ($events | Where-Object { $_.Delta.Type -eq 'Text' } | Select-Object -Skip 1 -First 1) | Should -Be 'Yes,'
            $PSStyle.OutputRendering = 'Ansi'
            ($thinking | Out-String) | Should -Match ([regex]::Escape($PSStyle.Dim))
            ($response = $events[-1].Response | Out-String) | Should -Match ([regex]::Escape($PSStyle.Dim + $PSStyle.Italic + '17 has no divisor.'))
        }
        finally { $PSStyle.OutputRendering = $saved }
    }
}

Describe 'Test-NvEndpoint checks' {
    It 'read as rows of capability, status, placement and detail' {
        $checks = @(
            [NvidiaInference.EndpointCheck]::new('Chat', 'Passed', [timespan]::FromMilliseconds(12), 'Answered "pong" (EndOfTurn).', $null)
            [NvidiaInference.EndpointCheck]::new('StructuredOutput', 'NotSupported', [timespan]::FromMilliseconds(30), 'Refused: 422', 'Nvext')
        )
        $lines = Get-Lines $checks
        $lines[0] | Should -Match '^Capability\s+Status\s+Placement\s+Detail$'
        $lines[2] | Should -Match '^Chat\s+Passed\s+Answered "pong" \(EndOfTurn\)\.$'
        $lines[3] | Should -Match '^StructuredOutput\s+NotSupported\s+Nvext\s+Refused: 422$'
    }
}

Describe 'A response' {
    It 'shows its content, stop reason and usage at a glance, without a ToolCalls line when there are none' {
        $response = ConvertFrom-Fixture 'chat-response-text-nim2.json' -Raw
        Get-Lines $response | Should -Be @(
            'Content    : GPU computing uses graphics processors to run many calculations in parallel.'
            'StopReason : EndOfTurn'
            'Usage      : 42 prompt + 14 completion = 56 tokens'
        )
    }

    It 'shows each tool call as name(arguments), one a line' {
        $response = ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw
        Get-Lines $response | Should -Be @(
            'Content    :'
            'StopReason : EndOfMessage'
            'ToolCalls  : get_current_weather({"location": "Paris, France", "format": "celsius"})'
            '             get_current_weather({"location": "Zürich, Switzerland", "format": "celsius"})'
            'Usage      : 318 prompt + 53 completion = 371 tokens'
        )
    }

    It 'keeps a multi-line content under its label' {
        $json = '{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Roses are red,\nviolets are blue."},"finish_reason":"length"}]}'
        Get-Lines ($json | ConvertFrom-NvChunk) | Should -Be @(
            'Content    : Roses are red,'
            '             violets are blue.'
            'StopReason : OutOfTokens'
        )
    }

    It 'is its content as a string' {
        $response = ConvertFrom-Fixture 'chat-response-text-nim2.json' -Raw
        "$response" | Should -BeExactly $response.Content
        $response.ToString() | Should -BeExactly 'GPU computing uses graphics processors to run many calculations in parallel.'
    }

    It 'shows one block per response when several come down the pipeline' {
        $responses = @(ConvertFrom-Fixture 'chat-response-text-nim2.json' -Raw; ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw)
        $lines = Get-Lines $responses
        @($lines | Where-Object { $_ -like 'Content    :*' }).Count | Should -Be 2
        @($lines | Where-Object { $_ -like 'ToolCalls  :*' }).Count | Should -Be 1
    }

    It 'of the completions API shows its content, stop reason and usage' {
        $response = ConvertFrom-Fixture 'completion-response-text.json' -Raw
        $lines = Get-Lines $response
        $lines[0] | Should -BeExactly "Content    : $($response.Content)"
        $lines[1] | Should -BeExactly "StopReason : $($response.StopReason)"
        $lines[-1] | Should -BeExactly "Usage      : $($response.Usage)"
        $lines | Should -Not -Match '^ToolCalls'
    }
}

Describe 'A stream of events' {
    # The Start event shows as an empty line, which Get-Lines drops with the blank lines around the output.
    It 'reads as its text, one delta a line, with the stop reason at the end' {
        Get-Lines (ConvertFrom-Fixture 'chat-stream-text.sse') | Should -Be @('The', ' capital', ' of', ' France', ' is', ' Paris', '.', '[EndOfTurn]')
    }

    It 'shows tool calls on lines of their own, and the usage at the end' {
        Get-Lines (ConvertFrom-Fixture 'chat-stream-openai-parallel-tool-calls.sse') | Should -Be @(
            '-> get_weather({"city":"Paris","unit":"celsius"})'
            '-> get_local_time({"city":"Zürich","country":"CH"})'
            '[EndOfMessage, 121 prompt + 52 completion = 173 tokens]'
        )
    }

    It 'keeps text and a tool call apart' {
        $sse = @(
            Get-SseLine @{ role = 'assistant'; content = 'Let me check.' }
            Get-SseLine @{ tool_calls = @(@{ index = 0; id = 'call_1'; type = 'function'; function = @{ name = 'get_weather'; arguments = '{"city":"Paris"}' } }) } -FinishReason 'tool_calls'
            'data: [DONE]'
            ''
        )
        Get-Lines ($sse | ConvertFrom-NvChunk) | Should -Be @('Let me check.', '-> get_weather({"city":"Paris"})', '[EndOfMessage]')
    }

    It 'marks a tool call whose arguments are not JSON' {
        $sse = @(
            Get-SseLine @{ role = 'assistant'; tool_calls = @(@{ index = 0; id = 'call_1'; type = 'function'; function = @{ name = 'search'; arguments = 'cats and dogs' } }) } -FinishReason 'tool_calls'
            'data: [DONE]'
            ''
        )
        Get-Lines ($sse | ConvertFrom-NvChunk 3>$null) | Should -Contain '-> search(cats and dogs)  (arguments are not JSON)'
    }

    It 'shows the fragments of -ToolCallProgress as ".. name fragment" lines before the whole call' {
        $lines = Get-Lines (ConvertFrom-Fixture 'chat-stream-openai-parallel-tool-calls.sse' -ToolCallProgress)
        $fragments = @($lines | Where-Object { $_ -like '.. get_weather *' })
        $fragments.Count | Should -BeGreaterThan 1
        (-join ($fragments | ForEach-Object { $_.Substring('.. get_weather '.Length) })) | Should -BeExactly '{"city":"Paris","unit":"celsius"}'
        [array]::IndexOf($lines, '-> get_weather({"city":"Paris","unit":"celsius"})') | Should -BeGreaterThan ([array]::IndexOf($lines, $fragments[-1]))
    }

    It 'of the completions API reads as its text, with the stop reason and the usage where they arrive' {
        Get-Lines (ConvertFrom-Fixture 'completion-stream-text.sse') | Should -Be @(
            ' Paris', '.', ' The', ' capital', ' of', ' Germany', ' is', ' Berlin.', '[OutOfTokens]', '[6 prompt + 9 completion = 15 tokens]'
        )
    }
}

Describe 'A tool call' {
    It 'shows as name(arguments)' {
        $calls = (ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw).ToolCalls
        Get-Lines $calls | Should -Be @(
            'get_current_weather({"location": "Paris, France", "format": "celsius"})'
            'get_current_weather({"location": "Zürich, Switzerland", "format": "celsius"})'
        )
    }
}

Describe 'Other objects' {
    It 'shows a conversation as a table of turns, tool calls included' {
        $response = ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw
        $response.SetHistory([NvidiaInference.Message[]]@([NvidiaInference.Message]::User('Weather in Paris and Zürich?')))
        Get-Lines $response.Conversation | Should -Be @(
            'Role      Content'
            '----      -------'
            'User      Weather in Paris and Zürich?'
            'Assistant -> get_current_weather({"location": "Paris, France", "format": "celsius"})'
            '          -> get_current_weather({"location": "Zürich, Switzerland", "format": "celsius"})'
        )
    }

    It 'shows a payload as its path and its exact body' {
        $payload = ConvertTo-NvPayload -Model m -Message 'hi' -MaxTokens 5
        Get-Lines $payload | Should -Be @("Path       : chat/completions", "Body       : $($payload.Body)")
    }

    It 'shows log probabilities as a table with the alternatives' {
        $logprobs = (ConvertFrom-Fixture 'chat-response-logprobs.json' -Raw).Logprobs
        $lines = Get-Lines $logprobs
        $lines[0] | Should -Match '^Token\s+Logprob\s+Alternatives$'
        $lines[2] | Should -Match "^'Yes'\s+-0\.0315 'Yes' -0\.03, 'No' -3\.46, 'YES' -7\.96$"
        $lines.Count | Should -Be ($logprobs.Count + 2)
    }

    It 'shows models as a table' {
        . (Join-Path $PSScriptRoot 'TestServer.ps1')
        $server = Start-NimTestServer
        try {
            $lines = Get-Lines (Get-NvModel -BaseUri "$($server.Uri)/ok")
        }
        finally {
            Stop-NimTestServer $server
        }
        $lines[0] | Should -Match '^Id\s+OwnedBy\s+Root\s+MaxModelLength$'
        $lines[2] | Should -Match '^meta/llama-3\.1-8b-instruct\s+system\s+meta/llama-3\.1-8b-instruct\s+131072$'
        $lines[3] | Should -Match '^meta/llama-3\.1-8b-instruct:my-lora\s+system\s+meta/llama-3\.1-8b-instruct$'
    }
}

Describe 'Format-List' {
    It 'still shows every property of a <Type>' -ForEach @(
        @{ Type = 'ChatCompletionResponse'; Make = { ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw } }
        @{ Type = 'CompletionResponse'; Make = { ConvertFrom-Fixture 'completion-response-text.json' -Raw } }
        @{ Type = 'ChatCompletionEvent'; Make = { ConvertFrom-Fixture 'chat-stream-openai-parallel-tool-calls.sse' | Select-Object -Last 1 } }
        @{ Type = 'CompletionStreamChunk'; Make = { ConvertFrom-Fixture 'completion-stream-text.sse' | Select-Object -Last 1 } }
        @{ Type = 'ToolCall'; Make = { (ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw).ToolCalls[0] } }
        @{ Type = 'NimPayload'; Make = { ConvertTo-NvPayload -Model m -Message 'hi' } }
        @{ Type = 'TokenLogprobs'; Make = { (ConvertFrom-Fixture 'chat-response-logprobs.json' -Raw).Logprobs[0] } }
        @{ Type = 'Message'; Make = { [NvidiaInference.Message]::User('hi') } }
    ) {
        $object = & $Make
        $object | Should -BeOfType "NvidiaInference.$Type"
        $text = $object | Format-List | Out-String -Width 250
        foreach ($property in $object.PSObject.Properties.Name) {
            $text | Should -Match "(?m)^$property\s*:" -Because "Format-List shows $Type.$property"
        }
    }

    It 'shows the values, not the view: a tool call''s arguments as JSON text' {
        $call = (ConvertFrom-Fixture 'chat-response-tool-calls.json' -Raw).ToolCalls[0]
        ($call | Format-List | Out-String -Width 250) | Should -Match '(?m)^ArgumentsJson\s*: \{"location": "Paris, France", "format": "celsius"\}$'
    }
}
