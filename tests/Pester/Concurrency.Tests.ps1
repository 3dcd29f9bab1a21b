# Concurrency (issue 6): eight runspaces stream at once through the process's shared connection pool, each its own
# stream (a per-request marker the server echoes, each a different length), and every stream gets exactly its own
# events, in order, with nothing crossing over; failures stay in the runspace that met them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../../NvidiaInference.psd1')).Path
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Eight runspaces streaming at once' {
    It 'round <_>: every stream gets exactly its own events, in order' -ForEach 1, 2, 3 {
        Clear-NimTestRequest $server
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            $count = 10 + $_
            $events = @(Invoke-NvChatCompletion -BaseUri "$using:uri/marker~$count~100" -Model m -Message "run-$_" -Stream -ErrorVariable failures -ErrorAction SilentlyContinue)
            [pscustomobject]@{
                Run = $_
                Count = $count
                Texts = @($events | Where-Object { $_.Delta.Type -eq 'Text' -and $_.Delta.Text } | ForEach-Object { $_.Delta.Text })
                Kinds = @($events | ForEach-Object { "$($_.EventType)" } | Select-Object -Unique)
                Last = "$($events[-1].EventType)"
                Errors = @($failures).Count
                Runspace = [runspace]::DefaultRunspace.InstanceId
            }
        }

        $results.Count | Should -Be 8
        @($results.Runspace | Select-Object -Unique).Count | Should -Be 8 -Because 'each stream ran in a runspace of its own'
        foreach ($result in $results) {
            $expected = 1..$result.Count | ForEach-Object { "run-$($result.Run):$_ " }
            $result.Texts | Should -Be $expected -Because "run $($result.Run) must get its own events, all of them, in order"
            $result.Kinds | Should -Be @('Start', 'Progress', 'Complete')
            $result.Last | Should -Be 'Complete'
            $result.Errors | Should -Be 0
        }

        # They really overlapped: every request arrived before the shortest stream (11 events, 100 ms apart) could end.
        $received = @(Get-NimTestRequest $server | ForEach-Object { [datetimeoffset]$_.received } | Sort-Object)
        $received.Count | Should -Be 8
        ($received[-1] - $received[0]).TotalMilliseconds | Should -BeLessThan 1100
    }

    It 'keeps each failure in the runspace that met it, with its own partial content' {
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            $scenario = if ($_ % 2) { "drop~$(1 + $_)~chat-stream-text.sse" } else { "marker~$(10 + $_)~20" }
            $events = @(Invoke-NvChatCompletion -BaseUri "$using:uri/$scenario" -Model m -Message "run-$_" -Stream -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue)
            [pscustomobject]@{
                Run = $_
                Text = -join ($events | ForEach-Object { $_.Delta.Text })
                ErrorIds = @($failures | ForEach-Object { $_.FullyQualifiedErrorId })
                Partial = @($failures | ForEach-Object { $_.Exception.PartialContent })
            }
        }

        foreach ($result in $results | Where-Object { $_.Run % 2 }) {
            $result.ErrorIds | Should -Be @('NimStreamInterrupted,NvidiaInference.Commands.InvokeNvChatCompletionCommand')
            $result.Partial | Should -Be @($result.Text) -Because 'the partial content is what this run was written'
        }

        foreach ($result in $results | Where-Object { -not ($_.Run % 2) }) {
            $result.ErrorIds | Should -BeNullOrEmpty
            $result.Text | Should -BeExactly (-join (1..(10 + $result.Run) | ForEach-Object { "run-$($result.Run):$_ " }))
        }
    }
}
