@{
    Synopsis     = 'Shows a streamed answer at the console as one flowing text while it arrives, then writes the whole answer.'
    Description  = @'
Show-NvStream is for a person at the prompt. Piped the events of Invoke-NvChatCompletion -Stream (or Invoke-NvCompletion -Stream, or ConvertFrom-NvChunk), it writes the answer to the console as it arrives, as one flowing text instead of one line per event: a reasoning model's thinking first, dimmed (hidden with -HideReasoning), then the answer; each tool call on a line of its own as it completes (-> get_weather({"city":"Oslo"})); and after the last event one short line with the stop reason, the token usage and the time to the first token.

The text goes where Write-Host writes (the information stream, shown by the host), so it never mixes with the objects written to the pipeline: without -PassThru, the assembled response (the Complete event's Response) once the stream completes; with -PassThru, every event, so a script can both show and keep them. A whole response piped in is shown the same way.

Colours come from $PSStyle, and are off when NO_COLOR is set, when $PSStyle.OutputRendering is PlainText, or when the console's output is redirected.
'@
    Parameters   = @{
        InputObject   = 'What to show: ChatCompletionEvent or CompletionStreamChunk objects as they arrive, or a whole ChatCompletionResponse or CompletionResponse. Usually piped.'
        HideReasoning = 'Leaves a reasoning model''s thinking out of what is shown (it is still in the response''s Reasoning).'
        PassThru      = 'Writes every object piped in on to the pipeline, instead of the assembled response at the end.'
    }
    Inputs       = @(
        @{ Type = 'NvidiaInference.ChatCompletionEvent'; Description = 'The events of Invoke-NvChatCompletion -Stream or ConvertFrom-NvChunk.' }
        @{ Type = 'NvidiaInference.CompletionStreamChunk'; Description = 'The chunks of Invoke-NvCompletion -Stream.' }
    )
    Outputs      = @{
        'NvidiaInference.ChatCompletionResponse' = 'Without -PassThru: the whole answer of each chat stream, once it completes.'
        'NvidiaInference.CompletionResponse'     = 'Without -PassThru: the whole answer of each text completion stream.'
        'NvidiaInference.ChatCompletionEvent'    = 'With -PassThru: each event piped in.'
        'NvidiaInference.CompletionStreamChunk'  = 'With -PassThru: each chunk piped in.'
    }
    Examples     = @(
        @{
            Title   = 'Watch the answer flow as it is written'
            Code    = @'
Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message 'Write a haiku about GPUs.' -Stream | Show-NvStream
'@
            Remarks = 'The haiku appears as one text while it arrives, followed by a line such as [EndOfTurn | 12 prompt + 17 completion = 29 tokens | first token after 0.21 s]; the whole response is written at the end.'
        }
        @{
            Title   = 'Watch a reasoning model think, and keep the answer'
            Code    = @'
$answer = Invoke-NvChatCompletion -Model nvidia/nemotron-3-nano-30b-a3b -Message 'Is 17 prime?' -Stream | Show-NvStream
$answer.Content
'@
            Remarks = 'The thinking shows dimmed, then the answer; $answer holds the assembled response, with Reasoning and Content.'
        }
        @{
            Title   = 'Show a saved stream and keep its events'
            Code    = @'
$events = Get-Content ./examples/tool-calls-stream.sse | ConvertFrom-NvChunk | Show-NvStream -PassThru
$events.Count
'@
            Remarks = 'Each tool call shows on a line of its own as it completes; -PassThru writes every event on.'
        }
    )
    RelatedLinks = @('Invoke-NvChatCompletion', 'ConvertFrom-NvChunk', 'about_NvidiaInference')
}
