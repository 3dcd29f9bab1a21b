# Invoke-NvChatCompletion, Invoke-NvCompletion and Get-NvModel against the loopback test server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $fixtures = Join-Path $PSScriptRoot '../fixtures/wire'
    $canary = 'nvapi-CANARY-7f3e9a1b2c4d-do-not-print'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Invoke-NvChatCompletion' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'returns one ChatCompletionResponse for a plain call' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model meta/llama-3.1-8b-instruct -Message 'hi'
        $response | Should -BeOfType NvidiaInference.ChatCompletionResponse
        $response.Content | Should -Match 'GPU computing'
        $response.StopReason | Should -Be 'EndOfTurn'
        $response.Usage.TotalTokens | Should -Be 56
        "$response" | Should -Be $response.Content
    }

    It 'sends exactly the body ConvertTo-NimPayload builds, to /v1/chat/completions' {
        $arguments = @{ Model = 'm'; Message = 'hi'; Temperature = 0.3; TopK = 5; MaxTokens = 9; Stop = 'END' }
        Invoke-NvChatCompletion -BaseUri "$uri/ok" @arguments | Out-Null
        $sent = @(Get-NimTestRequest $server)
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'POST'
        $sent[0].path | Should -Be '/ok/v1/chat/completions'
        $sent[0].body | Should -BeExactly (ConvertTo-NimPayload @arguments).Body
        $sent[0].headers.'Content-Type' | Should -Match '^application/json'
        $sent[0].headers.'User-Agent' | Should -Match '^NvidiaInference/\d+\.\d+\.\d+'
    }

    It 'appends /v1 to a base URI without it, and reads NVIDIA_BASE_URL when -BaseUri is not given' {
        try {
            $env:NVIDIA_BASE_URL = "$uri/ok"
            Invoke-NvChatCompletion -Model m -Message 'hi' | Should -Not -BeNullOrEmpty
        }
        finally { Remove-Item Env:NVIDIA_BASE_URL }
        (Get-NimTestRequest $server).path | Should -Be '/ok/v1/chat/completions'
    }

    It 'treats piped strings as independent requests, one result each, in order' {
        $results = 'one', 'two', 'three' | Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m
        $results.Count | Should -Be 3
        $bodies = (Get-NimTestRequest $server).body | ForEach-Object { ($_ | ConvertFrom-Json).messages[0].content }
        $bodies | Should -Be @('one', 'two', 'three')
    }

    It 'takes a Llama Stack request document with -Request' {
        $document = @{ model = 'm'; messages = @(@{ role = 'user'; content = 'hi' }); sampling_params = @{ strategy = @{ type = 'top_k'; top_k = 3 } } }
        Invoke-NvChatCompletion -BaseUri "$uri/ok" -Request $document | Should -BeOfType NvidiaInference.ChatCompletionResponse
        ((Get-NimTestRequest $server).body | ConvertFrom-Json).nvext.top_k | Should -Be 3
    }

    It 'continues a conversation from an earlier response, its tool calls and a tool result' {
        $first = Invoke-NvChatCompletion -BaseUri "$uri/json~chat-response-tool-calls.json" -Model m -Message 'Weather in Paris?'
        $call = $first.ToolCalls[0]
        $result = @{ role = 'tool'; call_id = $call.CallId; content = '{"temperature": 21}' }
        Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'Weather in Paris?', $first, $result | Out-Null
        $messages = ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages
        $messages.role | Should -Be @('user', 'assistant', 'tool')
        $messages[1].tool_calls[0].id | Should -Be $call.CallId
        $messages[1].tool_calls[0].function.name | Should -Be $call.ToolName
        $messages[1].tool_calls[0].function.arguments | Should -BeExactly $call.ArgumentsJson
        $messages[2].tool_call_id | Should -Be $call.CallId
    }

    It 'streams events that convert like the transcript, with Accept: text/event-stream' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-openai-parallel-tool-calls.sse" -Model m -Message 'hi' -Stream
        $events[0].EventType | Should -Be 'Start'
        $events[-1].EventType | Should -Be 'Complete'
        $events[-1].StopReason | Should -Be 'EndOfMessage'
        $events[-1].Usage.TotalTokens | Should -Be 173
        $calls = $events | Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { $_.Delta.ToolCall }
        $calls.ToolName | Should -Be @('get_weather', 'get_local_time')
        $calls[1].Arguments.city | Should -Be 'Zürich'
        (Get-NimTestRequest $server).headers.Accept | Should -Be 'text/event-stream'
    }

    It 'writes the first event before the server sends the rest of the stream' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $script:openedAt = $null
        $events = Invoke-NvChatCompletion -BaseUri "$uri/gate~first-event~2~chat-stream-text.sse" -Model m -Message 'hi' -Stream |
            ForEach-Object {
                if ($null -eq $script:openedAt) {
                    # The server holds the rest of the stream until this gate opens (or 20 s pass).
                    $script:openedAt = $clock.Elapsed
                    Invoke-RestMethod "$uri/_open/first-event" | Out-Null
                }
                $_
            }
        $clock.Stop()
        $events.Count | Should -Be 9
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'a buffering cmdlet would wait for the 20 s gate'
    }

    It 'keeps streaming when the server drips one byte at a time' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/drip~chat-stream-text.sse" -Model m -Message 'hi' -Stream
        -join ($events | ForEach-Object { $_.Delta.Text }) | Should -Be 'The capital of France is Paris.'
    }
}

