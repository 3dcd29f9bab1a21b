# Faults through the loopback test server (issue 6): each ends in a specific ErrorRecord (stable ErrorId, real category,
# a message that says what happened and what to do) with no hang, crash or lost output. Invoke-NvChatCompletion.Tests.ps1
# has the first cases of several of these (one body per status, retries, a drop, stall, drip, never-ending stream,
# Ctrl+C while streaming, between retries and waiting for headers); this file covers the rest. Resources.Tests.ps1 checks
# that nothing is left behind.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $fixtures = Join-Path $PSScriptRoot '../fixtures/wire'
    $command = 'NvidiaInference.Commands.InvokeNvChatCompletionCommand'
    $canary = 'nvapi-CANARY-faults-do-not-print'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore

    # The message a server put in an error body, whatever its shape (docs/errors.md, Server error bodies), read here independently
    # of the module: the first 40 characters are what the test looks for.
    function Get-ServerMessage([string] $File) {
        $body = Get-Content -Raw (Join-Path $fixtures $File) | ConvertFrom-Json -AsHashtable
        $message = if ($body -is [string]) { $body }
        elseif ($body.error -is [string]) { $body.error }
        elseif ($body.error) { $body.error.message }
        elseif ($body.detail -is [string]) { $body.detail }
        elseif ($body.detail) { $body.detail[0].msg }
        elseif ($body.message) { $body.message }
        else { $body.title }
        $message.Substring(0, [Math]::Min(40, $message.Length))
    }

    # Runs a call and returns its ErrorRecords, terminating or not.
    function Get-CallError([scriptblock] $Call) {
        try { @(& $Call 2>&1) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } }
        catch { $_ }
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Servers that cannot be reached' {
    It 'names an unresolvable host (under .invalid, which never resolves) in NimConnectionFailed, stopping the pipeline' {
        $thrown = { 'a', 'b' | Invoke-NvChatCompletion -BaseUri 'http://nim.invalid:8000/v1' -Model m -MaxRetryCount 0 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimConnectionFailed,$command"
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown.Exception.Message | Should -Match 'Could not connect to nim\.invalid:8000'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '-BaseUri'
    }

    It 'retries a refused connection -MaxRetryCount times, then says how many attempts it made' {
        $thrown = { Invoke-NvChatCompletion -BaseUri 'http://127.0.0.1:1' -Model m -Message hi -MaxRetryCount 2 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimConnectionFailed,$command"
        $thrown.Exception.Attempts | Should -Be 3
        $thrown.Exception.Message | Should -Match 'after 3 attempts'
    }

    It 'fails the TLS handshake with a self-signed certificate once, without retrying, naming -SkipCertificateCheck' {
        $before = (Get-NimTestConnection $server).accepted
        $thrown = { Invoke-NvChatCompletion -BaseUri "$($server.HttpsUri)/ok" -Model m -Message hi -MaxRetryCount 2 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimConnectionFailed,$command"
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown.Exception.Message | Should -Match 'TLS handshake with 127\.0\.0\.1:\d+ failed'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '-SkipCertificateCheck'
        $thrown.Exception.Attempts | Should -Be 1
        # One TLS connection, plus the one that asks.
        (Get-NimTestConnection $server).accepted - $before | Should -Be 2
    }

    It 'talks to the self-signed server with -SkipCertificateCheck, plainly and streamed, sending the key' {
        Clear-NimTestRequest $server
        $answer = Invoke-NvChatCompletion -BaseUri "$($server.HttpsUri)/ok" -SkipCertificateCheck -ApiKey $canary -Model m -Message hi
        $answer.Content | Should -Match 'GPU computing'
        $events = Invoke-NvChatCompletion -BaseUri "$($server.HttpsUri)/ok" -SkipCertificateCheck -ApiKey $canary -Model m -Message hi -Stream
        -join ($events | ForEach-Object { $_.Delta.Text }) | Should -Be 'The capital of France is Paris.'
        (Get-NimTestRequest $server).headers.Authorization | Should -Be @("Bearer $canary", "Bearer $canary")
    }

    It 'ends a connection attempt the server never completes (a TLS handshake with no answer) at -IdleTimeoutSec' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri "https://127.0.0.1:$($server.SilentPort)" -Model m -Message hi -IdleTimeoutSec 1 -MaxRetryCount 0 }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        $failure.FullyQualifiedErrorId | Should -BeExactly "NimIdleTimeout,$command"
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.Exception.Message | Should -Match 'response headers'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-IdleTimeoutSec'
    }
}

