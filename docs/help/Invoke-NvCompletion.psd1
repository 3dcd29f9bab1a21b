@{
    Synopsis     = 'Sends a prompt to the legacy completions API (POST /v1/completions) and writes the generated text as objects.'
    Description  = @'
Invoke-NvCompletion continues a prompt with the legacy completions API, which base (non-chat) models and some servers offer. It writes a CompletionResponse with the content, the stop reason, the log probabilities and the token usage; with -Stream it writes each CompletionStreamChunk the moment it arrives instead.

Strings piped in are independent prompts, one result each, in input order. Use Invoke-NvChatCompletion for chat models, conversations and tools.

Where to: -BaseUri, else NVIDIA_BASE_URL, else the hosted API; the key: -ApiKey, else NVIDIA_API_KEY. Failures are ErrorRecords with stable ErrorIds (see about_NvidiaInference).
'@
    Parameters   = @{
        Prompt = 'The text to continue. Strings piped in are independent prompts, one result each. An empty prompt is allowed.'
    }
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'A prompt. Each string piped in is an independent request.' }
    )
    Outputs      = @{
        'NvidiaInference.CompletionResponse'    = 'Without -Stream: the whole completion (Content, StopReason, Logprobs, Usage, Model, Id). Its ToString() is the content.'
        'NvidiaInference.CompletionStreamChunk' = 'With -Stream: one chunk per piece of text (Delta), the last with the StopReason, and Usage on the chunk that carried it.'
    }
    Examples     = @(
        @{
            Title   = 'Continue a prompt'
            Code    = @'
Invoke-NvCompletion -Model meta/llama-3.1-8b-instruct -Prompt 'The capital of France is' -MaxTokens 9
'@
            Remarks = 'Writes a CompletionResponse; its content is the continuation of the prompt.'
        }
        @{
            Title   = 'Stream the continuation'
            Code    = @'
Invoke-NvCompletion -Model meta/llama-3.1-8b-instruct -Prompt 'Once upon a time' -MaxTokens 40 -Stream |
    ForEach-Object { Write-Host -NoNewline $_.Delta }
'@
            Remarks = 'Each chunk is written the moment it arrives.'
        }
        @{
            Title   = 'Several prompts, with their stop reasons'
            Code    = @'
'Roses are red,', 'The sky is' | Invoke-NvCompletion -Model meta/llama-3.1-8b-instruct -MaxTokens 12 -Temperature 0.7 |
    Select-Object Content, StopReason, @{ Name = 'Tokens'; Expression = { $_.Usage.TotalTokens } }
'@
            Remarks = 'A StopReason of OutOfTokens means -MaxTokens cut the text short.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvChatCompletion')
}
