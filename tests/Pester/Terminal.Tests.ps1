# The prompt experience in a real terminal: pwsh runs in tmux, the test types into it and reads the screen, as a
# person would see it (colours included). .ci/run installs tmux; without it these tests are skipped, visibly.
BeforeDiscovery {
    $script:noTmux = -not (Get-Command tmux -ErrorAction Ignore)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $server = Start-NimTestServer
    $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../../NvidiaInference.psd1')).Path
    $thought = 'The user asks whether 17 is prime. It has no divisor between 2 and 4, so it is.'
    $dim = '\e\[2(;3)?m(\e\[3m)?'

    function Start-Terminal {
        # A 200x50 terminal running a fresh pwsh with the module imported and the test server as NVIDIA_BASE_URL.
        $name = "nv-test-$PID-$(Get-Random)"
        $pwsh = "dotnet '$(Join-Path $PSHOME 'pwsh.dll')' -NoProfile -NoLogo"
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        tmux new-session -d -s $name -x 200 -y 50 -c $root "env -u NO_COLOR NVIDIA_BASE_URL='$($server.Uri)/ok' TERM=xterm-256color $pwsh"
        Wait-Screen $name 'PS .*>' | Out-Null
        Send-Line $name "Import-Module '$manifest'; Clear-Host"
        Wait-Screen $name '^PS .*> *$' | Out-Null
        $name
    }

    function Send-Line([string] $Name, [string] $Text) {
        tmux send-keys -t $Name -l $Text
        tmux send-keys -t $Name Enter
    }

    function Get-Screen([string] $Name, [switch] $Escapes) {
        $arguments = @('capture-pane', '-p', '-t', $Name) + $(if ($Escapes) { '-e' })
        (& tmux @arguments) -join "`n"
    }

    function Wait-Screen([string] $Name, [string] $Pattern, [int] $Seconds = 30) {
        # Polls the screen until a line matches; fails with the screen when it does not in time.
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            $screen = Get-Screen $Name
            if ($screen -split "`n" | Where-Object { $_ -match $Pattern }) { return $screen }
            Start-Sleep -Milliseconds 100
        }
        throw "The terminal never showed /$Pattern/. It shows:`n$(Get-Screen $Name)"
    }

    function Stop-Terminal([string] $Name) { tmux kill-session -t $Name 2>$null }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Show-NvStream in a terminal' -Skip:$noTmux {
    BeforeAll { $terminal = Start-Terminal }
    AfterAll { Stop-Terminal $terminal }

    It 'shows the thinking dimmed on its own lines, then the answer, then the closing line' {
        Send-Line $terminal "Clear-Host; Invoke-NvChatCompletion -Model nvidia/nemotron-3-nano-30b-a3b -Message 'Is 17 prime?' -Stream | Show-NvStream | Out-Null"
        $screen = Wait-Screen $terminal '^\[EndOfTurn'
        $lines = $screen -split "`n"
        $at = [array]::IndexOf($lines, $thought)
        $at | Should -BeGreaterThan -1 -Because $screen
        $lines[$at + 1] | Should -BeExactly 'Yes, 17 is prime.'
        $lines[$at + 2] | Should -Match '^\[EndOfTurn \| 12 prompt \+ 30 completion = 42 tokens \| first token after'
        $colored = Get-Screen $terminal -Escapes
        # tmux writes the dim and italic attributes as one sequence, ESC[2;3m.
        $colored | Should -Match ($dim + [regex]::Escape('The user asks'))
        $colored | Should -Not -Match ($dim + 'Yes, 17')
    }

    It 'shows a tool call on a line of its own' {
        Send-Line $terminal "Clear-Host; Get-Content ./examples/tool-calls-stream.sse | ConvertFrom-NvChunk | Show-NvStream | Out-Null"
        $screen = Wait-Screen $terminal '^\[EndOfMessage'
        @($screen -split "`n" | Where-Object { $_ -like '-> *(*)' }).Count | Should -BeGreaterThan 0 -Because $screen
    }

    It 'writes no colour when NO_COLOR is set' {
        Send-Line $terminal "Clear-Host; `$env:NO_COLOR = 1; Invoke-NvChatCompletion -Model nvidia/nemotron-3-nano-30b-a3b -Message 'Is 17 prime?' -Stream | Show-NvStream | Out-Null; Remove-Item Env:NO_COLOR"
        Wait-Screen $terminal '^\[EndOfTurn' | Out-Null
        $colored = Get-Screen $terminal -Escapes
        $colored | Should -Match ([regex]::Escape($thought))
        $colored | Should -Not -Match ($dim + [regex]::Escape('The user asks'))
    }
}

