# Nothing is left behind (issue 6): after Ctrl+C while connecting, waiting for headers, waiting between retries and
# streaming, and after calls that fail, this process holds no more sockets, threads or timers than before, and the
# server sees every connection closed and no request still being played. Each case runs several times, so one
# leaked socket or pending timer per call shows through the noise (a tolerance of 2); the counts are read again until
# they settle, for up to 20 s: a connection attempt cut off by Ctrl+C is closed by .NET's HTTP stack within about 5 s.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $manifest = Join-Path $PSScriptRoot '../../NvidiaInference.psd1'
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $ctrlCRepeat = 5
    $failureRepeat = 3

    # What this process holds: sockets (Linux: /proc/self/fd), threads, and active timers (every pending Task.Delay,
    # CancelAfter and timeout is one, so a task still waiting on a timer shows here).
    function Get-ClientResource {
        [pscustomobject]@{
            Sockets = if ($IsLinux) { @(Get-ChildItem /proc/self/fd -ErrorAction Ignore | Where-Object { "$($_.LinkTarget)" -like 'socket:*' }).Count } else { 0 }
            Threads = [System.Diagnostics.Process]::GetCurrentProcess().Threads.Count
            Timers = [System.Threading.Timer]::ActiveCount
        }
    }

    # Waits up to 20 s for the counts to come back to the baseline (within the tolerance), and returns the last reading.
    function Wait-Settled($Baseline) {
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        do {
            Start-Sleep -Milliseconds 250
            [GC]::Collect()
            [GC]::WaitForPendingFinalizers()
            $client = Get-ClientResource
            $held = Get-NimTestConnection $server
            $settled = $client.Sockets -le $Baseline.Client.Sockets + 2 -and $client.Threads -le $Baseline.Client.Threads + 4 -and
                $client.Timers -le $Baseline.Client.Timers + 2 -and $held.activeRequests -eq 0 -and $held.silent -eq 0 -and $held.open -le $Baseline.Server.open + 2
        } until ($settled -or [DateTime]::UtcNow -gt $deadline)
        [pscustomobject]@{ Client = $client; Server = $held }
    }

    # Starts a call in a runspace of its own, waits until the server has it, presses Ctrl+C; returns how long Stop took.
    function Stop-WhileRunning([powershell] $Shell, [string] $Arguments, [scriptblock] $Started) {
        $Shell.Commands.Clear()
        $null = $Shell.AddScript("Invoke-NvChatCompletion -Model m -Message hi $Arguments")
        $handle = $Shell.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not (& $Started) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        (& $Started) | Should -BeTrue -Because "the call ($Arguments) should have reached the server"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $Shell.Stop()
        $handle.IsCompleted | Should -BeTrue
        $clock.Elapsed
    }

    $shell = [powershell]::Create()
    $null = $shell.AddScript("Import-Module '$manifest'").Invoke()
    # Warm up: the shared connection pools, the runspace and the thread pool exist before the baseline is taken.
    $null = $shell.AddScript("Invoke-NvChatCompletion -BaseUri '$uri/ok' -Model m -Message hi; Invoke-NvChatCompletion -BaseUri '$($server.HttpsUri)/ok' -SkipCertificateCheck -Model m -Message hi -Stream").Invoke()
    $shell.Commands.Clear()
}

AfterAll {
    $shell.Dispose()
    Stop-NimTestServer $server
}

Describe 'Ctrl+C leaves nothing behind' -Tag 'Slow' {
    It 'while <While>, 5 times: each stop is immediate, and sockets, threads, timers and server requests return to where they were' -ForEach @(
        @{ While = 'connecting (a TLS handshake that gets no answer)'; Arguments = { "-BaseUri 'https://127.0.0.1:$($server.SilentPort)'" }; Started = { (Get-NimTestConnection $server).silent -ge 1 } }
        @{ While = 'waiting for the response headers'; Arguments = { "-BaseUri '$uri/slow~60000'" }; Started = { (Get-NimTestConnection $server).activeRequests -ge 1 } }
        @{ While = 'waiting between retries'; Arguments = { "-BaseUri '$uri/status~429~empty~ra60' -MaxRetryCount 3" }; Started = { @(Get-NimTestRequest $server).Count -ge 1 } }
        @{ While = 'streaming'; Arguments = { "-BaseUri '$uri/never' -Stream" }; Started = { (Get-NimTestConnection $server).activeRequests -ge 1 } }
    ) {
        $baseline = Wait-Settled ([pscustomobject]@{ Client = Get-ClientResource; Server = Get-NimTestConnection $server })
        for ($i = 0; $i -lt $ctrlCRepeat; $i++) {
            Clear-NimTestRequest $server
            $stopped = Stop-WhileRunning $shell (& $Arguments) $Started
            $stopped.TotalSeconds | Should -BeLessThan 3
            $shell.Streams.Error.Count | Should -Be 0 -Because 'Ctrl+C ends quietly'
        }

        $after = Wait-Settled $baseline
        $readings = "before: $($baseline.Client) $($baseline.Server); after: $($after.Client) $($after.Server)"
        $after.Server.activeRequests | Should -Be 0 -Because "the server saw every request end ($readings)"
        $after.Server.silent | Should -Be 0 -Because "every connection attempt was closed ($readings)"
        $after.Server.open | Should -BeLessOrEqual ($baseline.Server.open + 2) -Because $readings
        $after.Client.Sockets | Should -BeLessOrEqual ($baseline.Client.Sockets + 2) -Because $readings
        $after.Client.Threads | Should -BeLessOrEqual ($baseline.Client.Threads + 4) -Because $readings
        $after.Client.Timers | Should -BeLessOrEqual ($baseline.Client.Timers + 2) -Because "no wait is still pending ($readings)"
    }
}

