@{
    # The one place the module's version is written: build.ps1 stamps it into the assemblies.
    ModuleVersion        = '0.1.0'
    RootModule           = 'module/bin/NvidiaInference.dll'
    # How responses, stream events, tool calls and models look at the console; Format-List still shows everything.
    FormatsToProcess     = @('module/NvidiaInference.Format.ps1xml')
    GUID                 = '5b0f3c52-7c1e-4d7a-9a43-2f4d8e6a1c90'
    Author               = 'NvidiaInference contributors'
    CompanyName          = 'NvidiaInference'
    Copyright            = '(c) NvidiaInference contributors. MIT License.'
    Description          = 'Script NVIDIA NIM and any OpenAI-compatible chat server from PowerShell: typed requests, streamed events, tool calls, stop reasons and logprobs as pipeline objects.'
    # The version the tests run on (the powershell .NET tool); no earlier version is claimed.
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    CmdletsToExport      = @(
        'ConvertTo-NvPayload'
        'ConvertFrom-NvChunk'
        'Invoke-NvChatCompletion'
        'Invoke-NvCompletion'
        'Get-NvModel'
        'New-NvTool'
        'Test-NvEndpoint'
        'Show-NvStream'
        'Enter-NvChat'
        'Get-NvEmbedding'
        'Invoke-NvRerank'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    # The first names of the two offline cmdlets (issue 2), kept working for the scripts that use them.
    AliasesToExport      = @(
        'ConvertTo-NimPayload'
        'ConvertFrom-NimChunk'
    )
    PrivateData          = @{
        PSData = @{
            Tags       = @('NVIDIA', 'NIM', 'LLM', 'OpenAI', 'AI', 'Inference', 'Streaming', 'PSEdition_Core')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
