# The whole request (issue 14): the standard knobs, the OpenAI dialect's refusals, -AdditionalBody and
# -AdditionalHeader, and -Image, offline through ConvertTo-NvPayload and sent to the loopback test server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    $savedPlacement = $env:NVIDIA_EXTENSION_PLACEMENT
    $env:NVIDIA_EXTENSION_PLACEMENT = $null
    $server = Start-NimTestServer
    $uri = "$($server.Uri)/ok"
}

AfterAll {
    Stop-NimTestServer $server
    $env:NVIDIA_EXTENSION_PLACEMENT = $savedPlacement
}

Describe 'The standard knobs' {
    It 'sends -Seed, -FrequencyPenalty and -PresencePenalty at the top level in <_>' -ForEach 'Nvext', 'TopLevel', 'OpenAI' {
        $body = ConvertTo-NvPayload -Model m -Message hi -Seed 42 -FrequencyPenalty 0.5 -PresencePenalty -1.5 -ExtensionPlacement $_ | ConvertFrom-Body
        $body.seed | Should -Be 42
        $body.frequency_penalty | Should -Be 0.5
        $body.presence_penalty | Should -Be -1.5
        $body.ContainsKey('nvext') | Should -BeFalse
    }

    It 'puts -MinTokens in nvext or at the top level by placement' {
        (ConvertTo-NvPayload -Model m -Message hi -MinTokens 3 | ConvertFrom-Body).nvext.min_tokens | Should -Be 3
        (ConvertTo-NvPayload -Model m -Message hi -MinTokens 3 -ExtensionPlacement TopLevel | ConvertFrom-Body).min_tokens | Should -Be 3
        (Invoke-NvCompletion -BaseUri $uri -Model m -Prompt hi -MinTokens 2 -ExtensionPlacement TopLevel) | Should -Not -BeNullOrEmpty
        ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).min_tokens | Should -Be 2
    }

    It 'sends -ParallelToolCalls <_> only with tools, and nothing when it is not given' -ForEach $true, $false {
        $tool = @{ tool_name = 'get_time' }
        (ConvertTo-NvPayload -Model m -Message hi -Tool $tool -ParallelToolCalls $_ | ConvertFrom-Body).parallel_tool_calls | Should -Be $_
        (ConvertTo-NvPayload -Model m -Message hi -Tool $tool | ConvertFrom-Body).ContainsKey('parallel_tool_calls') | Should -BeFalse
        $thrown = { ConvertTo-NvPayload -Model m -Message hi -ParallelToolCalls $_ } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'NimConflictingParameters,*'
    }

    It 'refuses <Name> outside its range at binding' -ForEach @(
        @{ Name = 'FrequencyPenalty'; Value = 2.5 }, @{ Name = 'PresencePenalty'; Value = -3 }, @{ Name = 'MinTokens'; Value = -1 }
    ) {
        $splat = @{ $Name = $Value }
        $thrown = { ConvertTo-NvPayload -Model m -Message hi @splat } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike "ParameterArgumentValidationError,*"
    }

    It 'refuses <Name> in the OpenAI placement before sending, naming the placement' -ForEach @(
        @{ Name = 'TopK'; Value = 40; Field = 'top_k' }
        @{ Name = 'RepetitionPenalty'; Value = 1.2; Field = 'repetition_penalty' }
        @{ Name = 'MinTokens'; Value = 2; Field = 'min_tokens' }
    ) {
        $splat = @{ $Name = $Value }
        $before = @(Get-NimTestRequest $server).Count
        Invoke-NvChatCompletion -BaseUri $uri -Model m -Message hi @splat -ExtensionPlacement OpenAI -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-NimTestRequest $server).Count | Should -Be $before -Because 'nothing is sent'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimInvalidRequest,*'
        $failures[0].Exception.Field | Should -BeExactly $Field
        $failures[0].Exception.Message | Should -BeLike '*OpenAI placement*'
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*-ExtensionPlacement Nvext or TopLevel*'
    }

    It 'leaves out the neutral top_k of -Greedy in the OpenAI placement' {
        $body = ConvertTo-NvPayload -Model m -Message hi -Greedy -ExtensionPlacement OpenAI | ConvertFrom-Body
        $body.temperature | Should -Be 0
        $body.ContainsKey('top_k') | Should -BeFalse
    }

    It 'refuses -JsonSchema on Invoke-NvCompletion in the OpenAI placement, and sends it as guided_json in TopLevel' {
        $before = @(Get-NimTestRequest $server).Count
        Invoke-NvCompletion -BaseUri $uri -Model m -Prompt hi -JsonSchema @{ type = 'object' } -ExtensionPlacement OpenAI -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-NimTestRequest $server).Count | Should -Be $before
        $failures[0].Exception.Field | Should -BeExactly 'response_format'
        $failures[0].Exception.Message | Should -BeLike '*OpenAI placement*'
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*-ExtensionPlacement Nvext or TopLevel*'
    }
}