Describe 'Failed calls leave nothing behind' -Tag 'Slow' {
    It 'after <What>, 3 times' -ForEach @(
        @{ What = 'an idle timeout mid-stream'; Call = { Invoke-NvChatCompletion -BaseUri "$uri/stall~3~chat-stream-text.sse~60000" -Model m -Message hi -Stream -IdleTimeoutSec 1 } }
        @{ What = 'an idle timeout while connecting'; Call = { Invoke-NvChatCompletion -BaseUri "https://127.0.0.1:$($server.SilentPort)" -Model m -Message hi -IdleTimeoutSec 1 -MaxRetryCount 0 } }
        @{ What = 'a connection dropped mid-stream'; Call = { Invoke-NvChatCompletion -BaseUri "$uri/drop~3~chat-stream-text.sse" -Model m -Message hi -Stream -MaxRetryCount 0 } }
        @{ What = 'the total timeout of a stream that never ends'; Call = { Invoke-NvChatCompletion -BaseUri "$uri/never" -Model m -Message hi -Stream -TimeoutSec 1 } }
        @{ What = 'a refused TLS certificate'; Call = { Invoke-NvChatCompletion -BaseUri "$($server.HttpsUri)/ok" -Model m -Message hi -MaxRetryCount 0 } }
        @{ What = 'an error status'; Call = { Invoke-NvChatCompletion -BaseUri "$uri/status~500~error-500-vllm-current.json" -Model m -Message hi -MaxRetryCount 0 } }
    ) {
        $baseline = Wait-Settled ([pscustomobject]@{ Client = Get-ClientResource; Server = Get-NimTestConnection $server })
        for ($i = 0; $i -lt $failureRepeat; $i++) {
            $failures = try { @(& $Call 2>&1) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } } catch { $_ }
            @($failures).Count | Should -Be 1 -Because 'the call fails'
        }

        $after = Wait-Settled $baseline
        $readings = "before: $($baseline.Client) $($baseline.Server); after: $($after.Client) $($after.Server)"
        $after.Server.activeRequests | Should -Be 0 -Because $readings
        $after.Server.silent | Should -Be 0 -Because $readings
        $after.Client.Sockets | Should -BeLessOrEqual ($baseline.Client.Sockets + 2) -Because $readings
        $after.Client.Threads | Should -BeLessOrEqual ($baseline.Client.Threads + 4) -Because $readings
        $after.Client.Timers | Should -BeLessOrEqual ($baseline.Client.Timers + 2) -Because $readings
    }
}

Describe 'A stream stopped downstream leaves nothing behind' -Tag 'Slow' {
    It 'ends at Select-Object -First while the server stalls, and stops reading ahead, 3 times' {
        # The stream is read ahead on a thread of its own: stopping the pipeline must stop that reader too, at once,
        # not when the server's 60 s stall ends.
        $baseline = Wait-Settled ([pscustomobject]@{ Client = Get-ClientResource; Server = Get-NimTestConnection $server })
        for ($i = 0; $i -lt $failureRepeat; $i++) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $events = Invoke-NvChatCompletion -BaseUri "$uri/stall~3~chat-stream-text.sse~60000" -Model m -Message hi -Stream | Select-Object -First 2
            $clock.Stop()
            @($events).Count | Should -Be 2
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30 -Because 'the stall lasts 60 s; the call ends when its output is no longer wanted'
        }

        $after = Wait-Settled $baseline
        $readings = "before: $($baseline.Client) $($baseline.Server); after: $($after.Client) $($after.Server)"
        $after.Server.activeRequests | Should -Be 0 -Because $readings
        $after.Client.Sockets | Should -BeLessOrEqual ($baseline.Client.Sockets + 2) -Because $readings
        $after.Client.Threads | Should -BeLessOrEqual ($baseline.Client.Threads + 4) -Because $readings
        $after.Client.Timers | Should -BeLessOrEqual ($baseline.Client.Timers + 2) -Because $readings
    }
}
