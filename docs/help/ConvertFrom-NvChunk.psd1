@{
    Synopsis     = 'Turns server-sent-event lines, chunk JSON or whole responses into stream events and responses, offline.'
    Description  = @'
ConvertFrom-NvChunk reads what an OpenAI-compatible server sends, from a file, a log or another tool, and writes the same objects Invoke-NvChatCompletion writes: ChatCompletionEvent objects for a streamed chat completion, CompletionStreamChunk objects for a streamed text completion, and a ChatCompletionResponse or CompletionResponse for a whole one.

It takes server-sent-event lines (Get-Content of a .sse file), whole SSE text, chunk JSON, or objects from ConvertFrom-Json, and writes each result as soon as its input arrives. Tool calls are assembled however they arrive: whole (NIM 1.x), as fragments keyed by index (OpenAI, vLLM, NIM 2.x), with the name repeated, or as cumulative snapshots. A reasoning model's thinking, in reasoning_content, in reasoning, or inline in <think> tags at the start of the content (also when the tags are cut across chunks), comes out as Reasoning events and in the Reasoning of the response; -RawContent leaves inline tags in the content. After [DONE], a new chunk starts a new stream, so transcripts can be concatenated.

A line that is neither SSE nor JSON is a NimInvalidChunk error and the stream goes on; input that ends with neither [DONE] nor a finish reason is NimStreamTruncated.

ConvertFrom-NimChunk, the first name of this cmdlet, is an alias of it.
'@
    Parameters   = @{
        MaxEventSize = 'The largest line, event (its lines together) or JSON document read, in bytes of UTF-8 (at least 1024; 16 MiB unless given). A larger one is not decoded: it is a NimEventTooLarge error that ends the stream it belongs to, and reading goes on after it.'
        InputObject = 'What to convert: SSE lines or text, chunk or response JSON, or objects from ConvertFrom-Json. Usually piped, one line or object at a time; an array given as -InputObject is read as if each element had been piped.'
    }
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'A server-sent-event line, whole SSE text, or chunk or response JSON.' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'A chunk or response from ConvertFrom-Json, or a hashtable of the same shape.' }
    )
    Outputs      = @{
        'NvidiaInference.ChatCompletionEvent'    = 'For a streamed chat completion: Start, Progress (Text, Reasoning or ToolCall) and Complete events.'
        'NvidiaInference.ChatCompletionResponse' = 'For a whole chat completion (object chat.completion).'
        'NvidiaInference.CompletionStreamChunk'  = 'For a streamed text completion.'
        'NvidiaInference.CompletionResponse'     = 'For a whole text completion (object text_completion).'
    }
    Examples     = @(
        @{
            Title   = 'Read the text of a recorded stream'
            Code    = @'
$sse = @(
    'data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}'
    ''
    'data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":" there!"},"finish_reason":"stop"}]}'
    ''
    'data: [DONE]'
    ''
)
$events = $sse | ConvertFrom-NvChunk
-join ($events | Where-Object { $_.Delta.Type -eq 'Text' } | ForEach-Object { $_.Delta.Text })
($events | Select-Object -Last 1).StopReason
'@
            Remarks = 'These are the lines of a server-sent-event stream, each event ended by a blank line; a recorded .sse file works the same way: Get-Content ./stream.sse | ConvertFrom-NvChunk.'
        }
        @{
            Title   = 'Assemble tool calls streamed in fragments'
            Code    = @'
$sse = @(
    'data: {"id":"c2","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":"}}]},"finish_reason":null}]}'
    ''
    'data: {"id":"c2","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":"tool_calls"}]}'
    ''
    'data: [DONE]'
    ''
)
$call = $sse | ConvertFrom-NvChunk | Where-Object { $_.Delta.Type -eq 'ToolCall' } | ForEach-Object { $_.Delta.ToolCall }
$call.ToolName
$call.Arguments.city
'@
            Remarks = 'The call is written once its choice finishes, with its arguments parsed; -ToolCallProgress also writes the fragments.'
        }
        @{
            Title   = 'Convert a whole response from ConvertFrom-Json'
            Code    = @'
'{"id":"chat-1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}' |
    ConvertFrom-Json | ConvertFrom-NvChunk | Select-Object Content, StopReason, Usage
'@
            Remarks = 'A whole chat.completion becomes a ChatCompletionResponse.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvChatCompletion', 'ConvertTo-NvPayload')
}
