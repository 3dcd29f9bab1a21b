# The API key never leaks (issue 6): a canary key, given as a string, a SecureString and NVIDIA_API_KEY, goes through
# every cmdlet that talks to a server, on success, streaming and every failure path, with -Verbose and -Debug; then
# every output stream, error record, exception text (ToString with inner exceptions and stack), Get-Error rendering,
# $Error, a transcript, and ConvertTo-Json -Depth 10 of every object the module returned (responses with their
# conversation, events, payloads, models, checks, errors' targets) are searched for it. The key was sent each time,
# so the search is not vacuous. Invoke-NvChatCompletion.Tests.ps1 has the first, smaller version of this check.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    $canary = "nvapi-CANARY-$([guid]::NewGuid().ToString('N'))"
    $pattern = [regex]::Escape($canary)
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore

    # Each call as a script; @auth gives the key (-ApiKey a string or a SecureString, or nothing for NVIDIA_API_KEY).
    $calls = [ordered]@{
        'chat'                   = { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi @auth }
        'chat streamed'          = { Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-openai-parallel-tool-calls.sse" -Model m -Message hi -Stream -ToolCallProgress @auth }
        'chat raw lines'         = { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi -Stream -RawOutput @auth }
        'chat continued'         = { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi @auth | Invoke-NvChatCompletion -BaseUri "$uri/ok" -Message again @auth }
        'chat batch'             = { 'a', 'b' | Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -ThrottleLimit 2 @auth }
        'completion'             = { Invoke-NvCompletion -BaseUri "$uri/ok" -Model m -Prompt hi @auth }
        'completion streamed'    = { Invoke-NvCompletion -BaseUri "$uri/ok" -Model m -Prompt hi -Stream @auth }
        'models'                 = { Get-NvModel -BaseUri "$uri/ok" @auth }
        'endpoint check'         = { Test-NvEndpoint -BaseUri "$uri/ok" -Model m -Quick @auth }
        'HTTPS, certificate skipped' = { Invoke-NvChatCompletion -BaseUri "$($server.HttpsUri)/ok" -SkipCertificateCheck -Model m -Message hi @auth }
        'bad request'            = { Invoke-NvChatCompletion -BaseUri "$uri/status~400~error-400-vllm-current.json" -Model m -Message hi @auth }
        'unauthorized'           = { Invoke-NvChatCompletion -BaseUri "$uri/http~http-401-hosted-invalid-token.http" -Model m -Message hi @auth }
        'forbidden'              = { Invoke-NvChatCompletion -BaseUri "$uri/status~403~error-403-hosted.json" -Model m -Message hi @auth }
        'not found'              = { Get-NvModel -BaseUri "$uri/status~404~error-404-hosted.json" @auth }
        'rate limited, retried'  = { Invoke-NvChatCompletion -BaseUri "$uri/status~429~error-429-openai.json~rams10" -Model m -Message hi -MaxRetryCount 1 @auth }
        'server error'           = { Invoke-NvCompletion -BaseUri "$uri/status~500~error-500-hosted-problem-details.json" -Model m -Prompt hi -MaxRetryCount 0 @auth }
        'proxy HTML'             = { Invoke-NvChatCompletion -BaseUri "$uri/html~502" -Model m -Message hi -MaxRetryCount 0 @auth }
        'refused'                = { Invoke-NvChatCompletion -BaseUri 'http://127.0.0.1:1' -Model m -Message hi -MaxRetryCount 1 @auth }
        'unresolvable'           = { Invoke-NvChatCompletion -BaseUri 'https://nim.invalid/v1' -Model m -Message hi -MaxRetryCount 0 @auth }
        'TLS refused'            = { Invoke-NvChatCompletion -BaseUri "$($server.HttpsUri)/ok" -Model m -Message hi @auth }
        'unencrypted refused'    = { Invoke-NvChatCompletion -BaseUri 'http://nim.example.invalid:8000' -Model m -Message hi @auth }
        'idle timeout'           = { Invoke-NvChatCompletion -BaseUri "$uri/stall~2~chat-stream-text.sse~5000" -Model m -Message hi -Stream -IdleTimeoutSec 1 @auth }
        'total timeout'          = { Invoke-NvChatCompletion -BaseUri "$uri/never" -Model m -Message hi -Stream -TimeoutSec 1 @auth }
        'dropped mid-stream'     = { Invoke-NvChatCompletion -BaseUri "$uri/drop~7~chat-stream-openai-parallel-tool-calls.sse" -Model m -Message hi -Stream -MaxRetryCount 0 @auth }
        'error in the stream'    = { Invoke-NvChatCompletion -BaseUri "$uri/replay~chat-stream-error-midstream.sse" -Model m -Message hi -Stream @auth }
        'event too large'        = { Invoke-NvChatCompletion -BaseUri "$uri/big~5000" -Model m -Message hi -Stream -MaxEventSize 1024 @auth }
        'invalid request'        = { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi -Tool @{ tool_name = 'f' } -ToolChoice g @auth }
        'invalid parameter'      = { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi -Temperature 9 @auth }
        'conflicting parameters' = { Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message hi -Greedy -TopK 3 @auth }
    }

    # Runs every call with the key as given ($null: none, so NVIDIA_API_KEY), -Verbose and -Debug, and returns every
    # record of every stream, errors included.
    function Invoke-EveryCall($Key) {
        $auth = if ($null -ne $Key) { @{ ApiKey = $Key } } else { @{} }
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        foreach ($call in $calls.Values) {
            try { & $call *>&1 }
            catch { $_ }
        }
    }

    # Everything there is to read in the records: their text, every exception's ToString() (inner exceptions and
    # stack), Get-Error's rendering of each error, and ConvertTo-Json -Depth 10 of each object and error target.
    function Get-EveryText([object[]] $Records) {
        foreach ($record in $Records) {
            $record | Out-String -Width 4096
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.ToString()
                $record.Exception.ToString()
                $record.ErrorDetails | Out-String -Width 4096
                $record.ScriptStackTrace
                $record | Get-Error | Out-String -Width 4096
                $record | Format-List * -Force | Out-String -Width 4096
                $record.Exception | Format-List * -Force | Out-String -Width 4096
                if ($null -ne $record.TargetObject) { ConvertTo-Json -InputObject $record.TargetObject -Depth 10 -WarningAction SilentlyContinue }
            }
            elseif ($record -isnot [string] -and $record -isnot [System.Management.Automation.InformationalRecord]) {
                ConvertTo-Json -InputObject $record -Depth 10 -WarningAction SilentlyContinue
                $record | Format-List * -Force | Out-String -Width 4096
            }
        }
    }
}

