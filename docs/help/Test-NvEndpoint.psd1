@{
    Synopsis     = 'Probes what a server can do, one result per capability, and recommends the extension placement to use with it.'
    Description  = @'
Test-NvEndpoint checks a deployment with small, cheap requests (at most thirteen, not retried, with short timeouts) and writes one EndpointCheck per capability as soon as it is known: Reachable (and authenticated), ModelsListed, HealthReady (/v1/health/ready), Chat, Reasoning (whether the model thinks, in which form, and whether thinking switched off through the chat template goes away), Streaming, StreamUsage, ToolCalls, ToolCallsStreamed, StructuredOutput in each extension placement (the answer must follow the schema, not merely be accepted), Logprobs and Completions. Each says Passed, Failed, NotSupported or Skipped, how long it took, and what was seen.

When the chat probe does not pass, two more probes ask whether the model is a retriever: Embeddings (POST /v1/embeddings, which says the vector's dimension) and Reranking (POST /v1/ranking, or the model's own URL on the hosted API). When either passes, the model is an embedding or reranking model (use Get-NvEmbedding or Invoke-NvRerank with it), and the chat probes are skipped.

It ends with RecommendedPlacement: the -ExtensionPlacement to use with that server and model. The recommendation is kept for the session, so -ExtensionPlacement Auto then uses it without probing again.

A probe that fails is a result, not an error: the pipeline goes on. Only what stops every probe (no key for the hosted API, a key over plain HTTP to another machine) is an error. Where to: -BaseUri, else NVIDIA_BASE_URL, else the hosted API; the key: -ApiKey, else NVIDIA_API_KEY.
'@
    Parameters   = @{
        Model = 'The model the chat probes use. Without -Model, the first model the server lists; when the server lists none, the chat probes are Skipped.'
        Quick = 'Runs only the cheapest probes: reachable, models listed, health, chat and streaming.'
    }
    Outputs      = @{
        'NvidiaInference.EndpointCheck' = 'One per capability: Capability, Status (Passed, Failed, NotSupported, Skipped), Duration, Detail (what was seen; on failure the server''s answer or error) and, for structured output and the recommendation, Placement.'
    }
    Notes        = @'
Use it in a deployment's CI: examples/Contract.Tests.ps1 in the repository is a Pester suite built on the same objects. -Verbose shows each request sent.
'@
    Examples     = @(
        @{
            Title   = 'Check a deployment'
            Code    = @'
Test-NvEndpoint -Model meta/llama-3.1-8b-instruct | Format-Table Capability, Status, Placement, Duration
'@
            Remarks = 'Probes the server in NVIDIA_BASE_URL (or the hosted API, with NVIDIA_API_KEY) and shows one line per capability.'
        }
        @{
            Title   = 'A quick health check, failing a script when something is wrong'
            Code    = @'
$failed = Test-NvEndpoint -Quick | Where-Object Status -EQ 'Failed'
if ($failed) { throw "The endpoint failed: $($failed.Capability -join ', ')" }
'The endpoint is healthy.'
'@
            Remarks = 'Only the cheapest probes run.'
        }
        @{
            Title   = 'Use the placement it recommends'
            Code    = @'
$placement = (Test-NvEndpoint -Model meta/llama-3.1-8b-instruct | Where-Object Capability -EQ 'RecommendedPlacement').Placement
"Use -ExtensionPlacement $placement with this server"
'@
            Remarks = 'After Test-NvEndpoint, -ExtensionPlacement Auto uses the same recommendation for that server and model without probing again.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvChatCompletion', 'Get-NvModel')
}
