# Hostile input at the cmdlets (issue 6): oversized events and answers end with NimEventTooLarge within bounded memory,
# and -MaxEventSize lets more through; objects nested too deep are per-item errors. The byte-level cases (a 50 MB line,
# millions of events, invalid UTF-8, NUL bytes, 10,000 tool calls, JSON 10,000 levels deep) are in the xunit suite
# (HostileInputTests, EventSizeLimitTests); this file checks what reaches a PowerShell user.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $chat = 'NvidiaInference.Commands.InvokeNvChatCompletionCommand'
    $chunk = 'NvidiaInference.Commands.ConvertFromNimChunkCommand'
    $big = 20000000
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL -ErrorAction Ignore

    function Get-CallError([scriptblock] $Call) {
        try { @(& $Call 2>&1) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } }
        catch { $_ }
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'A server that sends more than -MaxEventSize in one piece' {
    It 'ends a stream at a 20 MB event with NimEventTooLarge, after the events before it, carrying their text' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/big~$big" -Model m -Message hi -Stream -ErrorVariable failures -ErrorAction SilentlyContinue
        -join ($events | ForEach-Object { $_.Delta.Text }) | Should -Be 'a'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimEventTooLarge,$chat"
        $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failures[0].Exception.MaxEventSize | Should -Be 16MB
        $failures[0].Exception.PartialContent | Should -Be 'a'
        $failures[0].Exception.Message | Should -Match '16 MiB'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match '-MaxEventSize'
    }

    It 'ends -RawOutput at a 20 MB line with NimEventTooLarge too, after the lines before it' {
        $lines = Invoke-NvChatCompletion -BaseUri "$uri/big~$big" -Model m -Message hi -Stream -RawOutput -ErrorVariable failures -ErrorAction SilentlyContinue
        @($lines | Where-Object { $_ -like 'data: *' }).Count | Should -Be 1
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessThan 1000
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimEventTooLarge,$chat"
        Invoke-NvChatCompletion -BaseUri "$uri/big~$big" -Model m -Message hi -Stream -RawOutput -MaxEventSize 32MB | Where-Object Length -GT $big | Should -HaveCount 1
    }

    It 'refuses a 20 MB answer the same way, without reading it' {
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri "$uri/big~$big" -Model m -Message hi }
        $failure.FullyQualifiedErrorId | Should -BeExactly "NimEventTooLarge,$chat"
    }

    It 'reads both when -MaxEventSize allows them' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/big~$big" -Model m -Message hi -Stream -MaxEventSize 32MB
        $events[-1].EventType | Should -Be 'Complete'
        ($events | ForEach-Object { $_.Delta.Text.Length } | Measure-Object -Sum).Sum | Should -Be ($big + 1)
        (Invoke-NvChatCompletion -BaseUri "$uri/big~$big" -Model m -Message hi -MaxEventSize 32MB).Content.Length | Should -Be $big
    }

    It 'reads no more than the start of a 100 MB error body' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = Get-CallError { Invoke-NvChatCompletion -BaseUri "$uri/big~100000000~error" -Model m -Message hi -MaxRetryCount 0 }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        $failure.FullyQualifiedErrorId | Should -BeExactly "NimServerError,$chat"
        $failure.Exception.Message.Length | Should -BeLessThan 1000
    }

    It 'takes -MaxEventSize on every cmdlet that reads a server, from 1 KiB' -ForEach 'Invoke-NvChatCompletion', 'Invoke-NvCompletion', 'Get-NvModel', 'ConvertFrom-NvChunk' {
        (Get-Command $_).Parameters['MaxEventSize'].ParameterType | Should -Be ([int])
        { & $_ -MaxEventSize 1000 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'ConvertFrom-NvChunk on hostile input' {
    It 'ends the stream at a line longer than -MaxEventSize and goes on after its event' {
        $lines = @(
            'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}', ''
            ('data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"' + ('x' * 2000) + '"},"finish_reason":null}]}'), ''
            'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"b"},"finish_reason":"stop"}]}', ''
            'data: [DONE]', ''
        )
        $output = $lines | ConvertFrom-NvChunk -MaxEventSize 1024 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimEventTooLarge,$chunk"
        $failures[0].Exception.PartialContent | Should -Be 'a'
        ($output | Where-Object { $_.Delta.Text } | ForEach-Object { $_.Delta.Text }) | Should -Be @('a', 'b')
        ($lines | ConvertFrom-NvChunk -MaxEventSize 4096 | Where-Object { $_.Delta.Text }).Count | Should -Be 3
    }

    It 'reports an object nested <Depth> levels deep as NimInvalidChunk and goes on' -ForEach @(@{ Depth = 150 }, @{ Depth = 10000 }) {
        $deep = @{}
        $inner = $deep
        for ($i = 0; $i -lt $Depth; $i++) { $next = @{}; $inner['a'] = $next; $inner = $next }
        $done = '{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"fine"},"finish_reason":"stop"}]}'
        $output = $deep, $done | ConvertFrom-NvChunk -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidChunk,$chunk"
        $failures[0].Exception.Message | Should -Match 'nested more than'
        $failures[0].TargetObject | Should -Be $deep
        $output.Content | Should -Be 'fine'
    }

    It 'reports JSON text nested 10,000 levels deep as NimInvalidChunk naming the depth' {
        $deep = ('[' * 10000) + (']' * 10000)
        "data: $deep", '' | ConvertFrom-NvChunk -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidChunk,$chunk"
        $failures[0].Exception.Message | Should -Match 'depth of 64'
    }
}
