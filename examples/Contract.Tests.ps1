<#
Contract tests for a NIM deployment (or any OpenAI-compatible server): what your scripts rely on, proven after every
upgrade. Copy it, keep the assertions you need, add your own.

The endpoint comes from environment variables:
  NVIDIA_BASE_URL             the server, e.g. http://localhost:8000/v1 (default: the hosted API)
  NVIDIA_API_KEY              the key, when the server needs one
  NVIDIA_MODEL                the model to test (default: the first one the server lists)
  NVIDIA_EXTENSION_PLACEMENT  Nvext, TopLevel or OpenAI (default here: Auto, which probes the server once)

Run:  Invoke-Pester ./examples/Contract.Tests.ps1 -Output Detailed
#>
BeforeAll {
    $manifest = Join-Path $PSScriptRoot '../NvidiaInference.psd1'
    if (Test-Path -LiteralPath $manifest) { Import-Module $manifest -Force } else { Import-Module NvidiaInference }
    if (-not $env:NVIDIA_EXTENSION_PLACEMENT) { $env:NVIDIA_EXTENSION_PLACEMENT = 'Auto' }
    $model = if ($env:NVIDIA_MODEL) { $env:NVIDIA_MODEL } else { (Get-NvModel | Select-Object -First 1).Id }
    $weather = @{ tool_name = 'get_weather'; description = 'Gets the current weather for a city.'; parameters = @{ city = @{ param_type = 'str'; description = 'The city.' } } }
    $answer = @{ type = 'object'; properties = @{ answer = @{ type = 'string'; enum = @('yes', 'no') } }; required = @('answer'); additionalProperties = $false }
}

Describe 'The deployment' {
    It 'serves the model' {
        (Get-NvModel).Id | Should -Contain $model
    }

    It 'answers a chat completion' {
        $response = Invoke-NvChatCompletion -Model $model -Message 'Reply with the single word: pong' -MaxTokens 8 -Temperature 0
        $response.Content | Should -Not -BeNullOrEmpty
        $response.StopReason | Should -BeIn 'EndOfTurn', 'OutOfTokens'
    }

    It 'streams incrementally and ends cleanly' {
        $events = Invoke-NvChatCompletion -Model $model -Message 'Count from 1 to 5.' -MaxTokens 24 -Temperature 0 -Stream
        $events[0].EventType | Should -Be 'Start'
        ($events | Where-Object EventType -EQ 'Progress').Count | Should -BeGreaterOrEqual 2
        $events[-1].EventType | Should -Be 'Complete'
        $events[-1].StopReason | Should -Not -BeNullOrEmpty
    }

    It 'calls tools with arguments that parse, streamed or not' {
        $response = Invoke-NvChatCompletion -Model $model -Message 'What is the weather in Paris?' -Tool $weather -ToolChoice get_weather -MaxTokens 64
        $response.ToolCalls[0].ToolName | Should -Be 'get_weather'
        $response.ToolCalls[0].ParseStatus | Should -Be 'Succeeded'
        $events = Invoke-NvChatCompletion -Model $model -Message 'What is the weather in Paris?' -Tool $weather -ToolChoice get_weather -MaxTokens 64 -Stream
        $calls = $events | Where-Object { $_.Delta.Type -eq 'ToolCall' }
        $calls.Delta.ToolCall.ToolName | Should -Contain 'get_weather'
        $calls.Delta.ParseStatus | Should -Not -Contain 'Failed'
    }

    It 'follows a JSON schema' {
        $response = Invoke-NvChatCompletion -Model $model -Message 'Is water wet? Answer in JSON.' -JsonSchema $answer -MaxTokens 32 -Temperature 0
        $response.Json.answer | Should -BeIn 'yes', 'no'
    }

    It 'returns logprobs' {
        $response = Invoke-NvChatCompletion -Model $model -Message 'Say yes.' -Logprobs 2 -MaxTokens 4
        $response.Logprobs.Count | Should -BeGreaterThan 0
        $response.Logprobs[0].LogprobsByToken.Count | Should -BeGreaterThan 0
    }

    It 'records a stream that replays offline to the same events' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "contract-$([guid]::NewGuid()).sse"
        try {
            Invoke-NvChatCompletion -Model $model -Message 'Count from 1 to 3.' -MaxTokens 16 -Temperature 0 -Stream -RawOutput | Set-Content -LiteralPath $transcript
            $replayed = Get-Content -LiteralPath $transcript | ConvertFrom-NvChunk
            $replayed[-1].EventType | Should -Be 'Complete'
            -join ($replayed | Where-Object { $_.Delta.Type -eq 'Text' } | ForEach-Object { $_.Delta.Text }) | Should -Not -BeNullOrEmpty
        }
        finally {
            Remove-Item -LiteralPath $transcript -ErrorAction Ignore
        }
    }
}