Describe 'Errors from the server' {
    It 'maps HTTP <Status> with <Body> to <ErrorId> carrying the server message' -ForEach @(
        @{ Status = 400; Body = 'error-400-vllm-current.json'; ErrorId = 'NimBadRequest'; Category = 'InvalidArgument' }
        @{ Status = 400; Body = 'error-400-nim1-legacy.json'; ErrorId = 'NimBadRequest'; Category = 'InvalidArgument' }
        @{ Status = 404; Body = 'error-404-nim1-model.json'; ErrorId = 'NimNotFound'; Category = 'ObjectNotFound' }
        @{ Status = 404; Body = 'error-404-hosted.json'; ErrorId = 'NimNotFound'; Category = 'ObjectNotFound' }
        @{ Status = 422; Body = 'error-422-fastapi-validation.json'; ErrorId = 'NimBadRequest'; Category = 'InvalidArgument' }
        @{ Status = 422; Body = 'error-422-hosted-extra-forbidden.json'; ErrorId = 'NimBadRequest'; Category = 'InvalidArgument' }
        @{ Status = 429; Body = 'error-429-hosted.json'; ErrorId = 'NimRateLimited'; Category = 'LimitsExceeded' }
        @{ Status = 500; Body = 'error-500-hosted-problem-details.json'; ErrorId = 'NimServerError'; Category = 'ResourceUnavailable' }
        @{ Status = 500; Body = 'error-500-vllm-current.json'; ErrorId = 'NimServerError'; Category = 'ResourceUnavailable' }
    ) {
        $expected = (Get-Content -Raw (Join-Path $fixtures $Body) | ConvertFrom-Json -AsHashtable)
        $message = if ($expected.error -is [string]) { $expected.error } elseif ($expected.error) { $expected.error.message } elseif ($expected.detail -is [string]) { $expected.detail } elseif ($expected.detail) { $expected.detail[0].msg } elseif ($expected.message) { $expected.message } else { $expected.title }
        Invoke-NvChatCompletion -BaseUri "$uri/status~$Status~$Body" -Model m -Message 'hi' -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,NvidiaInference.Commands.InvokeNvChatCompletionCommand"
        $failures[0].CategoryInfo.Category | Should -Be $Category
        $failures[0].Exception.StatusCode.value__ | Should -Be $Status
        $failures[0].Exception.Message.Contains($message.Substring(0, [Math]::Min(40, $message.Length))) | Should -BeTrue -Because "the message should carry '$message'"
        $failures[0].TargetObject | Should -BeOfType NvidiaInference.NimPayload
        $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'stops the pipeline on 401 and 403, which would fail for every input' -ForEach @(
        @{ Status = 401; Body = 'error-401-hosted.json'; ErrorId = 'NimUnauthorized' }
        @{ Status = 403; Body = 'error-403-hosted.json'; ErrorId = 'NimForbidden' }
    ) {
        { 'a', 'b' | Invoke-NvChatCompletion -BaseUri "$uri/status~$Status~$Body" -Model m } |
            Should -Throw -ErrorId "$ErrorId,NvidiaInference.Commands.InvokeNvChatCompletionCommand"
    }

    It 'reads an empty body and an HTML body from a proxy' {
        Invoke-NvChatCompletion -BaseUri "$uri/status~504~empty" -Model m -Message 'hi' -MaxRetryCount 0 -ErrorVariable empty -ErrorAction SilentlyContinue
        $empty[0].Exception.Message | Should -Match 'HTTP 504'
        Invoke-NvChatCompletion -BaseUri "$uri/html~502" -Model m -Message 'hi' -MaxRetryCount 0 -ErrorVariable html -ErrorAction SilentlyContinue
        $html[0].Exception.Message | Should -Match '502 Bad Gateway'
    }

    It 'retries 429 and 503, honouring <Header>, then succeeds' -ForEach @(
        @{ Header = 'rams300'; MinimumSeconds = 0.6 }
        @{ Header = 'ra1'; MinimumSeconds = 1.9 }
        @{ Header = 'radate2'; MinimumSeconds = 1.0 }
    ) {
        $scenario = "flaky~2~429~error-429-hosted.json~$Header~$(New-Guid)"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $response = Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message 'hi' -MaxRetryCount 2
        $clock.Stop()
        $response | Should -BeOfType NvidiaInference.ChatCompletionResponse
        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan $MinimumSeconds
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -Be 3
    }

    It 'gives up after -MaxRetryCount with the last error' {
        $scenario = "status~503~empty~rams10~$(New-Guid)"
        Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message 'hi' -MaxRetryCount 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimServerError,*'
        $failures[0].Exception.Attempts | Should -Be 3
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -Be 3
    }

    It 'keeps the events written before a connection dropped mid-stream, then says how far it got' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/drop~3~chat-stream-text.sse" -Model m -Message 'hi' -Stream -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        -join ($events | ForEach-Object { $_.Delta.Text }) | Should -Be 'The capital'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimStreamInterrupted,*'
        $failures[0].Exception.PartialContent | Should -Be 'The capital'
        $failures[0].Exception.EventsReceived | Should -Be 3
    }

    It 'ends a stalled stream at the idle timeout, keeping what arrived' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/stall~3~chat-stream-text.sse~5000" -Model m -Message 'hi' -Stream -IdleTimeoutSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $events.Count | Should -Be 3
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimIdleTimeout,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'ends a stream that never ends at the total timeout' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Invoke-NvChatCompletion -BaseUri "$uri/never" -Model m -Message 'hi' -Stream -TimeoutSec 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 6
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimTimeout,*'
    }

    It 'reports an error inside a stream after the events before it' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-error-midstream.sse" -Model m -Message 'hi' -Stream -ErrorVariable failures -ErrorAction SilentlyContinue
        -join ($events | ForEach-Object { $_.Delta.Text }) | Should -Be 'Once upon'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimStreamError,*'
        $failures[0].Exception.Message | Should -Match 'EngineCore'
    }

    It 'stops the pipeline when the server cannot be reached' {
        { Invoke-NvChatCompletion -BaseUri 'http://127.0.0.1:1' -Model m -Message 'hi' -MaxRetryCount 0 } |
            Should -Throw -ErrorId 'NimConnectionFailed,NvidiaInference.Commands.InvokeNvChatCompletionCommand'
    }

    It 'stops at once on Ctrl+C (StopProcessing) while <While>' -ForEach @(
        @{ While = 'streaming'; Arguments = "-BaseUri '$uri/never' -Stream" }
        @{ While = 'waiting between retries'; Arguments = "-BaseUri '$uri/status~429~empty~ra60' -MaxRetryCount 3" }
        @{ While = 'waiting for the response headers'; Arguments = "-BaseUri '$uri/slow~60000'" }
    ) {
        $shell = [powershell]::Create()
        $null = $shell.AddScript("Import-Module '$(Join-Path $PSScriptRoot '../../NvidiaInference.psd1')'; Invoke-NvChatCompletion -Model m -Message hi $Arguments")
        $handle = $shell.BeginInvoke()
        Start-Sleep -Milliseconds 700
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $shell.Stop()
        $clock.Stop()
        $handle.IsCompleted | Should -BeTrue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $shell.Dispose()
    }
}