Describe 'Every error status with every error body' {
    BeforeDiscovery {
        $bodies = @((Get-ChildItem (Join-Path $PSScriptRoot '../fixtures/wire') -Filter 'error-*.json').Name) + 'empty', 'html'
        $expected = @{
            400 = 'NimBadRequest', 'InvalidArgument'; 401 = 'NimUnauthorized', 'AuthenticationError'; 403 = 'NimForbidden', 'PermissionDenied'
            404 = 'NimNotFound', 'ObjectNotFound'; 422 = 'NimBadRequest', 'InvalidArgument'; 429 = 'NimRateLimited', 'LimitsExceeded'
            500 = 'NimServerError', 'ResourceUnavailable'; 502 = 'NimServerError', 'ResourceUnavailable'
            503 = 'NimServerError', 'ResourceUnavailable'; 504 = 'NimServerError', 'ResourceUnavailable'
        }
        $cases = foreach ($status in $expected.Keys | Sort-Object) {
            foreach ($body in $bodies) {
                @{ Status = $status; Body = $body; ErrorId = $expected[$status][0]; Category = $expected[$status][1]; Terminating = $status -in 401, 403 }
            }
        }
    }

    It 'HTTP <Status> with <Body> gives <ErrorId> (<Category>) carrying the server message' -ForEach $cases {
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri "$uri/seq~$Status,$Body" -Model m -Message hi -MaxRetryCount 0 }
        @($failure).Count | Should -Be 1
        $failure.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,$command"
        $failure.CategoryInfo.Category | Should -Be $Category
        $failure.Exception.StatusCode.value__ | Should -Be $Status
        $failure.Exception.RequestId | Should -Be 'step-1'
        $failure.Exception.Message | Should -Match "^The server answered HTTP $Status "
        $said = switch ($Body) { 'empty' { $failure.Exception.StatusCode.ToString() -creplace '([a-z])([A-Z])', '$1 $2' } 'html' { "$Status from the proxy" } default { Get-ServerMessage $Body } }
        $failure.Exception.Message.Contains($said) | Should -BeTrue -Because "the message '$($failure.Exception.Message)' should carry '$said'"
        $failure.TargetObject | Should -BeOfType NvidiaInference.NimPayload
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'HTTP <Status> stops the pipeline: <Terminating>' -ForEach ($cases | Where-Object Body -EQ 'empty') {
        $threw = $false
        try { 'a', 'b' | Invoke-NvChatCompletion -BaseUri "$uri/seq~$Status,empty" -Model m -MaxRetryCount 0 -ErrorAction SilentlyContinue -ErrorVariable failures | Out-Null }
        catch { $threw = $true }
        $threw | Should -Be $Terminating
        if (-not $Terminating) { @($failures).Count | Should -Be 2 -Because 'each input is tried and fails on its own' }
    }

    It 'reads <File>, an answer as the hosted API sends it, headers included' -ForEach @(
        @{ File = 'http-401-hosted-invalid-token.http'; ErrorId = 'NimUnauthorized'; Says = 'Unauthorized'; RequestId = $null; RetryAfterMs = $null }
        @{ File = 'http-429-hosted.http'; ErrorId = 'NimRateLimited'; Says = 'Too Many Requests'; RequestId = '0f1e2d3c-4b5a-4968-8776-655443322110'; RetryAfterMs = $null }
        @{ File = 'http-429-openai.http'; ErrorId = 'NimRateLimited'; Says = 'Rate limit reached for gpt-4o-mini'; RequestId = 'req_0123456789abcdef0123456789abcdef'; RetryAfterMs = 255 }
        @{ File = 'http-504-hosted-empty.http'; ErrorId = 'NimServerError'; Says = 'Gateway Timeout'; RequestId = 'adaa1f91-0000-4000-8000-c0c3b02775bc'; RetryAfterMs = $null }
    ) {
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri "$uri/http~$File" -Model m -Message hi -MaxRetryCount 0 }
        $failure.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,$command"
        $failure.Exception.Message | Should -Match ([regex]::Escape($Says))
        $failure.Exception.RequestId | Should -Be $RequestId
        if ($RetryAfterMs) { $failure.Exception.RetryAfter.TotalMilliseconds | Should -Be $RetryAfterMs }
    }
}

