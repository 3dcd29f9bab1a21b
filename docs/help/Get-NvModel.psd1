@{
    Synopsis     = 'Lists the models a server serves (GET /v1/models).'
    Description  = @'
Get-NvModel asks the server for its models and writes one NimModel per model: its Id (what -Model takes), OwnedBy, Created, Root (the base model of a LoRA adapter), Parent and MaxModelLength (the context length, when the server says). -Id filters by id, with wildcards.

A self-hosted NIM serves one model (and its LoRA adapters); the hosted API lists its whole catalog. Where to: -BaseUri, else NVIDIA_BASE_URL, else the hosted API; the key: -ApiKey, else NVIDIA_API_KEY.
'@
    Parameters   = @{
        Id = 'Only the models whose id matches one of these patterns (wildcards allowed, case-insensitive), such as meta/* or *instruct*. Without -Id every model is written.'
    }
    Outputs      = @{
        'NvidiaInference.NimModel' = 'One per model: Id, OwnedBy, Created, Root, Parent, MaxModelLength. Its ToString() is the id.'
    }
    Examples     = @(
        @{
            Title   = 'List the models'
            Code    = @'
Get-NvModel
'@
            Remarks = 'Shows the models of the server in NVIDIA_BASE_URL (or of the hosted API, with NVIDIA_API_KEY) as a table.'
        }
        @{
            Title   = 'Filter by id, and show the context lengths'
            Code    = @'
Get-NvModel -Id 'meta/*' | Select-Object Id, Root, MaxModelLength
'@
            Remarks = 'Wildcards match the id, ignoring case.'
        }
        @{
            Title   = 'Talk to whatever model the server serves'
            Code    = @'
$model = Get-NvModel | Select-Object -First 1
Invoke-NvChatCompletion -Model $model.Id -Message 'Hello! Who are you?' -MaxTokens 40
'@
            Remarks = 'Useful with a self-hosted NIM, which serves one model.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvChatCompletion')
}