AfterAll {
    Remove-Item Env:NVIDIA_API_KEY -ErrorAction Ignore
    Stop-NimTestServer $server
}

Describe 'The API key never leaks' {
    BeforeEach {
        Clear-NimTestRequest $server
        $Error.Clear()
    }

    It 'appears nowhere when given as <Kind>, on success, streaming and every failure path' -ForEach @(
        @{ Kind = 'a string'; Key = { $canary } }
        @{ Kind = 'a SecureString'; Key = { ConvertTo-SecureString $canary -AsPlainText -Force } }
        @{ Kind = 'NVIDIA_API_KEY'; Key = { $env:NVIDIA_API_KEY = $canary; $null } }
    ) {
        try {
            $records = @(Invoke-EveryCall (& $Key))
            $text = (Get-EveryText $records) -join "`n"
            $errors = ($Error | ForEach-Object { $_ | Out-String -Width 4096; if ($_.Exception) { $_.Exception.ToString() } }) -join "`n"
        }
        finally { Remove-Item Env:NVIDIA_API_KEY -ErrorAction Ignore }

        # Not vacuous: the key went out, the output, verbose, debug and error streams were all read.
        @(Get-NimTestRequest $server | Where-Object { $_.headers.Authorization -ceq "Bearer $canary" }).Count | Should -BeGreaterThan 20
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 18
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 20
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 10
        $text | Should -Match 'GPU computing'
        $text | Should -Match 'get_weather'
        $text | Should -Match 'Conversation'

        $text | Should -Not -Match $pattern
        $errors | Should -Not -Match $pattern
    }

    It 'appears nowhere in a transcript of every call' {
        # In a pwsh of its own, so that what the transcript records (everything written to the host) does not flood
        # this run's output.
        $work = Join-Path ([IO.Path]::GetTempPath()) "nvi-secrets-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $work
        $transcript = Join-Path $work 'transcript.txt'
        $script = Join-Path $work 'calls.ps1'
        try {
            @(
                'param($Manifest, $Uri, $HttpsUri, $Canary, $Transcript)'
                'Import-Module $Manifest'
                '$uri = $Uri; $server = [pscustomobject]@{ HttpsUri = $HttpsUri }; $auth = @{ ApiKey = $Canary }'
                '$VerbosePreference = "Continue"; $DebugPreference = "Continue"; $ErrorActionPreference = "Continue"'
                'Start-Transcript -LiteralPath $Transcript -UseMinimalHeader | Out-Null'
                foreach ($call in $calls.Values) { "try { & { $call } | Out-Host } catch { `$_ | Out-Host }" }
                'Stop-Transcript | Out-Null'
            ) | Set-Content -LiteralPath $script
            $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../../NvidiaInference.psd1')).Path
            & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $script $manifest $uri $server.HttpsUri $canary $transcript *> $null
            $logged = Get-Content -Raw -LiteralPath $transcript
        }
        finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore }

        $logged | Should -Match 'GPU computing' -Because 'the transcript caught the output'
        $logged | Should -Match 'HTTP 401' -Because 'the transcript caught the errors'
        $logged | Should -Match 'VERBOSE: POST' -Because 'the transcript caught verbose messages'
        $logged | Should -Not -Match $pattern
        @(Get-NimTestRequest $server | Where-Object { $_.headers.Authorization -ceq "Bearer $canary" }).Count | Should -BeGreaterThan 20
    }
}