Describe 'Enter-NvChat in a terminal' -Skip:$noTmux {
    BeforeAll { $terminal = Start-Terminal }
    AfterAll { Stop-Terminal $terminal }

    It 'answers what is typed, with the thinking dimmed, and keeps the conversation' {
        Send-Line $terminal "Clear-Host; `$c = Enter-NvChat -Model nvidia/nemotron-3-nano-30b-a3b"
        Wait-Screen $terminal '^you> ?$' | Out-Null
        # An apostrophe and an open bracket: a chat line is not PowerShell, so nothing waits for them to close.
        Send-Line $terminal "Is 17 prime? It's odd (isn't it"
        $screen = Wait-Screen $terminal '^\[EndOfTurn'
        $screen | Should -Match ([regex]::Escape($thought))
        ($screen -split "`n") | Should -Contain 'Yes, 17 is prime.'
        (Get-Screen $terminal -Escapes) | Should -Match ($dim + [regex]::Escape('The user asks'))
        Send-Line $terminal '/exit'
        Wait-Screen $terminal '^PS .*> *$' | Out-Null
        Send-Line $terminal "Clear-Host; 'kept: ' + `$c.Count"
        Wait-Screen $terminal '^kept: 2$' | Out-Null
    }

    It 'stops an answer at Ctrl+C and goes on; leaves at a second Ctrl+C on an empty prompt' {
        Send-Line $terminal "Clear-Host; `$c = Enter-NvChat -Model m -BaseUri '$($server.Uri)/stall~2~chat-stream-text.sse~30000'"
        Wait-Screen $terminal '^you> ?$' | Out-Null
        Send-Line $terminal 'Tell me slowly.'
        Start-Sleep -Milliseconds 1500
        tmux send-keys -t $terminal C-c
        Wait-Screen $terminal 'Stopped\. That answer is not kept\.' 10 | Out-Null
        Start-Sleep -Milliseconds 500
        $lines = (Get-Screen $terminal) -split "`n"
        $at = [array]::FindIndex($lines, [Predicate[string]] { param($line) $line -match 'Stopped\.' })
        $lines[$at + 1] | Should -Match '^you> ?$' -Because 'the chat goes on at its prompt'
        tmux send-keys -t $terminal C-c
        Wait-Screen $terminal 'An empty line again' 10 | Out-Null
        tmux send-keys -t $terminal C-c
        Wait-Screen $terminal '^PS .*> *$' 10 | Out-Null
        Send-Line $terminal "Clear-Host; 'kept: ' + @(`$c).Count"
        Wait-Screen $terminal '^kept: 0$' | Out-Null
    }

    It 'edits the line in place, and recalls the chat''s own lines with Up' {
        Send-Line $terminal "Clear-Host; `$c = Enter-NvChat -Model nvidia/nemotron-3-nano-30b-a3b -HideReasoning"
        Wait-Screen $terminal '^you> ?$' | Out-Null
        tmux send-keys -t $terminal -l 'Is 17 prme?'
        tmux send-keys -t $terminal Left Left Left
        tmux send-keys -t $terminal -l 'i'
        tmux send-keys -t $terminal Enter
        Wait-Screen $terminal '^\[EndOfTurn' | Out-Null
        (Get-Screen $terminal) -split "`n" | Should -Contain 'you> Is 17 prime?'
        tmux send-keys -t $terminal Up Home
        tmux send-keys -t $terminal -l 'Q: '
        tmux send-keys -t $terminal Enter
        Wait-Screen $terminal '^you> Q: Is 17 prime\?$' | Out-Null
        Send-Line $terminal '/exit'
        Wait-Screen $terminal '^PS .*> *$' | Out-Null
        Send-Line $terminal "Clear-Host; (`$c | Where-Object Role -EQ User).Content -join ' / '"
        Wait-Screen $terminal '^Is 17 prime\? / Q: Is 17 prime\?$' | Out-Null
    }
}