Describe 'Llama Stack defaults in request documents' {
    It 'sends tool_choice auto for a document with tools and no tool_config' {
        $document = @{ model = 'm'; messages = @(@{ role = 'user'; content = 'Weather?' }); tools = @(@{ tool_name = 'get_weather' }) }
        ($document | ConvertTo-NvPayload | ConvertFrom-Body).tool_choice | Should -BeExactly 'auto'
    }

    It 'sends no sampling key for sampling_params written out as null' {
        $body = '{"model":"m","messages":[{"role":"user","content":"Hi"}],"sampling_params":null}' | ConvertTo-NvPayload | ConvertFrom-Body
        @($body.Keys | Sort-Object) | Should -Be @('messages', 'model', 'n', 'stream')
    }
}

Describe '-AdditionalBody and -AdditionalHeader' {
    It 'merges a hashtable or JSON text into the body last, nested objects key by key' {
        $fromHashtable = ConvertTo-NvPayload -Model m -Message hi -TopK 40 -AdditionalBody @{ nvext = @{ guided_whitespace_pattern = ' ' }; user = 'me' } | ConvertFrom-Body
        $fromText = ConvertTo-NvPayload -Model m -Message hi -TopK 40 -AdditionalBody '{"nvext":{"guided_whitespace_pattern":" "},"user":"me"}' | ConvertFrom-Body
        foreach ($body in $fromHashtable, $fromText) {
            $body.nvext.top_k | Should -Be 40
            $body.nvext.guided_whitespace_pattern | Should -BeExactly ' '
            $body.user | Should -BeExactly 'me'
        }
    }

    It 'says in a verbose line which member the module set it overrides' {
        $verbose = ConvertTo-NvPayload -Model m -Message hi -Temperature 0.2 -AdditionalBody @{ temperature = 0.7 } -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -BeLike '*replaces temperature*'
    }

    It 'works with a Llama Stack request document too' {
        $body = '{"model":"m","messages":[{"role":"user","content":"Hi"}]}' | ConvertTo-NvPayload -AdditionalBody @{ seed = 7 } | ConvertFrom-Body
        $body.seed | Should -Be 7
    }

    It 'refuses <What> at binding' -ForEach @(
        @{ What = 'a JSON array'; Splat = @{ AdditionalBody = '[1]' } }
        @{ What = 'text that is not JSON'; Splat = @{ AdditionalBody = 'nope' } }
        @{ What = 'an Authorization header'; Splat = @{ AdditionalHeader = @{ authorization = 'Bearer x' } } }
    ) {
        $thrown = { ConvertTo-NvPayload -Model m -Message hi @Splat } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
    }

    It 'sends exactly the offline payload''s body and headers' {
        $common = @{ Model = 'm'; Message = 'hi'; MaxTokens = 5; AdditionalBody = @{ nvext = @{ priority = 1 }; n = $null }; AdditionalHeader = @{ 'X-Request-Tag' = 'nightly' } }
        $payload = ConvertTo-NvPayload @common
        Invoke-NvChatCompletion -BaseUri $uri @common | Out-Null
        $sent = (Get-NimTestRequest $server)[-1]
        $sent.body | Should -BeExactly $payload.Body
        ($payload.Body | ConvertFrom-Json -AsHashtable).ContainsKey('n') | Should -BeFalse
        $payload.Headers['X-Request-Tag'] | Should -BeExactly 'nightly'
        $sent.headers.'X-Request-Tag' | Should -BeExactly 'nightly'
    }

    It 'sends -AdditionalHeader with Get-NvModel and Invoke-NvCompletion too' {
        Get-NvModel -BaseUri $uri -AdditionalHeader @{ 'X-Request-Tag' = 'models' } | Out-Null
        (Get-NimTestRequest $server)[-1].headers.'X-Request-Tag' | Should -BeExactly 'models'
        Invoke-NvCompletion -BaseUri $uri -Model m -Prompt hi -AdditionalHeader @{ 'X-Request-Tag' = 'completion' } -AdditionalBody @{ echo = $true } | Out-Null
        $sent = (Get-NimTestRequest $server)[-1]
        $sent.headers.'X-Request-Tag' | Should -BeExactly 'completion'
        ($sent.body | ConvertFrom-Json).echo | Should -BeTrue
    }
}