Describe 'API keys' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'sends the key as a Bearer token, from -ApiKey as <Kind>' -ForEach @(
        @{ Kind = 'a string'; Key = { $canary } }
        @{ Kind = 'a SecureString'; Key = { ConvertTo-SecureString $canary -AsPlainText -Force } }
    ) {
        Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'hi' -ApiKey (& $Key) | Out-Null
        (Get-NimTestRequest $server).headers.Authorization | Should -BeExactly "Bearer $canary"
    }

    It 'reads NVIDIA_API_KEY, and sends no Authorization header without a key' {
        try {
            $env:NVIDIA_API_KEY = $canary
            Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'hi' | Out-Null
        }
        finally { Remove-Item Env:NVIDIA_API_KEY }
        Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'hi' | Out-Null
        $sent = @(Get-NimTestRequest $server)
        $sent[0].headers.Authorization | Should -BeExactly "Bearer $canary"
        $sent[1].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
    }

    It 'refuses the hosted API without a key, before sending anything' {
        { Invoke-NvChatCompletion -Model m -Message 'hi' } | Should -Throw -ErrorId 'NimApiKeyRequired,NvidiaInference.Commands.InvokeNvChatCompletionCommand'
    }

    It 'refuses to send a key over plain HTTP to another host unless -AllowUnencryptedAuthentication' {
        { Invoke-NvChatCompletion -BaseUri 'http://nim.example.invalid:8000' -ApiKey $canary -Model m -Message 'hi' } |
            Should -Throw -ErrorId 'NimUnencryptedAuthentication,NvidiaInference.Commands.InvokeNvChatCompletionCommand'
    }

    It 'never shows the key in output, verbose, debug, warning or error streams' {
        $everything = & {
            Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'hi' -ApiKey $canary -Verbose -Debug
            Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-text.sse" -Model m -Message 'hi' -ApiKey $canary -Stream -Verbose -Debug
            try { Invoke-NvChatCompletion -BaseUri "$uri/status~401~error-401-hosted.json" -Model m -Message 'hi' -ApiKey $canary -Verbose -Debug }
            catch { $_; $_.Exception.ToString() }
        } *>&1 | Out-String -Width 1000
        $everything | Should -Match 'POST'
        $everything | Should -Not -Match ([regex]::Escape($canary))
        ($Error | Out-String -Width 1000) | Should -Not -Match ([regex]::Escape($canary))
    }
}

