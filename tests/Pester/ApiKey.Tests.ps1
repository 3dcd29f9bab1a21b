# The key rules are checked once per call, by the client, and stop the pipeline before anything is sent, whichever
# cmdlet makes the call (docs/errors.md, The API key). The core's message names no cmdlet parameter; the cmdlet
# layer's recommended action does.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $savedKey = $env:NVIDIA_API_KEY
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore
    # Neither host is ever contacted: both calls fail before anything is sent.
    $hosted = 'https://integrate.api.nvidia.com/v1'
    $plainRemote = 'http://nim.example.invalid:8000'
}

AfterAll {
    if ($savedKey) { $env:NVIDIA_API_KEY = $savedKey }
}

Describe 'The key rules' {
    It '<Name> refuses the hosted API without a key' -ForEach @(
        @{ Name = 'Test-NvEndpoint'; Class = 'TestNvEndpointCommand'; Call = { Test-NvEndpoint -BaseUri $hosted -Model m } }
        @{ Name = 'Get-NvModel'; Class = 'GetNvModelCommand'; Call = { Get-NvModel -BaseUri $hosted } }
        @{ Name = 'Invoke-NvChatCompletion -ExtensionPlacement Auto'; Class = 'InvokeNvChatCompletionCommand'; Call = { Invoke-NvChatCompletion -BaseUri $hosted -Model m -Message hi -ExtensionPlacement Auto } }
        @{ Name = 'Invoke-NvCompletion -ExtensionPlacement Auto'; Class = 'InvokeNvCompletionCommand'; Call = { Invoke-NvCompletion -BaseUri $hosted -Model m -Prompt hi -ExtensionPlacement Auto } }
        @{ Name = 'Invoke-NvChatCompletion -Stream -RawOutput'; Class = 'InvokeNvChatCompletionCommand'; Call = { Invoke-NvChatCompletion -BaseUri $hosted -Model m -Message hi -Stream -RawOutput } }
    ) {
        $Call | Should -Throw -ErrorId "NimApiKeyRequired,NvidiaInference.Commands.$Class"
    }

    It 'stops the pipeline at the first input, so no later input is tried' {
        $failure = $null
        try { 'one', 'two', 'three' | Invoke-NvChatCompletion -BaseUri $hosted -Model m -ErrorAction SilentlyContinue } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'NimApiKeyRequired,NvidiaInference.Commands.InvokeNvChatCompletionCommand'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'Test-NvEndpoint refuses a key over plain HTTP to another machine' {
        { Test-NvEndpoint -BaseUri $plainRemote -ApiKey 'nvapi-not-sent' -Model m } |
            Should -Throw -ErrorId 'NimUnencryptedAuthentication,NvidiaInference.Commands.TestNvEndpointCommand'
    }

    It 'gives the PowerShell advice as the recommended action, not in the core''s message' {
        $failure = $null
        try { Get-NvModel -BaseUri $hosted } catch { $failure = $_ }
        $failure.Exception.Message | Should -Not -Match '-ApiKey|NVIDIA_API_KEY'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-ApiKey'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'NVIDIA_API_KEY'
    }

    It 'names -AllowUnencryptedAuthentication in the recommended action only' {
        $failure = $null
        try { Get-NvModel -BaseUri $plainRemote -ApiKey 'nvapi-not-sent' } catch { $failure = $_ }
        $failure.Exception.Message | Should -Not -Match '-AllowUnencryptedAuthentication'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-AllowUnencryptedAuthentication'
    }
}