Describe 'Retries of 429 and 503' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'retries HTTP <Status> with <Header>, waiting as asked (<Least> s or more) on the server''s clock, then succeeds' -Tag 'Slow' -ForEach @(
        # Without the header the first retry would wait the back-off, 0.375 to 0.5 s: each wait here is longer.
        @{ Status = 429; Header = 'ra1'; Least = 1.0; Most = 1.0 }
        @{ Status = 503; Header = 'ra1'; Least = 1.0; Most = 1.0 }
        # An HTTP date has whole seconds, so "2 s ahead" is between just over 1 s and 2 s.
        @{ Status = 429; Header = 'radate2'; Least = 1.0; Most = 2.0 }
        @{ Status = 503; Header = 'radate2'; Least = 1.0; Most = 2.0 }
        @{ Status = 429; Header = 'rams700'; Least = 0.7; Most = 0.7 }
        @{ Status = 503; Header = 'rams700'; Least = 0.7; Most = 0.7 }
    ) {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/seq~$Status,empty,$Header~200" -Model m -Message hi -MaxRetryCount 1 -TimeoutSec 20
        $response | Should -BeOfType NvidiaInference.ChatCompletionResponse
        $received = @(Get-NimTestRequest $server | ForEach-Object { [datetimeoffset]$_.received })
        $received.Count | Should -Be 2
        ($received[1] - $received[0]).TotalSeconds | Should -BeGreaterOrEqual ($Least - 0.05)
        ($received[1] - $received[0]).TotalSeconds | Should -BeLessThan ($Most + 1.0)
    }

    It 'gives up after -MaxRetryCount <Retries> with the last error, <ErrorId> from step <Step>' -ForEach @(
        @{ Retries = 0; Step = 1; ErrorId = 'NimRateLimited'; Body = 'error-429-hosted.json' }
        @{ Retries = 1; Step = 2; ErrorId = 'NimServerError'; Body = 'error-500-vllm-current.json' }
        @{ Retries = 2; Step = 3; ErrorId = 'NimServerError'; Body = 'html' }
    ) {
        $says = if ($Body -eq 'html') { '500 from the proxy' } else { Get-ServerMessage $Body }
        $scenario = "seq~429,error-429-hosted.json,rams100~503,error-500-vllm-current.json,radate1~500,html,ra0~200"
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message hi -MaxRetryCount $Retries }
        $failure.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,$command"
        $failure.Exception.Attempts | Should -Be $Step
        $failure.Exception.RequestId | Should -Be "step-$Step"
        $failure.Exception.Message.Contains($says) | Should -BeTrue -Because "the message should carry '$says'"
        if ($Step -gt 1) { $failure.Exception.Message | Should -Match "after $Step attempts" }
        @(Get-NimTestRequest $server).Count | Should -Be $Step
    }

    It 'does not wait for a Retry-After that would pass -TimeoutSec, and says so in -Verbose' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $all = & { Invoke-NvChatCompletion -BaseUri "$uri/seq~503,empty,ra60~200" -Model m -Message hi -MaxRetryCount 3 -TimeoutSec 5 -Verbose } *>&1
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 4
        ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).FullyQualifiedErrorId | Should -BeExactly "NimServerError,$command"
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -Match 'would pass the call''s timeout'
        @(Get-NimTestRequest $server).Count | Should -Be 1
    }
}

Describe 'A connection dropped mid-stream with tool calls in flight' {
    It 'keeps the events written, then NimStreamInterrupted carries the partial tool calls (-ToolCallProgress: <Progress>)' -ForEach @(
        @{ Progress = $false; Written = 1 }
        @{ Progress = $true; Written = 7 }
    ) {
        # Seven SSE events: the role, then get_weather's first fragments: {"city":"Paris
        $events = Invoke-NvChatCompletion -BaseUri "$uri/drop~7~chat-stream-openai-parallel-tool-calls.sse" -Model m -Message hi -Stream `
            -ToolCallProgress:$Progress -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        @($events).Count | Should -Be $Written
        $events[0].EventType | Should -Be 'Start'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimStreamInterrupted,$command"
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.EventsReceived | Should -Be $Written
        $failures[0].Exception.PartialToolCalls | Should -HaveCount 1
        $call = $failures[0].Exception.PartialToolCalls[0]
        $call.CallId | Should -Be 'call_Qx7v2LmN8pR4sT1uW9yZ3bKd'
        $call.ToolName | Should -Be 'get_weather'
        $call.ArgumentsJson | Should -BeExactly '{"city":"Paris'
        if ($Progress) {
            # Each fragment event carries its own fragment; together they are the arguments received so far.
            -join ($events | Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { $_.Delta.ToolCall.ArgumentsJson }) | Should -BeExactly '{"city":"Paris'
        }
    }

    It 'carries the partial text and the finished tool calls too' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/drop~4~chat-stream-text.sse" -Model m -Message hi -Stream -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].Exception.PartialContent | Should -BeExactly (-join ($events | ForEach-Object { $_.Delta.Text }))
        $failures[0].Exception.PartialContent | Should -Not -BeNullOrEmpty
        $events = Invoke-NvChatCompletion -BaseUri "$uri/drop~3~chat-stream-nim-two-complete-tool-calls-one-delta.sse" -Model m -Message hi -Stream -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].Exception.PartialToolCalls.ToolName | Should -Be @($events.Delta.ToolCall.ToolName | Where-Object { $_ })
    }
}

Describe 'Ctrl+C while connecting' {
    It 'stops at once while a TLS handshake gets no answer' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Join-Path $PSScriptRoot '../../NvidiaInference.psd1')'; Invoke-NvChatCompletion -BaseUri 'https://127.0.0.1:$($server.SilentPort)' -Model m -Message hi")
            $handle = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-NimTestConnection $server).silent -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            (Get-NimTestConnection $server).silent | Should -Be 1 -Because 'the client is connecting'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            $handle.IsCompleted | Should -BeTrue
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $shell.Streams.Error.Count | Should -Be 0 -Because 'Ctrl+C ends quietly'
        }
        finally { $shell.Dispose() }
    }
}