Describe 'Invoke-NvCompletion' {
    It 'returns a CompletionResponse, and streams CompletionStreamChunks' {
        $response = Invoke-NvCompletion -BaseUri "$uri/ok" -Model m -Prompt 'The capital of France is' -MaxTokens 9
        $response | Should -BeOfType NvidiaInference.CompletionResponse
        $response.StopReason | Should -Be 'OutOfTokens'
        $chunks = Invoke-NvCompletion -BaseUri "$uri/ok" -Model m -Prompt 'The capital of France is' -Stream
        $chunks[0] | Should -BeOfType NvidiaInference.CompletionStreamChunk
        -join $chunks.Delta | Should -Be ' Paris. The capital of Germany is Berlin.'
        ($chunks | Where-Object StopReason).Count | Should -Be 1
        ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).prompt | Should -Be 'The capital of France is'
    }
}

Describe 'Get-NvModel' {
    It 'lists the served models as objects, filtered by wildcard' {
        $models = Get-NvModel -BaseUri "$uri/ok"
        $models.Count | Should -Be 2
        $models[0] | Should -BeOfType NvidiaInference.NimModel
        $models[1].Root | Should -Be 'meta/llama-3.1-8b-instruct'
        (Get-NvModel -BaseUri "$uri/ok" -Id '*lora*').Id | Should -Be 'meta/llama-3.1-8b-instruct:my-lora'
    }
}

Describe 'The hosted NVIDIA API' -Tag 'Live' -Skip:(-not $env:NVIDIA_API_KEY) {
    It 'answers a real chat completion' {
        $response = Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message 'Reply with the single word: pong' -MaxTokens 8
        $response.Content | Should -Not -BeNullOrEmpty
    }
}

Describe 'Debug output' {
    It 'shows the bodies with $DebugPreference set where the call runs, and makes no debug text otherwise' {
        $inScope = & { $DebugPreference = 'Continue'; Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi 5>&1 } | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($inScope.Message -join "`n") | Should -Match '"messages"'
        $without = Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $without | Should -BeNullOrEmpty
    }
}
