# ConvertFrom-NvChunk (alias ConvertFrom-NimChunk): every wire fixture replayed through the cmdlet and checked against its expected aggregate
# (docs/responses.md), the input forms it accepts, streaming as input arrives, and bad input.
BeforeDiscovery {
    $fixtureDirectory = Join-Path $PSScriptRoot '../fixtures/wire'
    $allStreams = foreach ($file in Get-ChildItem -LiteralPath $fixtureDirectory -Filter '*.sse' | Sort-Object Name) {
        $expected = Get-Content -Raw -LiteralPath "$($file.FullName).expected.json" | ConvertFrom-Json -AsHashtable
        $hasAggregate = $expected.ContainsKey('aggregate')
        @{
            Name         = $file.Name
            Path         = $file.FullName
            HasAggregate = $hasAggregate
            IsCompletion = $file.Name -like 'completion-stream-*'
            HasError     = $hasAggregate -and $null -ne $expected.aggregate.error
            FinishReason = if ($hasAggregate) { $expected.aggregate.choices[0].finishReason }
        }
    }
    $chatStreams = @($allStreams | Where-Object { $_.HasAggregate -and -not $_.IsCompletion })
    $finishedChatStreams = @($chatStreams | Where-Object { -not $_.HasError })
    $failedChatStreams = @($chatStreams | Where-Object { $_.HasError })
    $completionStreams = @($allStreams | Where-Object { $_.HasAggregate -and $_.IsCompletion })
    $chatResponses = @(Get-ChildItem -LiteralPath $fixtureDirectory -Filter 'chat-response-*.json' | Sort-Object Name | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
    $completionResponses = @(Get-ChildItem -LiteralPath $fixtureDirectory -Filter 'completion-response-*.json' | Sort-Object Name | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $commandId = 'NvidiaInference.Commands.ConvertFromNimChunkCommand'

    function New-ChatChunk {
        # One chat.completion.chunk as compact JSON.
        param([string] $Content, [string] $FinishReason, [string] $ToolCallsJson)
        $delta = if ($ToolCallsJson) { "{`"tool_calls`":$ToolCallsJson}" } elseif ($PSBoundParameters.ContainsKey('Content')) { @{ content = $Content } | ConvertTo-Json -Compress } else { '{}' }
        $finish = if ($FinishReason) { "`"$FinishReason`"" } else { 'null' }
        "{`"id`":`"chatcmpl-t`",`"object`":`"chat.completion.chunk`",`"model`":`"m`",`"choices`":[{`"index`":0,`"delta`":$delta,`"finish_reason`":$finish}]}"
    }

    function Get-TextOf {
        # The joined text of the Text deltas of a list of events.
        param([object[]] $Events)
        -join @($Events | Where-Object { $_.Delta.Type -eq 'Text' } | ForEach-Object { $_.Delta.Text })
    }
}

Describe 'ConvertFrom-NimChunk: the stream fixtures' {
    It 'finds the stream fixtures, each with an expected aggregate except the framing vector' {
        $files = @(Get-ChildItem -LiteralPath $FixturesPath -Filter '*.sse')
        $files.Count | Should -BeGreaterThan 15
        $withoutAggregate = foreach ($file in $files) {
            "$($file.FullName).expected.json" | Should -Exist
            if (-not (Get-Expected -StreamPath $file.FullName).ContainsKey('aggregate')) { $file.Name }
        }
        @($withoutAggregate) | Should -Be @('sse-framing-edge-cases.sse')
    }
}

Describe 'ConvertFrom-NimChunk on the finished chat stream <Name>' -ForEach $finishedChatStreams {
    BeforeAll {
        $aggregate = (Get-Expected -StreamPath $Path).aggregate
        $choice = $aggregate.choices[0]
        $events = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
    }

    It 'writes no error' {
        @($streamErrors) | Should -BeNullOrEmpty
    }

    It 'writes ChatCompletionEvents: one Start first, Progress events, one Complete last' {
        $events.Count | Should -BeGreaterThan 1
        $events | Should -BeOfType NvidiaInference.ChatCompletionEvent
        $events[0].EventType | Should -Be 'Start'
        $events[-1].EventType | Should -Be 'Complete'
        @($events | Where-Object EventType -eq 'Start').Count | Should -Be 1
        @($events | Where-Object EventType -eq 'Complete').Count | Should -Be 1
        @($events[1..($events.Count - 2)] | Where-Object EventType -ne 'Progress') | Should -BeNullOrEmpty
    }

    It 'joins the text deltas into the aggregate content' {
        Get-TextOf $events | Should -BeExactly $choice.content
        @($events | Where-Object { $_.Delta.Type -eq 'Text' -and $_.EventType -eq 'Progress' -and $_.Delta.Text -eq '' }) | Should -BeNullOrEmpty
    }

    It 'gives each tool call of the aggregate once, in order, with its parsed arguments' {
        $callEvents = @($events | Where-Object { $_.Delta.Type -eq 'ToolCall' })
        $expectedCalls = @($choice.toolCalls)
        $callEvents.Count | Should -Be $expectedCalls.Count
        for ($i = 0; $i -lt $expectedCalls.Count; $i++) {
            $call = $callEvents[$i].Delta.ToolCall
            $expectedCall = $expectedCalls[$i]
            $call | Should -BeOfType NvidiaInference.ToolCall
            $call.ToolName | Should -BeExactly $expectedCall.name
            $call.CallId | Should -BeExactly $expectedCall.id
            $call.ArgumentsJson | Should -BeExactly $expectedCall.arguments
            $callEvents[$i].Delta.Text | Should -BeExactly $expectedCall.arguments
            $status = if ($expectedCall.argumentsValidJson) { 'Succeeded' } else { 'Failed' }
            $callEvents[$i].Delta.ParseStatus | Should -Be $status
            $call.ParseStatus | Should -Be $status
            Get-PlainDifference $call.Arguments $expectedCall.argumentsParsed | Should -BeNullOrEmpty
        }
    }

    It 'ends with Complete whose StopReason maps finish_reason <FinishReason>' {
        $complete = $events[-1]
        $complete.EventType | Should -Be 'Complete'
        $complete.Delta.Type | Should -Be 'Text'
        $complete.Delta.Text | Should -BeExactly ''
        $complete.StopReason | Should -Not -BeNullOrEmpty
        $complete.StopReason -eq (ConvertTo-StopReason $FinishReason) | Should -BeTrue
        @($events | Select-Object -SkipLast 1 | Where-Object { $null -ne $_.StopReason }) | Should -BeNullOrEmpty
    }

    It 'reports the last usage seen on the Complete event' {
        $usage = $events[-1].Usage
        if ($null -eq $aggregate.usage) {
            $usage | Should -BeNullOrEmpty
        }
        else {
            $usage | Should -BeOfType NvidiaInference.Usage
            $usage.PromptTokens | Should -Be $aggregate.usage.prompt_tokens
            $usage.CompletionTokens | Should -Be $aggregate.usage.completion_tokens
            $usage.TotalTokens | Should -Be $aggregate.usage.total_tokens
        }
        @($events | Select-Object -SkipLast 1 | Where-Object { $null -ne $_.Usage }) | Should -BeNullOrEmpty
    }

    It 'carries the logprobs of every token, the end-of-sequence one on Complete' {
        $tokens = @($events | Where-Object { $null -ne $_.Logprobs } | ForEach-Object { $_.Logprobs } | ForEach-Object { $_.Token })
        if ($choice.ContainsKey('logprobTokens')) {
            $tokens | Should -Be @($choice.logprobTokens)
            # Text events carry their own token; the EOS step, which has no text, rides on Complete.
            foreach ($event in $events | Where-Object { $_.Delta.Type -eq 'Text' -and $_.EventType -eq 'Progress' }) {
                -join @($event.Logprobs.Token) | Should -BeExactly $event.Delta.Text
            }
            @($events[-1].Logprobs.Token) | Should -Be @($choice.logprobTokens[-1])
        }
        else {
            $tokens | Should -BeNullOrEmpty
        }
    }
}

Describe 'ConvertFrom-NimChunk on the chat stream <Name>, which fails with a server error' -ForEach $failedChatStreams {
    BeforeAll {
        $aggregate = (Get-Expected -StreamPath $Path).aggregate
        $choice = $aggregate.choices[0]
        $events = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
        $merged = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
    }

    It 'writes the events received before the error, with the aggregate text, and no Complete' {
        $events | Should -BeOfType NvidiaInference.ChatCompletionEvent
        $events[0].EventType | Should -Be 'Start'
        Get-TextOf $events | Should -BeExactly $choice.content
        @($events | Where-Object EventType -eq 'Complete') | Should -BeNullOrEmpty
    }

    It 'writes one NimStreamError, after all the events' {
        @($streamErrors).Count | Should -Be 1
        $streamErrors[0].FullyQualifiedErrorId | Should -BeExactly "NimStreamError,$commandId"
        $merged[-1] | Should -BeOfType System.Management.Automation.ErrorRecord
        @($merged | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $merged.Count | Should -Be ($events.Count + 1)
    }

    It 'carries the server error, what came before it, and a category from the error code' {
        $record = $streamErrors[0]
        $body = $aggregate.error.body
        $record.Exception | Should -BeOfType NvidiaInference.NimStreamErrorException
        $record.Exception.ServerError.Message | Should -BeExactly $body.message
        $record.Exception.ServerError.Code | Should -Be "$($body.code)"
        $record.Exception.PartialContent | Should -BeExactly $choice.content
        $record.Exception.Message | Should -Match ([regex]::Escape($body.message))
        $expectedCategory = if ($body.code -in 400, 422) { 'InvalidArgument' } else { 'ResourceUnavailable' }
        $record.CategoryInfo.Category | Should -Be $expectedCategory
        $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'ConvertFrom-NimChunk on the completion stream <Name>' -ForEach $completionStreams {
    BeforeAll {
        $aggregate = (Get-Expected -StreamPath $Path).aggregate
        $choice = $aggregate.choices[0]
        $chunks = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
    }

    It 'writes only NvidiaInference.CompletionStreamChunk objects and no error' {
        $chunks.Count | Should -BeGreaterThan 1
        $chunks | Should -BeOfType NvidiaInference.CompletionStreamChunk
        @($streamErrors) | Should -BeNullOrEmpty
    }

    It 'joins the deltas into the aggregate text' {
        $text = if ($choice.ContainsKey('content')) { $choice.content } else { $choice.text }
        -join @($chunks | ForEach-Object Delta) | Should -BeExactly $text
    }

    It 'sets the stop reason only on the chunk that finished (<FinishReason>)' {
        $finished = @($chunks | Where-Object { $null -ne $_.StopReason })
        $finished.Count | Should -Be 1
        $finished[0].StopReason -eq (ConvertTo-StopReason $FinishReason) | Should -BeTrue
    }

    It 'keeps the usage of the usage chunk' {
        $usages = @($chunks | Where-Object { $null -ne $_.Usage } | ForEach-Object Usage)
        if ($null -eq $aggregate.usage) {
            $usages | Should -BeNullOrEmpty
        }
        else {
            $usages[-1].PromptTokens | Should -Be $aggregate.usage.prompt_tokens
            $usages[-1].CompletionTokens | Should -Be $aggregate.usage.completion_tokens
            $usages[-1].TotalTokens | Should -Be $aggregate.usage.total_tokens
        }
    }

    It 'carries the logprobs of every token' {
        $entries = @($chunks | ForEach-Object { $_.Logprobs } | Where-Object { $null -ne $_ })
        if ($null -eq $choice.logprobs) {
            $entries | Should -BeNullOrEmpty
            return
        }
        @($entries.Token) | Should -Be @($choice.logprobs.tokens)
        for ($i = 0; $i -lt $entries.Count; $i++) {
            $entries[$i].Logprob | Should -Be $choice.logprobs.token_logprobs[$i]
            Get-PlainDifference $entries[$i].LogprobsByToken $choice.logprobs.top_logprobs[$i] | Should -BeNullOrEmpty
        }
    }
}

Describe 'ConvertFrom-NimChunk on the framing vector sse-framing-edge-cases.sse' {
    BeforeAll {
        $path = Get-Fixture 'sse-framing-edge-cases.sse'
        $expected = Get-Expected -StreamPath $path
        $output = @(Get-Content -LiteralPath $path | ConvertFrom-NimChunk -ErrorVariable framingErrors -ErrorAction SilentlyContinue)
    }

    It 'frames every event as the WHATWG parser does, and reports the data, which is not a chunk, as NimInvalidChunk' {
        # Data events that are neither empty nor [DONE], as the reference parser framed them, then the final event
        # that has no blank line after it (docs/responses.md, SSE framing keeps it). The unknown field 'foo: bar' is
        # reported too: a line that is neither SSE nor JSON is a mistake in a pipeline.
        $dataEvents = @($expected.sse.events | ForEach-Object { $_.data } | Where-Object { $_ -ne '' -and $_ -ne '[DONE]' })
        $finalEvent = (Get-Content -LiteralPath $path)[-1] -replace '^data: ', ''
        $expectedTargets = @($dataEvents[0..4]) + 'foo: bar' + @($dataEvents[5..($dataEvents.Count - 1)]) + $finalEvent
        # Nothing in the file is a chunk: no text and no tool call comes out.
        @($output | Where-Object { $_ -isnot [NvidiaInference.ChatCompletionEvent] -or $_.EventType -eq 'Progress' }) | Should -BeNullOrEmpty
        @($framingErrors | ForEach-Object FullyQualifiedErrorId | Select-Object -Unique) | Should -Be @("NimInvalidChunk,$commandId")
        @($framingErrors | ForEach-Object { $_.CategoryInfo.Category } | Select-Object -Unique) | Should -Be @('InvalidData')
        @($framingErrors | ForEach-Object TargetObject) | Should -BeExactly $expectedTargets
    }
}

Describe 'ConvertFrom-NimChunk on the same stream given as <Name> in other forms' -ForEach $allStreams {
    BeforeAll {
        $byLine = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
    }

    It 'gives the same events and errors for the whole file as one string (Get-Content -Raw)' {
        $whole = @(Get-Content -Raw -LiteralPath $Path | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        $byLine.Count | Should -BeGreaterThan 0
        Get-OutputSignature $whole | Should -BeExactly (Get-OutputSignature $byLine)
    }
}

Describe 'ConvertFrom-NimChunk on the data of the chat stream <Name> without SSE framing' -ForEach $chatStreams {
    BeforeAll {
        $expected = Get-Expected -StreamPath $Path
        $data = @($expected.sse.events | ForEach-Object { $_.data } | Where-Object { $_ -ne '' })
        $byLine = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
    }

    It 'gives the same events and errors for bare chunk JSON lines' {
        $bare = @($data | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        Get-OutputSignature $bare | Should -BeExactly (Get-OutputSignature $byLine)
    }

    It 'gives the same events and errors for the objects ConvertFrom-Json makes of each chunk' {
        $objects = $data | ForEach-Object { if ($_ -eq '[DONE]') { $_ } else { $_ | ConvertFrom-Json } }
        $fromObjects = @($objects | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        Get-OutputSignature $fromObjects | Should -BeExactly (Get-OutputSignature $byLine)
    }

    It 'gives the same events and errors for hashtables (ConvertFrom-Json -AsHashtable)' {
        $objects = $data | ForEach-Object { if ($_ -eq '[DONE]') { $_ } else { $_ | ConvertFrom-Json -AsHashtable } }
        $fromHashtables = @($objects | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        Get-OutputSignature $fromHashtables | Should -BeExactly (Get-OutputSignature $byLine)
    }
}

Describe 'ConvertFrom-NimChunk on the data of the completion stream <Name> without SSE framing' -ForEach $completionStreams {
    # A text_completion chunk and a whole text_completion have the same "object"; outside SSE the decoder reads every
    # bare chunk as a whole CompletionResponse: chunks whose finish_reason is null get StopReason EndOfTurn, and the
    # usage-only chunk (choices: []) is refused as "a response with no choices".
    BeforeAll {
        $expected = Get-Expected -StreamPath $Path
        $data = @($expected.sse.events | ForEach-Object { $_.data } | Where-Object { $_ -ne '' })
        $byLine = @(Get-Content -LiteralPath $Path | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
    }

    It 'gives the same CompletionStreamChunks for bare chunk JSON lines and for ConvertFrom-Json objects' {
        $bare = @($data | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        Get-OutputSignature $bare | Should -BeExactly (Get-OutputSignature $byLine)
        $objects = $data | ForEach-Object { if ($_ -eq '[DONE]') { $_ } else { $_ | ConvertFrom-Json } }
        Get-OutputSignature @($objects | ConvertFrom-NimChunk -ErrorAction Continue 2>&1) | Should -BeExactly (Get-OutputSignature $byLine)
    }
}

Describe 'ConvertFrom-NimChunk on the whole chat completion <Name>' -ForEach $chatResponses {
    BeforeAll {
        $document = Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json -AsHashtable
        $choice = $document.choices[0]
        $output = @(Get-Content -Raw -LiteralPath $Path | ConvertFrom-NimChunk -ErrorVariable responseErrors -ErrorAction SilentlyContinue)
        $response = $output[0]
    }

    It 'gives one NvidiaInference.ChatCompletionResponse and no error' {
        $output.Count | Should -Be 1
        $response | Should -BeOfType NvidiaInference.ChatCompletionResponse
        @($responseErrors) | Should -BeNullOrEmpty
    }

    It 'has the content, stop reason, model and id' {
        $content = if ($null -eq $choice.message.content) { '' } else { $choice.message.content }
        $response.Content | Should -BeExactly $content
        "$response" | Should -BeExactly $content
        $response.StopReason -eq (ConvertTo-StopReason $choice.finish_reason) | Should -BeTrue
        $response.Model | Should -BeExactly $document.model
        $response.Id | Should -BeExactly $document.id
    }

    It 'has the usage' {
        $response.Usage.PromptTokens | Should -Be $document.usage.prompt_tokens
        $response.Usage.CompletionTokens | Should -Be $document.usage.completion_tokens
        $response.Usage.TotalTokens | Should -Be $document.usage.total_tokens
    }

    It 'has every tool call, in order, with raw and parsed arguments' {
        $expectedCalls = @($choice.message.tool_calls | Where-Object { $null -ne $_ })
        @($response.ToolCalls).Count | Should -Be $expectedCalls.Count
        for ($i = 0; $i -lt $expectedCalls.Count; $i++) {
            $call = $response.ToolCalls[$i]
            $call.CallId | Should -BeExactly $expectedCalls[$i].id
            $call.ToolName | Should -BeExactly $expectedCalls[$i].function.name
            $call.ArgumentsJson | Should -BeExactly $expectedCalls[$i].function.arguments
            $call.ParseStatus | Should -Be 'Succeeded'
            Get-PlainDifference $call.Arguments ($expectedCalls[$i].function.arguments | ConvertFrom-Json -AsHashtable) | Should -BeNullOrEmpty
        }
    }

    It 'gives the same response for the object ConvertFrom-Json makes of it' {
        $fromObject = Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json | ConvertFrom-NimChunk
        $fromObject | Should -BeOfType NvidiaInference.ChatCompletionResponse
        $fromObject.Content | Should -BeExactly $response.Content
        $fromObject.StopReason | Should -Be $response.StopReason
        @($fromObject.ToolCalls.ArgumentsJson) | Should -BeExactly @($response.ToolCalls.ArgumentsJson)
        "$($fromObject.Usage)" | Should -BeExactly "$($response.Usage)"
    }
}

Describe 'ConvertFrom-NimChunk on whole chat completions: details' {
    It 'makes tool-call arguments usable as properties' {
        $response = Get-Content -Raw -LiteralPath (Get-Fixture 'chat-response-tool-calls.json') | ConvertFrom-NimChunk
        $response.StopReason -eq 'EndOfMessage' | Should -BeTrue
        $response.Content | Should -BeExactly ''
        $response.ToolCalls[0].Arguments.location | Should -BeExactly 'Paris, France'
        $response.ToolCalls[1].Arguments.location | Should -BeExactly 'Zürich, Switzerland'
        $response.ToolCalls[0].Arguments.format | Should -BeExactly 'celsius'
    }

    It 'reads the logprobs of every token, with the top alternatives' {
        $path = Get-Fixture 'chat-response-logprobs.json'
        $content = (Get-Content -Raw -LiteralPath $path | ConvertFrom-Json -AsHashtable).choices[0].logprobs.content
        $response = Get-Content -Raw -LiteralPath $path | ConvertFrom-NimChunk
        @($response.Logprobs.Token) | Should -BeExactly @($content.token)
        for ($i = 0; $i -lt $content.Count; $i++) {
            $response.Logprobs[$i].Logprob | Should -Be $content[$i].logprob
            # Case-sensitive: 'Yes' and 'YES' are different tokens.
            $expectedMap = [System.Collections.Generic.Dictionary[string, double]]::new([System.StringComparer]::Ordinal)
            foreach ($top in $content[$i].top_logprobs) { $expectedMap[$top.token] = $top.logprob }
            Get-PlainDifference $response.Logprobs[$i].LogprobsByToken $expectedMap | Should -BeNullOrEmpty
        }
    }

    It 'keeps a call whose arguments are not JSON, with its raw text, and treats empty arguments as {}' {
        $json = '{"object":"chat.completion","id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[' +
            '{"id":"a","type":"function","function":{"name":"f","arguments":"{\"a\":{\"b\":[1,2,{\"c\":true}]},\"n\":null}"}},' +
            '{"id":"b","type":"function","function":{"name":"g","arguments":"not json"}},' +
            '{"id":"c","type":"function","function":{"name":"h","arguments":""}}]},"finish_reason":"tool_calls"}]}'
        $response = $json | ConvertFrom-NimChunk -WarningAction SilentlyContinue
        @($response.ToolCalls.ToolName) | Should -Be @('f', 'g', 'h')
        $response.ToolCalls[0].Arguments.a.b[2].c | Should -BeTrue
        $response.ToolCalls[0].Arguments.Keys | Should -Contain 'n'
        $response.ToolCalls[1].ParseStatus | Should -Be 'Failed'
        $response.ToolCalls[1].ArgumentsJson | Should -BeExactly 'not json'
        $response.ToolCalls[1].Arguments | Should -BeNullOrEmpty
        $response.ToolCalls[2].ParseStatus | Should -Be 'Succeeded'
        $response.ToolCalls[2].Arguments.Count | Should -Be 0
    }

    It 'warns which call has arguments that are not JSON (docs/responses.md, Tool calls)' {
        $json = '{"object":"chat.completion","id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[' +
            '{"id":"call_ok","type":"function","function":{"name":"f","arguments":"{}"}},' +
            '{"id":"call_bad","type":"function","function":{"name":"g","arguments":"not json"}}]},"finish_reason":"tool_calls"}]}'
        $response = $json | ConvertFrom-NimChunk -WarningVariable warnings -WarningAction SilentlyContinue
        $response | Should -BeOfType NvidiaInference.ChatCompletionResponse
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'call_bad|\bg\b'
    }
}

Describe 'ConvertFrom-NimChunk on the whole text completion <Name>' -ForEach $completionResponses {
    BeforeAll {
        $document = Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json -AsHashtable
        $choice = $document.choices[0]
        $output = @(Get-Content -Raw -LiteralPath $Path | ConvertFrom-NimChunk -ErrorVariable responseErrors -ErrorAction SilentlyContinue)
        $response = $output[0]
    }

    It 'gives one NvidiaInference.CompletionResponse and no error' {
        $output.Count | Should -Be 1
        $response | Should -BeOfType NvidiaInference.CompletionResponse
        @($responseErrors) | Should -BeNullOrEmpty
    }

    It 'has the text, stop reason, usage, model and id' {
        $response.Content | Should -BeExactly $choice.text
        $response.StopReason -eq (ConvertTo-StopReason $choice.finish_reason) | Should -BeTrue
        $response.Usage.PromptTokens | Should -Be $document.usage.prompt_tokens
        $response.Usage.CompletionTokens | Should -Be $document.usage.completion_tokens
        $response.Usage.TotalTokens | Should -Be $document.usage.total_tokens
        $response.Model | Should -BeExactly $document.model
        $response.Id | Should -BeExactly $document.id
    }

    It 'has the logprobs tokens, when asked for' {
        if ($null -eq $choice.logprobs) {
            $response.Logprobs | Should -BeNullOrEmpty
        }
        else {
            @($response.Logprobs.Token) | Should -BeExactly @($choice.logprobs.tokens)
            for ($i = 0; $i -lt $choice.logprobs.tokens.Count; $i++) {
                if ($null -ne $choice.logprobs.top_logprobs[$i]) {
                    Get-PlainDifference $response.Logprobs[$i].LogprobsByToken $choice.logprobs.top_logprobs[$i] | Should -BeNullOrEmpty
                }
            }
        }
    }
}

Describe 'ConvertFrom-NimChunk streams' {
    BeforeAll {
        $first = New-ChatChunk -Content 'Hel'
        $second = New-ChatChunk -Content 'lo'
        $finish = New-ChatChunk -FinishReason 'stop'
    }

    It 'writes Start and Progress from Process, as the input arrives, not at the end' {
        $pipeline = { ConvertFrom-NimChunk }.GetSteppablePipeline()
        $pipeline.Begin($true)
        try {
            @($pipeline.Process("data: $first")) | Should -BeNullOrEmpty -Because 'an SSE event is dispatched by the blank line after it'
            $afterFirst = @($pipeline.Process(''))
            @($afterFirst.EventType) | Should -Be @('Start', 'Progress')
            $afterFirst[1].Delta.Text | Should -BeExactly 'Hel'

            @($pipeline.Process("data: $second")) | Should -BeNullOrEmpty
            $afterSecond = @($pipeline.Process(''))
            @($afterSecond.EventType) | Should -Be @('Progress')
            $afterSecond[0].Delta.Text | Should -BeExactly 'lo'

            $null = $pipeline.Process("data: $finish")
            $null = $pipeline.Process('')
            $null = $pipeline.Process('data: [DONE]')
            $atDone = @($pipeline.Process(''))
            @($atDone.EventType) | Should -Be @('Complete')
            $atDone[0].StopReason -eq 'EndOfTurn' | Should -BeTrue

            @($pipeline.End()) | Should -BeNullOrEmpty
        }
        finally {
            $pipeline.Dispose()
        }
    }

    It 'writes each event downstream before the next input is produced' {
        $state = @{ Phase = 'first chunk sent' }
        $seen = & {
            "data: $first"
            ''
            $state.Phase = 'second chunk sent'
            "data: $second"
            ''
            $state.Phase = 'finished'
            "data: $finish"
            ''
            'data: [DONE]'
            ''
        } | ConvertFrom-NimChunk | ForEach-Object { "$($_.EventType)|$($_.Delta.Text)|$($state.Phase)" }
        @($seen) | Should -Be @('Start||first chunk sent', 'Progress|Hel|first chunk sent', 'Progress|lo|second chunk sent', 'Complete||finished')
    }

    It 'reads concatenated transcripts as consecutive streams' {
        $events = @(@(Get-Content -LiteralPath (Get-Fixture 'chat-stream-text.sse')) + @(Get-Content -LiteralPath (Get-Fixture 'chat-stream-nim-complete-tool-call.sse')) |
                ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
        @($streamErrors) | Should -BeNullOrEmpty
        @($events | Where-Object EventType -eq 'Start').Count | Should -Be 2
        $complete = @($events | Where-Object EventType -eq 'Complete')
        $complete.Count | Should -Be 2
        $complete[0].StopReason -eq 'EndOfTurn' | Should -BeTrue
        $complete[1].StopReason -eq 'EndOfMessage' | Should -BeTrue
        $events[0..8].EventType[-1] | Should -Be 'Complete'
        Get-TextOf $events[0..8] | Should -BeExactly 'The capital of France is Paris.'
    }

    It 'with -ToolCallProgress, writes Started and InProgress fragments of each call before its Succeeded event (<_>)' -ForEach @(
        'chat-stream-openai-parallel-tool-calls.sse'
        'chat-stream-quirk-repeated-tool-name.sse'
        'chat-stream-quirk-cumulative-arguments.sse'
    ) {
        $path = Get-Fixture $_
        $expectedCalls = (Get-Expected -StreamPath $path).aggregate.choices[0].toolCalls
        $events = @(Get-Content -LiteralPath $path | ConvertFrom-NimChunk -ToolCallProgress)
        $callEvents = @($events | Where-Object { $_.Delta.Type -eq 'ToolCall' })
        foreach ($expectedCall in $expectedCalls) {
            $mine = @($callEvents | Where-Object { $_.Delta.ToolCall.CallId -eq $expectedCall.id })
            $statuses = @($mine | ForEach-Object { "$($_.Delta.ParseStatus)" })
            $statuses.Count | Should -BeGreaterThan 2
            $statuses[0] | Should -Be 'Started'
            $statuses[-1] | Should -Be 'Succeeded'
            @($statuses | Where-Object { $_ -eq 'Started' }).Count | Should -Be 1
            @($statuses | Where-Object { $_ -eq 'Succeeded' }).Count | Should -Be 1
            @($statuses[1..($statuses.Count - 2)] | Where-Object { $_ -ne 'InProgress' }) | Should -BeNullOrEmpty
            @($mine | ForEach-Object { $_.Delta.ToolCall.ToolName } | Select-Object -Unique) | Should -Be @($expectedCall.name)
            $mine[-1].Delta.ToolCall.ArgumentsJson | Should -BeExactly $expectedCall.arguments
            # Each fragment event's call carries that fragment only (copying all the text so far would cost the square
            # of the call's length) ...
            @($mine | Select-Object -SkipLast 1 | ForEach-Object { $_.Delta.ToolCall.ArgumentsJson -ceq $_.Delta.Text }) | Should -Not -Contain $false
            # ... and the fragments, put together, are the call's argument text.
            -join @($mine | Select-Object -SkipLast 1 | ForEach-Object { $_.Delta.Text }) | Should -BeExactly $expectedCall.arguments
        }
        # Every Started/InProgress event comes before the first Succeeded one, which comes before Complete.
        $firstSucceeded = [array]::FindIndex([object[]]$events, [Predicate[object]] { param($e) "$($e.Delta.ParseStatus)" -eq 'Succeeded' })
        $lastFragment = [array]::FindLastIndex([object[]]$events, [Predicate[object]] { param($e) "$($e.Delta.ParseStatus)" -in 'Started', 'InProgress' })
        $lastFragment | Should -BeLessThan $firstSucceeded
        $events[-1].EventType | Should -Be 'Complete'
    }

    It 'without -ToolCallProgress, writes only the finished calls' {
        $events = @(Get-Content -LiteralPath (Get-Fixture 'chat-stream-openai-parallel-tool-calls.sse') | ConvertFrom-NimChunk)
        @($events | Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { "$($_.Delta.ParseStatus)" }) | Should -Be @('Succeeded', 'Succeeded')
        $calls = @($events | Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { $_.Delta.ToolCall })
        $calls[0].Arguments.city | Should -BeExactly 'Paris'
        $calls[0].Arguments.unit | Should -BeExactly 'celsius'
        $calls[1].Arguments.city | Should -BeExactly 'Zürich'
        $calls[1].Arguments.country | Should -BeExactly 'CH'
    }

    It 'gives a Failed tool-call event with the raw text when streamed arguments do not parse' {
        $fragment = '[{"index":0,"id":"call_x","type":"function","function":{"name":"f","arguments":"{\"a\": "}}]'
        $events = @("data: $(New-ChatChunk -ToolCallsJson $fragment)", '', "data: $(New-ChatChunk -FinishReason 'tool_calls')", '', 'data: [DONE]', '' |
                ConvertFrom-NimChunk -WarningAction SilentlyContinue)
        $call = @($events | Where-Object { $_.Delta.Type -eq 'ToolCall' })
        $call.Count | Should -Be 1
        $call[0].Delta.ParseStatus | Should -Be 'Failed'
        $call[0].Delta.Text | Should -BeExactly '{"a": '
        $call[0].Delta.ToolCall.ArgumentsJson | Should -BeExactly '{"a": '
        $call[0].Delta.ToolCall.Arguments | Should -BeNullOrEmpty
        $events[-1].StopReason -eq 'EndOfMessage' | Should -BeTrue
    }
}

Describe 'ConvertFrom-NimChunk on bad input' {
    BeforeAll {
        $hello = New-ChatChunk -Content 'Hello'
        $finish = New-ChatChunk -FinishReason 'stop'
        $validTail = @("data: $hello", '', "data: $finish", '', 'data: [DONE]', '')
    }

    It 'reports data that is not JSON as NimInvalidChunk, with the data as target, and goes on' {
        $merged = @(@('data: {not json', '') + $validTail | ConvertFrom-NimChunk -ErrorVariable chunkErrors -ErrorAction SilentlyContinue)
        @($chunkErrors).Count | Should -Be 1
        $chunkErrors[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidChunk,$commandId"
        $chunkErrors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $chunkErrors[0].TargetObject | Should -BeExactly '{not json'
        $chunkErrors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @($merged.EventType) | Should -Be @('Start', 'Progress', 'Complete')
        $merged[1].Delta.Text | Should -BeExactly 'Hello'
    }

    It 'writes the error where the bad data came, before the later events' {
        $merged = @(@('data: {not json', '') + $validTail | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        $merged[0] | Should -BeOfType System.Management.Automation.ErrorRecord
        @($merged[1..($merged.Count - 1)].EventType) | Should -Be @('Start', 'Progress', 'Complete')
    }

    It 'reports a line that is neither SSE nor JSON (<_>) as NimInvalidChunk instead of ignoring it' -ForEach 'hello world', 'Hello! How can I help?' {
        $line = $_
        $events = @(@($line) + $validTail | ConvertFrom-NimChunk -ErrorVariable chunkErrors -ErrorAction SilentlyContinue)
        @($chunkErrors).Count | Should -Be 1
        $chunkErrors[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidChunk,$commandId"
        $chunkErrors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $chunkErrors[0].TargetObject | Should -BeExactly $line
        @($events.EventType) | Should -Be @('Start', 'Progress', 'Complete')
        Get-TextOf $events | Should -BeExactly 'Hello'
    }

    It 'reports JSON that is not a chunk or a response as NimInvalidChunk' {
        $output = @('{"n": 1}', '[1, 2]' | ConvertFrom-NimChunk -ErrorVariable chunkErrors -ErrorAction SilentlyContinue)
        $output | Should -BeNullOrEmpty
        @($chunkErrors.FullyQualifiedErrorId) | Should -Be @("NimInvalidChunk,$commandId", "NimInvalidChunk,$commandId")
        @($chunkErrors.TargetObject) | Should -Be @('{"n": 1}', '[1, 2]')
    }

    It 'reports an input of an unsupported type as NimUnsupportedInput, and goes on' {
        $date = [datetime]'2026-01-02T03:04:05'
        $events = @(@($date) + $validTail | ConvertFrom-NimChunk -ErrorVariable inputErrors -ErrorAction SilentlyContinue)
        @($inputErrors).Count | Should -Be 1
        $inputErrors[0].FullyQualifiedErrorId | Should -BeExactly "NimUnsupportedInput,$commandId"
        $inputErrors[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $inputErrors[0].TargetObject | Should -Be $date
        @($events.EventType) | Should -Be @('Start', 'Progress', 'Complete')
    }

    It 'reports a stream cut before any finish_reason and [DONE] as NimStreamTruncated, after its events' {
        $merged = @("data: $hello", '', "data: $(New-ChatChunk -Content ' wor')", '' | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        @($merged[0..2].EventType) | Should -Be @('Start', 'Progress', 'Progress')
        $merged.Count | Should -Be 4
        $record = $merged[3]
        $record | Should -BeOfType System.Management.Automation.ErrorRecord
        $record.FullyQualifiedErrorId | Should -BeExactly "NimStreamTruncated,$commandId"
        $record.CategoryInfo.Category | Should -Be 'ProtocolError'
        $record.Exception.PartialContent | Should -BeExactly 'Hello wor'
    }

    It 'gives Start and Complete for an empty stream, one that is only [DONE] (docs/responses.md, Streams)' {
        $events = @('data: [DONE]', '' | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
        @($streamErrors) | Should -BeNullOrEmpty
        @($events.EventType) | Should -Be @('Start', 'Complete')
        $events[-1].StopReason | Should -BeNullOrEmpty -Because 'no finish reason arrived, and none is invented'
        $events[-1].Response.StopReason | Should -BeNullOrEmpty
    }

    It 'completes a stream that reaches [DONE] without any finish reason with StopReason null, keeping its text' {
        $events = @("data: $(New-ChatChunk -Content 'Hi')", '', 'data: [DONE]', '' | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
        @($streamErrors) | Should -BeNullOrEmpty
        @($events.EventType) | Should -Be @('Start', 'Progress', 'Complete')
        $events[-1].StopReason | Should -BeNullOrEmpty
        $events[-1].Response.Content | Should -BeExactly 'Hi'
    }

    It 'ends the stream at an error event whose data is not a JSON object (<_>), carrying the text so far' -ForEach 'upstream worker disconnected', '"upstream worker disconnected"' {
        $merged = @("data: $(New-ChatChunk -Content 'Working')", '', 'event: error', "data: $_", '' | ConvertFrom-NimChunk -ErrorAction Continue 2>&1)
        @($merged | Where-Object { $_ -is [NvidiaInference.ChatCompletionEvent] } | ForEach-Object EventType) | Should -Be @('Start', 'Progress')
        $records = @($merged | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($records.FullyQualifiedErrorId) | Should -Be @("NimStreamError,$commandId") -Because 'the error event ends the stream, so it is not reported truncated too'
        $records[0].Exception.PartialContent | Should -BeExactly 'Working'
        $records[0].Exception.ServerError.Message | Should -Match 'upstream worker disconnected'
        $merged[-1] | Should -Be $records[0]
    }

    It 'does not report a stream that ended with a finish_reason but no [DONE] as truncated' {
        $events = @("data: $hello", '', "data: $finish", '' | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue)
        @($streamErrors) | Should -BeNullOrEmpty
        @($events.EventType) | Should -Be @('Start', 'Progress', 'Complete')
    }

    It 'gives the NimStreamError the error data as its target, as NimInvalidChunk does' {
        # Today the target is the input item that dispatched the event: the blank line '' after it (or, with
        # Get-Content -Raw, the whole transcript).
        $path = Get-Fixture 'chat-stream-error-midstream.sse'
        $errorData = (Get-Expected -StreamPath $path).sse.events | ForEach-Object { $_.data } | Where-Object { $_ -like '{"error"*' }
        $null = Get-Content -LiteralPath $path | ConvertFrom-NimChunk -ErrorVariable streamErrors -ErrorAction SilentlyContinue
        $streamErrors[0].FullyQualifiedErrorId | Should -BeExactly "NimStreamError,$commandId"
        $streamErrors[0].TargetObject | Should -BeExactly $errorData
    }

    It 'reads an array given to -InputObject as its items, like the same array piped' {
        $lines = @("data: $hello", '', "data: $finish", '', 'data: [DONE]', '')
        $events = @(ConvertFrom-NimChunk -InputObject $lines -ErrorVariable inputErrors -ErrorAction SilentlyContinue)
        @($inputErrors.FullyQualifiedErrorId) | Should -BeNullOrEmpty
        @($events.EventType) | Should -Be @('Start', 'Progress', 'Complete')
        # The positional form reads the same way.
        @(ConvertFrom-NimChunk $lines -ErrorAction SilentlyContinue).Count | Should -Be 3
    }
}