Describe '-Image' {
    BeforeAll {
        $png = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3)
        $jpeg = [byte[]](0xFF, 0xD8, 0xFF, 0xE0, 4, 5)
        $gif = [Text.Encoding]::ASCII.GetBytes('GIF89a...')
        $webp = [Text.Encoding]::ASCII.GetBytes('RIFF1234WEBPVP8 ')
        $folder = Join-Path $TestDrive 'images'
        New-Item -ItemType Directory -Path $folder | Out-Null
        [IO.File]::WriteAllBytes((Join-Path $folder 'a.png'), $png)
        [IO.File]::WriteAllBytes((Join-Path $folder 'b.png'), $gif)
        [IO.File]::WriteAllBytes((Join-Path $folder 'photo.png'), $jpeg)
        [IO.File]::WriteAllBytes((Join-Path $folder 'odd[1].webp'), $webp)
        [IO.File]::WriteAllBytes((Join-Path $folder 'empty.png'), [byte[]]@())
        [IO.File]::WriteAllBytes((Join-Path $folder 'notes.txt'), [Text.Encoding]::ASCII.GetBytes('just text'))
        function Get-LastUserContent($Payload) { (($Payload.Body | ConvertFrom-Json).messages | Where-Object role -eq 'user')[-1].content }
        function ConvertTo-DataUri([byte[]] $Bytes, $Type) { "data:$Type;base64,$([Convert]::ToBase64String($Bytes))" }
    }

    It 'joins the last user turn as image_url parts after its text, in order' {
        $payload = ConvertTo-NvPayload -Model m -Message 'first', @{ role = 'assistant'; content = 'ok' }, 'What is this?' -Image (Join-Path $folder 'a.png'), 'https://example.com/cat.jpg'
        $messages = ($payload.Body | ConvertFrom-Json).messages
        $messages[0].content | Should -BeExactly 'first'
        $content = $messages[2].content
        $content.Count | Should -Be 3
        $content[0].type | Should -BeExactly 'text'
        $content[0].text | Should -BeExactly 'What is this?'
        $content[1].image_url.url | Should -BeExactly (ConvertTo-DataUri $png 'image/png')
        $content[2].image_url.url | Should -BeExactly 'https://example.com/cat.jpg'
    }

    It 'reads the media type from the first bytes, not the extension' {
        $content = Get-LastUserContent (ConvertTo-NvPayload -Model m -Message hi -Image (Join-Path $folder 'photo.png'), (Join-Path $folder 'b.png'))
        $content[1].image_url.url | Should -BeExactly (ConvertTo-DataUri $jpeg 'image/jpeg')
        $content[2].image_url.url | Should -BeExactly (ConvertTo-DataUri $gif 'image/gif')
    }

    It 'resolves wildcards and relative paths like other path parameters' {
        Push-Location $folder
        try { $content = Get-LastUserContent (ConvertTo-NvPayload -Model m -Message hi -Image '[ab].png') }
        finally { Pop-Location }
        @($content | Select-Object -Skip 1 | ForEach-Object { $_.image_url.url }) | Should -Be @((ConvertTo-DataUri $png 'image/png'), (ConvertTo-DataUri $gif 'image/gif'))
    }

    It 'takes an odd file name as written with -ImageLiteralPath' {
        $content = Get-LastUserContent (ConvertTo-NvPayload -Model m -Message hi -ImageLiteralPath (Join-Path $folder 'odd[1].webp'))
        $content[1].image_url.url | Should -BeExactly (ConvertTo-DataUri $webp 'image/webp')
    }

    It 'passes data: URIs through and sends byte[] as a data: URI' {
        $uri = ConvertTo-DataUri $png 'image/png'
        $content = Get-LastUserContent (ConvertTo-NvPayload -Model m -Message hi -Image $uri)
        $content[1].image_url.url | Should -BeExactly $uri
        $content = Get-LastUserContent (ConvertTo-NvPayload -Model m -Message hi -Image (, $jpeg))
        $content[1].image_url.url | Should -BeExactly (ConvertTo-DataUri $jpeg 'image/jpeg')
    }

    It 'fails at binding, naming the file, for <What>' -ForEach @(
        @{ What = 'a missing file'; Name = 'missing.png' }
        @{ What = 'an empty file'; Name = 'empty.png' }
        @{ What = 'a file that is no image'; Name = 'notes.txt' }
        @{ What = 'a pattern that matches nothing'; Name = 'zz*.png' }
    ) {
        $path = Join-Path $folder $Name
        $before = @(Get-NimTestRequest $server).Count
        $thrown = { Invoke-NvChatCompletion -BaseUri $uri -Model m -Message hi -Image $path } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $thrown.Exception.Message | Should -BeLike "*$Name*"
        @(Get-NimTestRequest $server).Count | Should -Be $before -Because 'nothing is sent'
    }

    It 'keeps images in their turns when a conversation is piped back' {
        $answer = Invoke-NvChatCompletion -BaseUri $uri -Model m -Message 'What is this?' -Image (Join-Path $folder 'a.png')
        $answer | Invoke-NvChatCompletion -BaseUri $uri -Message 'And the colour?' | Out-Null
        $messages = ((Get-NimTestRequest $server)[-1].body | ConvertFrom-Json).messages
        $messages[0].content[1].image_url.url | Should -BeExactly (ConvertTo-DataUri $png 'image/png')
        $messages[-1].content | Should -BeExactly 'And the colour?'
    }

    It 'refuses images when the request has no user turn' {
        ConvertTo-NvPayload -Model m -Message @{ role = 'system'; content = 'Be brief.' } -Image 'https://example.com/cat.jpg' -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimInvalidRequest,*'
        $failures[0].Exception.Field | Should -BeExactly 'Image'
    }
}

