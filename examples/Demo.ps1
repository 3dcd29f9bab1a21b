# The offline demo that `build.ps1 -Task Demo` runs: no network unless NVIDIA_API_KEY is set.
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'NvidiaInference.psd1') -Force

Write-Host "`n== A Llama Stack request converted to the NIM body (examples/chat-request.json)" -ForegroundColor Cyan
$payload = Get-Content -Raw (Join-Path $PSScriptRoot 'chat-request.json') | ConvertTo-NvPayload
"POST {base}/$($payload.Path)"
$payload.Body | ConvertFrom-Json | ConvertTo-Json -Depth 20

Write-Host "`n== A streamed answer replayed through ConvertFrom-NvChunk (examples/text-stream.sse)" -ForegroundColor Cyan
$events = Get-Content (Join-Path $PSScriptRoot 'text-stream.sse') | ConvertFrom-NvChunk
$events | Select-Object EventType, @{ n = 'Text'; e = { $_.Delta.Text } }, StopReason | Format-Table -AutoSize | Out-String
"Assembled text: " + -join ($events | Where-Object { $_.Delta.Type -eq 'Text' } | ForEach-Object { $_.Delta.Text })

Write-Host "`n== Two parallel tool calls streamed in fragments (examples/tool-calls-stream.sse)" -ForegroundColor Cyan
$calls = Get-Content (Join-Path $PSScriptRoot 'tool-calls-stream.sse') | ConvertFrom-NvChunk |
    Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { $_.Delta.ToolCall }
$calls | Format-List ToolName, CallId, ArgumentsJson, ParseStatus | Out-String
"The first call's city: $($calls[0].Arguments.city)"

if ($env:NVIDIA_API_KEY -and (Get-Command Invoke-NvChatCompletion -ErrorAction Ignore)) {
    Write-Host "`n== One real call to NVIDIA NIM" -ForegroundColor Cyan
    Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message 'Say hello in five words.' -MaxTokens 32
}
