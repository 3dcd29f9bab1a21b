@{
    Synopsis     = 'Builds the exact request body that Invoke-NvChatCompletion would send, offline.'
    Description  = @'
ConvertTo-NvPayload turns chat request parameters, or a Llama Stack request document, into a NimPayload: the Path under the base URI (chat/completions or completions), the exact JSON Body, and the Headers (never a key). It sends nothing, so it shows what a request would be, builds bodies for other tools, and checks a request before it is sent. Invoke-NvChatCompletion builds its bodies with the same code, so what you see here is what it sends.

With no sampling parameter at all, no sampling key is written and the server's defaults apply. NIM's extensions (top_k, repetition_penalty, guided decoding) go where -ExtensionPlacement (or NVIDIA_EXTENSION_PLACEMENT) says.

ConvertTo-NimPayload, the first name of this cmdlet, is an alias of it.
'@
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'A user message (with -Model), or a Llama Stack request document as JSON text.' }
        @{ Type = 'System.Collections.Hashtable'; Description = 'A message (with a role), or a Llama Stack request document (with model and messages, or content for a completion request), which binds to -Request.' }
        @{ Type = 'NvidiaInference.ChatCompletionResponse'; Description = 'A response: its Conversation and Model bind by property name.' }
    )
    Outputs      = @{
        'NvidiaInference.NimPayload' = 'Path, Body (the exact JSON text), Headers (Content-Type, Accept, User-Agent; never a key) and Stream. Its ToString() is the body.'
    }
    Examples     = @(
        @{
            Title   = 'See the body of a request'
            Code    = @'
$payload = ConvertTo-NvPayload -Model meta/llama-3.1-8b-instruct -Message 'Name three rivers.' -Temperature 0.2 -TopK 40 -MaxTokens 100
$payload.Path
$payload.Body
'@
            Remarks = 'top_k is a NIM extension, so it goes into nvext unless -ExtensionPlacement says otherwise.'
        }
        @{
            Title   = 'Convert a Llama Stack request document'
            Code    = @'
@{
    model           = 'meta/llama-3.1-8b-instruct'
    messages        = @(@{ role = 'system'; content = 'Answer briefly.' }, @{ role = 'user'; content = 'Why is the sky blue?' })
    sampling_params = @{ max_tokens = 50; strategy = @{ type = 'top_p'; temperature = 0.7; top_p = 0.9 } }
} | ConvertTo-NvPayload | ForEach-Object Body
'@
            Remarks = 'A document with content instead of messages converts to a completions request.'
        }
        @{
            Title   = 'A guided JSON answer for NIM 2.x or vLLM'
            Code    = @'
$schema = @{ type = 'object'; properties = @{ answer = @{ type = 'string' } }; required = @('answer') }
ConvertTo-NvPayload -Model meta/llama-3.1-8b-instruct -Message 'Is water wet?' -JsonSchema $schema -ExtensionPlacement TopLevel
'@
            Remarks = 'guided_json goes at the top level of the body, where NIM 2.x and vLLM read it.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvChatCompletion', 'ConvertFrom-NvChunk')
}
