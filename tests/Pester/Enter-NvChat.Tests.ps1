# Enter-NvChat with lines piped in (a scripted chat): answers, commands, files, errors. How it behaves in a real
# terminal (typing, Ctrl+C) is in Terminal.Tests.ps1.
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

Describe 'Enter-NvChat' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'answers each line with the conversation so far, shows the answers, and writes the conversation at the end' {
        $conversation = 'Is 17 prime?', 'Sure?', '/exit' | Enter-NvChat -Model m -BaseUri "$uri/reasoning~content" -InformationVariable shown
        $conversation | ForEach-Object { $_ | Should -BeOfType NvidiaInference.Message }
        @($conversation.Role) | Should -Be @('User', 'Assistant', 'User', 'Assistant')
        $conversation[1].Reasoning | Should -BeExactly $thought
        $conversation[1].Content.ToString() | Should -BeExactly 'Yes, 17 is prime.'
        $text = Get-Shown $shown
        $text | Should -Match ([regex]::Escape("you> Is 17 prime?`n$thought`nYes, 17 is prime.`n[EndOfTurn"))
        $second = ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages
        @($second.content) | Should -Be @('Is 17 prime?', 'Yes, 17 is prime.', 'Sure?')
    }

    It 'switches the model and the system prompt, and clears the conversation' {
        $conversation = 'one', '/model other-model', '/system Be brief.', 'two', '/clear', 'three' | Enter-NvChat -Model first -BaseUri "$uri/ok" -InformationVariable shown
        $bodies = (Get-NimTestRequest $server).body | ConvertFrom-Json
        @($bodies.model) | Should -Be @('first', 'other-model', 'other-model')
        $bodies[1].messages[0].role | Should -Be 'system'
        $bodies[1].messages[0].content | Should -Be 'Be brief.'
        @($bodies[2].messages).Count | Should -Be 2 -Because 'the system prompt and the new message, after /clear'
        @($conversation).Count | Should -Be 2
        (Get-Shown $shown) | Should -Match 'The conversation is cleared'
    }

    It 'saves the conversation, with the system prompt and the thinking, and loads it back' {
        $path = Join-Path $TestDrive 'chat.json'
        $first = 'Is 17 prime?', "/save $path" | Enter-NvChat -Model m -BaseUri "$uri/reasoning~content" -SystemPrompt 'Answer briefly.'
        $saved = Get-Content -Raw $path | ConvertFrom-Json
        @($saved.role) | Should -Be @('system', 'user', 'assistant')
        $saved[2].reasoning | Should -BeExactly $thought
        $again = "/load $path", 'And 19?' | Enter-NvChat -Model m -BaseUri "$uri/reasoning~content"
        $sent = ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages
        @($sent.role) | Should -Be @('system', 'user', 'assistant', 'user')
        $sent[0].content | Should -BeExactly 'Answer briefly.'
        @($again).Count | Should -Be 4
        $again[1].Reasoning | Should -BeExactly $first[1].Reasoning
    }

    It 'continues a conversation given with -Conversation' {
        $first = Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'Name a river.'
        'How long is it?' | Enter-NvChat -Model m -BaseUri "$uri/ok" -Conversation $first.Conversation | Out-Null
        @(((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages.content)[0] | Should -BeExactly 'Name a river.'
    }

    It 'shows a failed request as an error and goes on' {
        $conversation = 'hello', '/model m2', 'again' | Enter-NvChat -Model m -BaseUri "$uri/status~500~error-500-vllm-current.json" -MaxRetryCount 0 -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeExactly 'NimServerError,NvidiaInference.Commands.EnterNvChatCommand'
        $failed[0].TargetObject | Should -BeExactly 'hello'
        @($conversation).Count | Should -Be 0
        @(Get-NimTestRequest $server).Count | Should -Be 2
    }

    It 'runs the tool loop, carrying the thinking back' {
        $tool = @{ name = 'get_weather'; parameters = @{ type = 'object'; properties = @{ city = @{ type = 'string' } } } }
        $conversation = 'Weather in Oslo?' | Enter-NvChat -Model m -BaseUri "$uri/reasoning~tools" -Tool $tool -ToolHandler @{ get_weather = { param($city) "Snow in $city" } } -InformationVariable shown
        @($conversation.Role) | Should -Be @('User', 'Assistant', 'Tool', 'Assistant')
        $conversation[-1].Content.ToString() | Should -BeExactly 'It snows in Oslo.'
        (Get-Shown $shown) | Should -Match ([regex]::Escape('-> get_weather({"city":"Oslo"})'))
    }

    It 'says what it does not know, and leaves at two empty lines' {
        $conversation = '/nonsense', '', '', 'never sent' | Enter-NvChat -Model m -BaseUri "$uri/ok" -InformationVariable shown
        (Get-Shown $shown) | Should -Match 'There is no command /nonsense'
        @(Get-NimTestRequest $server).Count | Should -Be 0
        @($conversation).Count | Should -Be 0
    }

    It 'writes a file error for a file it cannot read, and goes on' {
        'not json' | Set-Content (Join-Path $TestDrive 'bad.json')
        "/load $(Join-Path $TestDrive 'bad.json')", 'hi' | Enter-NvChat -Model m -BaseUri "$uri/ok" -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore | Out-Null
        $failed[0].FullyQualifiedErrorId | Should -BeExactly 'NimChatFile,NvidiaInference.Commands.EnterNvChatCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        @(Get-NimTestRequest $server).Count | Should -Be 1
    }

    It 'refuses to start where nothing can be typed, saying how to script it' {
        $shell = [powershell]::Create()
        try {
            $shell.AddScript("Import-Module '$ManifestPath'; Enter-NvChat -Model m -BaseUri '$uri/ok'").Invoke() | Out-Null
            $shell.HadErrors | Should -BeTrue
            $record = @($shell.Streams.Error)[0]
            if (-not $record) { $record = $shell.InvocationStateInfo.Reason.ErrorRecord }
            $record.FullyQualifiedErrorId | Should -BeExactly 'NimChatNotInteractive,NvidiaInference.Commands.EnterNvChatCommand'
            $record.ErrorDetails.RecommendedAction | Should -Match 'pipe the lines in'
        }
        catch [System.Management.Automation.RuntimeException] {
            $_.Exception.ErrorRecord.FullyQualifiedErrorId | Should -BeExactly 'NimChatNotInteractive,NvidiaInference.Commands.EnterNvChatCommand'
        }
        finally { $shell.Dispose() }
    }

    It 'sends nothing and saves nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.json'
        'hello', "/save $path" | Enter-NvChat -Model m -BaseUri "$uri/ok" -WhatIf -InformationAction Ignore | Out-Null
        @(Get-NimTestRequest $server).Count | Should -Be 0
        Test-Path $path | Should -BeFalse
    }

    It 'reports a path it cannot use as a file error, and goes on' {
        '/save NoSuchDrive:\x.json', 'hi' | Enter-NvChat -Model m -BaseUri "$uri/ok" -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore | Should -HaveCount 2
        $failed[0].FullyQualifiedErrorId | Should -BeExactly 'NimChatFile,NvidiaInference.Commands.EnterNvChatCommand'
        @(Get-NimTestRequest $server).Count | Should -Be 1
    }
}
