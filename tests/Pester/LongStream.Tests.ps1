# A long stream sent as fast as the loopback server can (its bulk scenario, the load the benchmarks use): every chunk
# arrives as one event, in order, whatever the server's writes cut through. No timing is asserted here.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL -ErrorAction Ignore
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Invoke-NvChatCompletion -Stream over a long, fast stream' {
    It 'writes one event per chunk of a 5,000-chunk stream, then Complete with its usage' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/bulk~5000" -Model m -Message 'hi' -Stream
        $events.Count | Should -Be 5002
        $events[0].EventType | Should -Be 'Start'
        @($events | Where-Object { $_.EventType -eq 'Progress' -and $_.Delta.Type -eq 'Text' }).Count | Should -Be 5000
        # The server cycles through 16 tokens; chunk 5000 is the 8th token of the 313th cycle.
        $events[1].Delta.Text | Should -Be ' The'
        $events[16].Delta.Text | Should -Be "`n"
        $events[5000].Delta.Text | Should -Be ' once'
        $events[-1].EventType | Should -Be 'Complete'
        $events[-1].StopReason | Should -Be 'EndOfTurn'
        $events[-1].Usage.CompletionTokens | Should -Be 5000
    }
}