Describe 'NVIDIA''s gateway: HTTP 202 and polling' {
    BeforeAll {
        $key = ConvertTo-SecureString 'nvapi-gateway-test' -AsPlainText -Force
        function Get-Poll { @(Get-NimTestRequest $server | Where-Object path -Like '/v2/nvcf/pexec/status/*') }
    }

    It 'polls the status URL with the key until the result (<Mode>)' -ForEach @(@{ Mode = 'whole' }, @{ Mode = 'stream' }) {
        Clear-NimTestRequest $server
        $stream = $Mode -eq 'stream'
        $result = @(Invoke-NvChatCompletion -BaseUri "$($server.Uri)/gateway~3~ok" -ApiKey $key -Model m -Message hi -Stream:$stream)
        # The gateway answers a streamed request with the whole completion as JSON, which the stream reader converts as a whole.
        $text = -join ($result | ForEach-Object { if ($_ -is [NvidiaInference.ChatCompletionResponse]) { $_.Content } else { $_.Delta.Text } })
        $text | Should -BeLike '*Finished after 3 poll(s).*'
        $requests = @(Get-NimTestRequest $server)
        $requests.Count | Should -Be 4 -Because 'the request once, then three polls'
        $requests[0].method | Should -Be 'POST'
        $polls = Get-Poll
        $polls.Count | Should -Be 3
        $polls | ForEach-Object { $_.method | Should -Be 'GET'; $_.headers.Authorization | Should -BeExactly 'Bearer nvapi-gateway-test' }
        @($polls.path | Select-Object -Unique).Count | Should -Be 1
    }

    It 'ends with the gateway''s error after 202, without sending the request again' {
        Clear-NimTestRequest $server
        Invoke-NvChatCompletion -BaseUri "$($server.Uri)/gateway~2~status~500" -Model m -Message hi -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimServerError,*'
        $failures[0].Exception.Message | Should -BeLike '*The function failed*'
        @(Get-NimTestRequest $server | Where-Object method -eq 'POST').Count | Should -Be 1
        (Get-Poll).Count | Should -Be 2
    }

    It 'says it is waiting with Write-Progress and -Verbose' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Join-Path $PSScriptRoot '../../NvidiaInference.psd1')'; Invoke-NvChatCompletion -BaseUri '$($server.Uri)/gateway~3~ok' -Model m -Message hi -Verbose")
            $output = $shell.Invoke()
            $output[0].Content | Should -BeLike 'Finished after*'
            @($shell.Streams.Progress | Where-Object StatusDescription -Like '*gateway*').Count | Should -BeGreaterThan 0
            @($shell.Streams.Verbose | Where-Object Message -Like 'HTTP 202*polling*').Count | Should -Be 3
        }
        finally { $shell.Dispose() }
    }

    It 'stops polling at -TimeoutSec' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Invoke-NvChatCompletion -BaseUri "$($server.Uri)/gateway~100000~ok" -Model m -Message hi -TimeoutSec 2 -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $clock.Stop()
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimTimeout,*'
        $failures[0].Exception.Message | Should -BeLike '*gateway*'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'stops polling at once on Ctrl+C' {
        $shell = [powershell]::Create()
        try {
            Clear-NimTestRequest $server
            $null = $shell.AddScript("Import-Module '$(Join-Path $PSScriptRoot '../../NvidiaInference.psd1')'; Invoke-NvChatCompletion -BaseUri '$($server.Uri)/gateway~100000~ok' -Model m -Message hi")
            $handle = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-Poll).Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            (Get-Poll).Count | Should -BeGreaterThan 0 -Because 'the client is polling'
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
