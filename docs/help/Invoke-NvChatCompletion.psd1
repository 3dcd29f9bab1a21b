@{
    Synopsis     = 'Sends a chat request to NVIDIA NIM or any OpenAI-compatible server, and writes the answer as objects.'
    Description  = @'
Invoke-NvChatCompletion sends a chat request (POST /v1/chat/completions) and writes a ChatCompletionResponse: the content, the stop reason, the tool calls with their arguments parsed, the log probabilities and the token usage, plus the conversation that produced it. With -Stream it writes each ChatCompletionEvent the moment it arrives instead.

The request comes from parameters (-Model, -Message and the sampling, guided-output and tool parameters), or from a whole Llama Stack request document (-Request, or piped). ConvertTo-NvPayload builds exactly the body this cmdlet sends, offline.

Strings piped in are independent requests, one result each, in input order; with -ThrottleLimit they run concurrently. A piped response continues its conversation. With -ToolHandler the cmdlet runs the tool loop itself: it calls only the tools given in -Tool with only the arguments each declares, asks for confirmation of each call when -Confirm is given (ShouldProcess), sends the results back, and stops at -MaxToolRounds.

Where to: -BaseUri, else NVIDIA_BASE_URL, else the hosted API; the key: -ApiKey, else NVIDIA_API_KEY. Failures are ErrorRecords with stable ErrorIds (see about_NvidiaInference); those that would repeat for every input (no key, authentication, connection) stop the pipeline.
'@
    Parameters   = @{
        ToolHandler   = @'
Runs the tool loop: a hashtable from tool name to a script block (or a command name) that runs the tool. When the model calls tools, each call whose tool was given in -Tool and has a handler is run with its arguments splatted by name, its output (converted to JSON unless it is a string) is sent back as the tool's result, and the model is asked again, until it answers without calling tools or -MaxToolRounds is reached.

A call of a tool that was not given in -Tool is never run: the model is told it is not available, and a warning is written. A tool without a handler ends the loop, and the response is written with its tool calls for you to run. A handler that fails is reported to the model (so it can recover) and as a warning. An argument the tool does not declare (PowerShell's common parameters included) is never passed: the call is refused and the model told. Every call of a response is checked and confirmed before any runs, so stopping never loses a result. Each request and each tool call goes through ShouldProcess: -Confirm asks before each, -WhatIf sends nothing. Works with -Stream.
'@
        MaxToolRounds = @'
The most rounds of tool calls the tool loop runs (1 to 100) before it stops and writes the last response, with its tool calls and a warning. Used with -ToolHandler.
'@
        ThrottleLimit = @'
How many piped requests run at once (1 to 64). The default, 1, runs them one after the other; with more, they share one connection pool and the results are still written in input order. Not with -Stream or -ToolHandler, whose output must stay in order as it arrives.
'@
        RawOutput     = @'
With -Stream: writes the server's stream lines (strings) as they arrive instead of converting them, to save a transcript (Set-Content) and replay it later with ConvertFrom-NvChunk. Not with -ToolHandler or -ThrottleLimit, which need the answer converted.
'@
        WhatIf        = @'
Shows the request that would be sent, and sends nothing (not even the probes of -ExtensionPlacement Auto).
'@
        Confirm       = @'
Asks before sending each request and, with -ToolHandler, before running each tool call, showing it as name(arguments). Declining a tool call stops the loop before any tool of that response runs, and the response is written with its tool calls.
'@
    }
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'A user message. Each string piped in is an independent request.' }
        @{ Type = 'NvidiaInference.ChatCompletionResponse'; Description = 'A response to continue: its Conversation and Model bind by property name, and -Message adds the next turn.' }
        @{ Type = 'System.Collections.Hashtable'; Description = 'A message (with a role), or a whole Llama Stack request document (with model and messages), which binds to -Request.' }
    )
    Outputs      = @{
        'NvidiaInference.ChatCompletionResponse' = 'Without -Stream: the whole answer (Content, Reasoning, StopReason, ToolCalls, Logprobs, Usage, Model, Id, Conversation, and Json with -JsonSchema). Its ToString() is the content.'
        'NvidiaInference.ChatCompletionEvent'    = 'With -Stream: one Start event, Progress events (a piece of thinking with Delta.Type Reasoning, a piece of the answer with Delta.Type Text, or a tool call once its choice finishes), and one Complete event with the stop reason, the usage and the whole assembled Response.'
        'NvidiaInference.CompletionResponse'     = 'For a Llama Stack CompletionRequest document (content instead of messages), without streaming.'
        'NvidiaInference.CompletionStreamChunk'  = 'For a streamed Llama Stack CompletionRequest document.'
        'System.String'                          = 'With -Stream -RawOutput: the lines of the server''s stream as they arrive, to save and replay with ConvertFrom-NvChunk.'
    }
    Notes        = @'
