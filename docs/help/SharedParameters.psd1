# The text of parameters that several cmdlets share. A cmdlet's own help source (docs/help/<Cmdlet>.psd1) wins over
# this file. Only prose lives here: names, types, positions, pipeline input and defaults come from the code
# (build/Build-ModuleHelp.ps1). An entry is the description, or @{ Description = ...; Default = ... } for a default
# the code cannot show (one read from the environment).
@{
    # Connection (every cmdlet that talks to a server).
    BaseUri                        = @{
        Description = @'
The server to talk to: a NIM, vLLM or any OpenAI-compatible server, such as http://localhost:8000/v1. A base URI without /v1 gets it, so http://localhost:8000 works for a self-hosted NIM.

Without -BaseUri the NVIDIA_BASE_URL environment variable is used, and without that the hosted API https://integrate.api.nvidia.com/v1.
'@
        Default     = 'NVIDIA_BASE_URL, else https://integrate.api.nvidia.com/v1'
    }
    ApiKey                         = @{
        Description = @'
The API key, as a SecureString (Read-Host -AsSecureString) or a string; it is kept encrypted until the moment a request is sent. Without -ApiKey the NVIDIA_API_KEY environment variable is used.

The hosted API without a key is refused before anything is sent (NimApiKeyRequired); a self-hosted server without a key gets no Authorization header. The key never appears in output, verbose or debug messages, or errors.
'@
        Default     = 'NVIDIA_API_KEY'
    }
    AllowUnencryptedAuthentication = @'
Allows the key to be sent over plain HTTP to another machine. Without it such a call is refused before anything is sent (NimUnencryptedAuthentication), as Invoke-RestMethod does. A key to a server on this machine (localhost, 127.0.0.1) over HTTP is always allowed.
'@
    SkipCertificateCheck           = @'
Accepts any server certificate, such as the self-signed one of a NIM on the local network. Only for servers you trust: the connection is then open to interception.
'@
    TimeoutSec                     = @'
The longest the whole call may take, in seconds (1 to 86400), retries, streaming and waiting for NVIDIA's gateway included: when the hosted API answers HTTP 202 (the request is still running), the call polls its status URL, with a Write-Progress display, until the answer comes or this time passes. When it passes, the call ends with a NimTimeout error.
'@
    IdleTimeoutSec                 = @'
The longest silence allowed, in seconds (1 to 86400): while waiting for the response's headers, and between two pieces of a stream. When it passes, the call ends with a NimIdleTimeout error; events already written stay written.
'@
    MaxRetryCount                  = @'
How many times a failed request is tried again (0 to 10): connection failures and HTTP 408, 409, 429 and 5xx, with jittered exponential back-off that honours the server's Retry-After and retry-after-ms headers. A stream is never retried once it has started to arrive. 0 turns retries off.
'@
    MaxEventSize                   = @'
The largest server-sent event, or whole JSON answer, the call reads into memory, in bytes (at least 1024; 16 MiB unless given, so -MaxEventSize 64MB works). A larger one is never buffered: the call ends with NimEventTooLarge, after the events before it were written. Give more only for a server that really sends that much in one piece.
'@

    # Generation (Invoke-NvChatCompletion, Invoke-NvCompletion, ConvertTo-NvPayload).
    Model                          = @'
The model to use, as the server names it, such as meta/llama-3.1-8b-instruct; Get-NvModel lists the server's models, and pressing Tab completes them (from the server, or a built-in list of NIM models when it cannot be reached).

Binds by property name, so a piped response supplies the model that wrote it.
'@
    Temperature                    = @'
Sampling temperature, 0 to 2: lower is more focused, higher more varied. Without any sampling parameter no sampling key is sent and the server's defaults apply. Cannot be combined with -Greedy.
'@
    TopP                           = @'
Nucleus sampling: only the most likely tokens whose probabilities add up to this value (greater than 0, at most 1) are considered. Cannot be combined with -Greedy.
'@
    TopK                           = @'
Only the K most likely tokens are considered (at least 1, or -1 for no limit). A NIM extension: it goes where -ExtensionPlacement says, and is refused with -ExtensionPlacement OpenAI (OpenAI rejects it). Cannot be combined with -Greedy.
'@
    Greedy                         = @'
Asks for greedy decoding explicitly (temperature 0, top_k -1): the most likely token every time. Cannot be combined with -Temperature, -TopP or -TopK (NimConflictingParameters).
'@
    MaxTokens                      = @'
The most tokens to generate (at least 1). When the answer is cut short, its StopReason is OutOfTokens.
'@
    RepetitionPenalty              = @'
Penalises tokens that already appeared (greater than 0, at most 2; 1 means no penalty). A NIM extension: it goes where -ExtensionPlacement says, and is refused with -ExtensionPlacement OpenAI (OpenAI rejects it).
'@
    Stop                           = @'
One or more strings that end the generation when the model writes them; the stop string itself is not part of the answer.
'@
    JsonSchema                     = @'
Constrains the answer to JSON that follows this schema (NIM's guided_json, or OpenAI's response_format with -ExtensionPlacement OpenAI). Takes a hashtable, JSON text, or a .NET type whose schema is generated. With a schema, a chat response also carries the parsed answer in its Json property ($r.Json.name).

Only one guided mode at a time: -JsonSchema, -GuidedRegex, -GuidedChoice or -GuidedGrammar.
'@
    GuidedRegex                    = @'
Constrains the answer to match this regular expression (NIM's guided_regex). A NIM (vLLM) extension: not with -ExtensionPlacement OpenAI. Only one guided mode at a time.
'@
    GuidedChoice                   = @'
Constrains the answer to exactly one of these strings (NIM's guided_choice), such as -GuidedChoice positive, negative, neutral. A NIM (vLLM) extension: not with -ExtensionPlacement OpenAI. Only one guided mode at a time.
'@
    GuidedGrammar                  = @'
Constrains the answer to follow this grammar (NIM's guided_grammar: EBNF or context-free grammar text, as the server's guided-decoding backend reads it). A NIM (vLLM) extension: not with -ExtensionPlacement OpenAI. Only one guided mode at a time.
'@
    Logprobs                       = @'
Asks for the log probability of every generated token, with this many of the most likely alternatives at each position (0 to 20). They arrive in the Logprobs property of the response or of each stream event, as TokenLogprobs objects.
'@
    Stream                         = @'
Streams the answer: each event is written to the pipeline the moment it arrives, so the first words show while the rest is still coming. Without -Stream one whole response is written.
'@
    ExtensionPlacement             = @{
        Description = @'
Where NIM's extensions (top_k, repetition_penalty, guided decoding) go in the request body:

- Nvext: inside an nvext object, as NIM 1.x reads them.
- TopLevel: at the top level, as NIM 2.x and vLLM read them.
- OpenAI: OpenAI's standard fields only, for OpenAI-style servers (llama.cpp's llama-server and others): a JSON schema as response_format; -TopK, -RepetitionPenalty, -MinTokens and the guided modes are refused before sending, and so is -JsonSchema on Invoke-NvCompletion.
- Auto: the placement Test-NvEndpoint recommends for the server and model, probed once per base URI and model in the session (or not at all after Test-NvEndpoint); -Verbose says what was chosen and why. Only for cmdlets that talk to a server: ConvertTo-NvPayload needs one of the others.

Without -ExtensionPlacement the NVIDIA_EXTENSION_PLACEMENT environment variable is used, and without that Nvext. An empty nvext object is never sent.
'@
        Default     = 'NVIDIA_EXTENSION_PLACEMENT, else Nvext'
    }

    # Chat requests (Invoke-NvChatCompletion, ConvertTo-NvPayload).
    Request                        = @'
A whole request document in Llama Stack's form, as JSON text, a hashtable or an object (ConvertFrom-Json): a ChatCompletionRequest (model, messages, tools, sampling_params, response_format, ...) or, with content instead of messages, a CompletionRequest. It converts unchanged; fields it cannot carry are reported as warnings. Bound from the pipeline when the input is not a message.
'@
    Message                        = @'
The message or messages to send. A string is a user turn; a hashtable or object with a role (user, system, assistant, tool) is a Llama Stack message, with content, tool_calls or call_id; an earlier response is its assistant turn with its tool calls. An array is a whole conversation, in order.

Strings piped in are independent requests: one result each, in input order.
'@
    Conversation                   = @'
The conversation so far, sent before -Message. Binds by property name: a piped response carries its Conversation (the messages that produced it plus its own answer) and its Model, so $answer | Invoke-NvChatCompletion -Message 'And then?' continues it.
'@
    SystemPrompt                   = @'
Instructions for the model, sent as a system message before the conversation.
'@
    Tool                           = @'
The tools the model may call: New-NvTool results, or definitions as hashtables, objects or JSON text, in Llama Stack's form (tool_name, description, parameters with param_type) or OpenAI's (type function, function with name and a JSON schema). The model's calls come back as ToolCall objects, with their arguments parsed.
'@
    ToolChoice                     = @'
Whether and which tool the model must call: auto (it decides), required (it must call one), none (it must not), or the name of one of the tools given. Needs -Tool. Pressing Tab completes these and the names of the tools in -Tool.
'@
    ToolCallProgress               = @'
Also writes the fragments of streamed tool calls as they arrive (ParseStatus Started, then InProgress; each with the call's id and name and that fragment's text), not only each whole call once its choice finishes (Succeeded or Failed).
'@

    # Reasoning models (Invoke-NvChatCompletion, ConvertTo-NvPayload; -RawContent also ConvertFrom-NvChunk).
    ReasoningEffort                = @'
How hard a reasoning model thinks: none, minimal, low, medium, high or max (pressing Tab completes them). Sent as the top-level reasoning_effort field in every placement, OpenAI included; which values a model accepts is the model's own (gpt-oss and DeepSeek take low, medium and high; some hosted models also none and max), and some hosted reasoning models stay in non-thinking mode without it.
'@
    Thinking                       = @'
Turns the model's thinking on (-Thinking) or off (-Thinking:$false) through its chat template: chat_template_kwargs with both enable_thinking (Qwen3, Nemotron 3, llama.cpp) and thinking (DeepSeek V3.1 and later), since templates differ in the switch they read and ignore one they do not know. Without the parameter nothing is sent and the model's default applies. Models that are switched by their system prompt instead (Llama 3.3 Nemotron Super: 'detailed thinking on' or 'detailed thinking off') take -SystemPrompt. Refused in the OpenAI placement, which sends standard fields only: use -ReasoningEffort there.
'@
    ChatTemplateArgument           = @'
Other chat template switches, as a hashtable, sent in chat_template_kwargs beside those of -Thinking (a key given here wins over -Thinking's). Refused in the OpenAI placement, which sends standard fields only.
'@
    MaxThinkingTokens              = @'
NIM's thinking budget: after this many tokens of thinking the server ends the thinking and the model answers (0 or more). Sent as max_thinking_tokens, in nvext or at the top level as -ExtensionPlacement says; refused in the OpenAI placement. Servers without budget control ignore or reject it; -MaxTokens still bounds the whole answer, thinking included.
'@
    RawContent                     = @'
Keeps the content exactly as the server sent it: thinking that the server left inline in <think> tags at the start of the content stays in Content (and in Text events) instead of moving to Reasoning (and Reasoning events). Thinking the server sent in a field of its own (reasoning_content or reasoning) is still read into Reasoning.
'@
    # The standard knobs (Invoke-NvChatCompletion, Invoke-NvCompletion, ConvertTo-NvPayload).
    Seed                           = @'
The seed of the server's random sampling (OpenAI's seed), so that the same request can give the same answer on a server that supports it. Sent at the top level in every -ExtensionPlacement.
'@
    FrequencyPenalty               = @'
OpenAI's frequency_penalty, -2 to 2: above 0 discourages tokens in proportion to how often they already appeared. Sent at the top level in every -ExtensionPlacement; some hosted models refuse it.
'@
    PresencePenalty                = @'
OpenAI's presence_penalty, -2 to 2: above 0 discourages tokens that appeared at all, nudging the model to new topics. Sent at the top level in every -ExtensionPlacement; some hosted models refuse it.
'@
    MinTokens                      = @'
The fewest tokens to generate before a stop is allowed (NIM's min_tokens, 0 or more, at most -MaxTokens). A NIM extension: it goes where -ExtensionPlacement says, and is refused with -ExtensionPlacement OpenAI.
'@
    ParallelToolCalls              = @'
$true or $false: whether the model may call several tools in one turn (parallel_tool_calls). Sent only when given, and needs -Tool (NimConflictingParameters otherwise). vLLM accepts and ignores it.
'@
    AdditionalBody                 = @'
A way past the module for a field it does not know yet: a hashtable or JSON object text merged into the request body last. Objects merge key by key, so @{ nvext = @{ guided_whitespace_pattern = ' ' } } adds to the module's nvext instead of replacing it; any other value replaces the module's, and $null removes the member. stream cannot be set here (give -Stream). Each member the module had set that this changes is said in a verbose line (-Verbose). ConvertTo-NvPayload shows the merged body, exactly as it is sent.
'@
    AdditionalHeader               = @'
Headers to send with every request, as a hashtable of names and values, such as @{ 'X-Request-Tag' = 'nightly' }; one with the name of a header the module sets (User-Agent, Accept) replaces it. Authorization is refused (the key goes only through -ApiKey or NVIDIA_API_KEY). ConvertTo-NvPayload puts them in the payload's Headers, exactly as they are sent.
'@
    Image                          = @'
Images for a vision model, sent in the last user turn as image_url parts after its text: file paths (wildcards and relative paths resolved like other PowerShell path parameters; use -ImageLiteralPath for names with [ ] * ?), http or https URLs (passed through), data: URIs, or byte[]. Several are allowed, in order. A file is sent as a data: URI whose media type is read from its first bytes (PNG, JPEG, GIF or WebP), not from its extension; a missing, empty or unknown file fails at binding, naming the file, before anything is sent. Images in a conversation piped back stay in their turns.
'@
    ImageLiteralPath               = @'
Image files taken exactly as written (no wildcards), for names such as photo[1].png; otherwise as -Image. Images from -Image come first.
'@

    # ShouldProcess.
    WhatIf                         = @'
Shows what would happen without doing it.
'@
    Confirm                        = @'
Asks for confirmation before each action.
'@
}