Describe 'A SecureString key stays encrypted until the moment of sending' {
    It 'binds -ApiKey as a SecureString on every cmdlet that talks to a server' -ForEach 'Invoke-NvChatCompletion', 'Invoke-NvCompletion', 'Get-NvModel', 'Test-NvEndpoint' {
        (Get-Command $_).Parameters['ApiKey'].ParameterType | Should -Be ([securestring])
    }

    It 'turns a string -ApiKey into a read-only SecureString at binding' {
        $transform = [NvidiaInference.Transforms.ApiKeyTransformationAttribute]::new()
        $bound = $transform.Transform($null, $canary)
        $bound | Should -BeOfType [securestring]
        $bound.IsReadOnly() | Should -BeTrue
        $bound.Length | Should -Be $canary.Length
    }

    It 'holds no plain copy of the key in the connection parameters or the settings made from them' {
        $connection = [NvidiaInference.Commands.ConnectionParameters]::new()
        $connection.ApiKey = ConvertTo-SecureString $canary -AsPlainText -Force
        $connection.BaseUri = "$uri/ok"
        $toSettings = [NvidiaInference.Commands.ConnectionParameters].GetMethod('ToSettings', [Reflection.BindingFlags]'Instance, NonPublic')
        $settings = $toSettings.Invoke($connection, @())

        # Every string reachable from the objects by their fields (delegates and their closures included), SecureStrings
        # aside: they are where the key is meant to be.
        $seen = [Collections.Generic.HashSet[object]]::new([Collections.Generic.ReferenceEqualityComparer]::Instance)
        $strings = [Collections.Generic.List[string]]::new()
        $walk = {
            param($Value, $Depth)
            if ($null -eq $Value -or $Depth -gt 12 -or $Value -is [securestring] -or $Value -is [type] -or $Value -is [Reflection.MemberInfo] -or -not $seen.Add($Value)) { return }
            if ($Value -is [string]) { $strings.Add($Value); return }
            if ($Value.GetType().IsPrimitive -or $Value -is [enum]) { return }
            if ($Value -is [Collections.IEnumerable]) { foreach ($item in $Value) { & $walk $item ($Depth + 1) } }
            for ($type = $Value.GetType(); $type; $type = $type.BaseType) {
                foreach ($field in $type.GetFields([Reflection.BindingFlags]'Instance, Public, NonPublic, DeclaredOnly')) {
                    if (-not $field.FieldType.IsPointer) { & $walk $field.GetValue($Value) ($Depth + 1) }
                }
            }
        }
        & $walk $connection 0
        & $walk $settings 0

        $strings.Count | Should -BeGreaterThan 0 -Because 'the walk reached the settings'
        $seen.Count | Should -BeGreaterThan 5
        @($strings | Where-Object { $_ -match $pattern }) | Should -BeNullOrEmpty
        @($seen | Where-Object { $_ -is [securestring] }).Count | Should -Be 0 -Because 'SecureStrings are not walked into, and so never added'
    }

    It 'checks that a key is there without decrypting it, and decrypts it only to send a request' {
        $connection = [NvidiaInference.Commands.ConnectionParameters]::new()
        $connection.ApiKey = ConvertTo-SecureString $canary -AsPlainText -Force
        $connection.BaseUri = "$uri/ok"
        $settings = [NvidiaInference.Commands.ConnectionParameters].GetMethod('ToSettings', [Reflection.BindingFlags]'Instance, NonPublic').Invoke($connection, @())
        $settings.HasApiKey.Invoke() | Should -BeTrue
        # The provider decrypts: wrap it to count.
        $reads = [Collections.Generic.List[int]]::new()
        $provider = $settings.ApiKeyProvider
        $settings.ApiKeyProvider = [Func[string]] { $reads.Add(1); $provider.Invoke() }.GetNewClosure()
        $client = [NvidiaInference.Http.NimClient]::new($settings)
        $client.CheckAuthentication()
        $reads.Count | Should -Be 0 -Because 'checking for a key does not decrypt it'
        Clear-NimTestRequest $server
        $client.CompleteChat((ConvertTo-NvPayload -Model m -Message hi)) | Out-Null
        $reads.Count | Should -Be 1 -Because 'the key is decrypted once, into the request being sent'
        (Get-NimTestRequest $server).headers.Authorization | Should -BeExactly "Bearer $canary"
    }
}