A non-streaming call that takes more than a second shows its elapsed time with Write-Progress; $ProgressPreference = 'SilentlyContinue' turns that off. Ctrl+C stops at once, also while waiting between retries. -Verbose shows the method, URL, status, request id, retries and timings; -Debug shows the bodies; neither ever shows the key.
'@
    Examples     = @(
        @{
            Title   = 'Ask a question'
            Code    = @'
$answer = Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message 'Explain GPU computing in one sentence.' -MaxTokens 64
$answer.Content
$answer.Usage.TotalTokens
'@
            Remarks = 'Sends one message to the server in NVIDIA_BASE_URL (or the hosted API, with NVIDIA_API_KEY) and shows the answer and how many tokens it took.'
        }
        @{
            Title   = 'Stream the answer as it is written'
            Code    = @'
Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message 'What is the capital of France?' -Stream | Show-NvStream
'@
            Remarks = 'Each event is written the moment it arrives, so the first words show while the rest is still coming; Show-NvStream shows them as one flowing text and writes the whole response at the end.'
        }
        @{
            Title   = 'Continue a conversation'
            Code    = @'
$first = Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message 'Name a river in Europe.'
$first | Invoke-NvChatCompletion -Message 'How long is it?' | Select-Object -ExpandProperty Content
'@
            Remarks = 'A piped response brings its conversation and model, so -Message only adds the next turn.'
        }
        @{
            Title   = 'Several prompts, one result each, in order'
            Code    = @'
'Name a river.', 'Name a mountain.', 'Name a desert.' |
    Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -MaxTokens 20 -ThrottleLimit 3 |
    Select-Object Content, StopReason
'@
            Remarks = 'The three requests run at once over one connection pool; the results come back in input order.'
        }
        @{
            Title   = 'Let the model call a tool'
            Code    = @'
$weather = New-NvTool -Name get_weather -Description 'Current weather for a city' -ParameterSchema @{
    type = 'object'; properties = @{ city = @{ type = 'string' } }; required = @('city')
}
$handlers = @{ get_weather = { param($city) @{ city = $city; temperature = 21; sky = 'clear' } } }
Invoke-NvChatCompletion -Model meta/llama-3.1-70b-instruct -Message 'What is the weather in Paris?' -Tool $weather -ToolHandler $handlers
'@
            Remarks = 'When the model calls get_weather, the script block runs with the arguments the model chose, its result goes back to the model, and the final answer is written. Add -Confirm to approve each call.'
        }
        @{
            Title   = 'Pick one of a fixed set of answers'
            Code    = @'
$review = 'The battery lasts all day and the screen is superb.'
(Invoke-NvChatCompletion -Model meta/llama-3.1-8b-instruct -Message "Sentiment of: $review" -GuidedChoice positive, negative, neutral).Content
'@
            Remarks = 'Guided decoding makes the server answer with exactly one of the choices.'
        }
        @{
            Title   = 'See what a reasoning model thought'
            Code    = @'
$answer = Invoke-NvChatCompletion -Model nvidia/nemotron-3-nano-30b-a3b -Message 'Is 17 prime?' -ReasoningEffort low
$answer.Reasoning
$answer.Content
'@
            Remarks = 'The thinking comes back in Reasoning (from reasoning_content, reasoning, or think tags at the start of the content) and the answer alone in Content. -Thinking:$false switches the thinking off for models whose template reads enable_thinking or thinking.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvCompletion', 'ConvertTo-NvPayload', 'New-NvTool', 'Get-NvModel')
}
