# Show-NvStream: what it shows (read from the information stream, where Write-Host writes) and what it writes on.
# How it looks in a real terminal, colours included, is in Terminal.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $thought = 'The user asks whether 17 is prime. It has no divisor between 2 and 4, so it is.'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL -ErrorAction Ignore
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Show-NvStream' {
    It 'shows the thinking, then the answer as one text, then a closing line; writes the response once' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?' -Stream |
            Show-NvStream -InformationVariable shown
        @($response).Count | Should -Be 1
        $response | Should -BeOfType NvidiaInference.ChatCompletionResponse
        $response.Reasoning | Should -BeExactly $thought
        $lines = (Get-Shown $shown) -split "`n"
        $lines[0] | Should -BeExactly $thought
        $lines[1] | Should -BeExactly 'Yes, 17 is prime.'
        $lines[2] | Should -Match '^\[EndOfTurn \| 12 prompt \+ 30 completion = 42 tokens \| first token after \d+\.\d\d s\]$'
        $lines.Count | Should -Be 4
        $lines[3] | Should -BeExactly ''
    }

    It 'leaves the thinking out with -HideReasoning' {
        Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tags" -Model m -Message 'Is 17 prime?' -Stream | Show-NvStream -HideReasoning -InformationVariable shown | Out-Null
        (Get-Shown $shown) | Should -BeLike "Yes, 17 is prime.`n``[EndOfTurn*"
    }

    It 'writes every event on with -PassThru' {
        $events = @(Invoke-NvChatCompletion -BaseUri "$uri/reasoning~field" -Model m -Message 'Is 17 prime?' -Stream | Show-NvStream -PassThru -InformationVariable shown)
        $events | ForEach-Object { $_ | Should -BeOfType NvidiaInference.ChatCompletionEvent }
        $events[0].EventType | Should -Be 'Start'
        $events[-1].EventType | Should -Be 'Complete'
        (Get-Shown $shown) | Should -Match '21 reasoning'
    }

    It 'shows each tool call on a line of its own as it completes' {
        $events = Get-Content (Join-Path $PSScriptRoot '../../examples/tool-calls-stream.sse') | ConvertFrom-NvChunk
        $response = $events | Show-NvStream -InformationVariable shown
        $calls = @((Get-Shown $shown) -split "`n" | Where-Object { $_ -like '-> *' })
        $calls.Count | Should -Be $response.ToolCalls.Count
        $calls | Should -Be @($response.ToolCalls | ForEach-Object { "-> $_" })
    }

    It 'shows a text completion stream and writes its whole answer' {
        $response = Invoke-NvCompletion -BaseUri "$uri/ok" -Model m -Prompt 'The capital of France is' -Stream | Show-NvStream -InformationVariable shown
        $response | Should -BeOfType NvidiaInference.CompletionResponse
        $expected = -join (Invoke-NvCompletion -BaseUri "$uri/ok" -Model m -Prompt 'The capital of France is' -Stream).Delta
        $response.Content | Should -BeExactly $expected
        (Get-Shown $shown) | Should -BeLike "$([WildcardPattern]::Escape($expected))*[[]*"
    }

    It 'shows a whole response too' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/reasoning~content" -Model m -Message 'Is 17 prime?' | Show-NvStream -InformationVariable shown
        $response.Content | Should -BeExactly 'Yes, 17 is prime.'
        ((Get-Shown $shown) -split "`n")[0..1] | Should -Be @($thought, 'Yes, 17 is prime.')
    }

    It 'shows each stream of a tool loop in turn' {
        $tool = @{ name = 'get_weather'; parameters = @{ type = 'object'; properties = @{ city = @{ type = 'string' } } } }
        $responses = @(Invoke-NvChatCompletion -BaseUri "$uri/reasoning~tools" -Model m -Message 'Weather in Oslo?' -Tool $tool -ToolHandler @{ get_weather = { param($city) 'Snow' } } -Stream |
            Show-NvStream -InformationVariable shown)
        $responses.Count | Should -Be 2
        $lines = (Get-Shown $shown) -split "`n"
        $lines | Should -Contain '-> get_weather({"city":"Oslo"})'
        $lines | Should -Contain 'It snows in Oslo.'
        @($lines | Where-Object { $_ -like '`[*' }).Count | Should -Be 2
    }

    It 'refuses what is not a stream, per item, and goes on' {
        $results = @('not an event', (Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi)) | Show-NvStream -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly 'NimUnsupportedInput,NvidiaInference.Commands.ShowNvStreamCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $failed[0].TargetObject | Should -BeExactly 'not an event'
        @($results).Count | Should -Be 1
    }
}
