@{
    Synopsis     = 'Orders passages by their relevance to a query with a reranking model (POST /v1/ranking).'
    Description  = @'
Invoke-NvRerank asks a reranking model, such as nvidia/llama-3.2-nv-rerankqa-1b-v2, how relevant each passage is to a query, and writes the passages best first as NvidiaInference.RankedPassage objects: Rank (1 for the best), Index (the passage's position among the inputs), Logit (the model's raw score: higher is more relevant), Score (the logit mapped to 0..1 by 1/(1+e^-logit)), Text and InputObject (the pipeline object the passage came from). -Top N keeps the best N.

Passages come from -Passage or the pipeline: strings, or objects whose text is in the property -Property names (else a Text property, else the object's string form). An empty passage is an error for it alone (NimInvalidRequest) and is not sent.

The request is NIM's: {model, query: {text}, passages: [{text}], truncate}, sent to {base}/ranking. For NVIDIA's hosted API (no -BaseUri and no NVIDIA_BASE_URL, or a base on integrate.api.nvidia.com), it goes to the model's own URL, https://ai.api.nvidia.com/v1/retrieval/<model, with '.' written as '_'>/reranking; any other -BaseUri is asked at {base}/ranking.

A reranking model scores each passage against the query on its own, so a list longer than -BatchSize (64 unless given) is split over several requests, up to -ThrottleLimit at once, and the scores merged by logit: the order is the one a single request would give. A batch that fails is an error with its passages as target; the passages of the other batches are still ranked and written.

Note: $results.Rank on an array gives the array's own Rank (1); use $results | ForEach-Object Rank.
'@
    Parameters   = @{
        Query         = 'The question or search text to rank the passages against.'
        Passage       = 'The passages to rank, or objects that hold them (see -Property). Takes pipeline input.'
        Property      = 'The name of the property that holds the text of each pipeline object. Without it, a Text property is used if the object has one, else the object''s string form.'
        Model         = 'The reranking model. Without -Model, nvidia/llama-3.2-nv-rerankqa-1b-v2; a self-hosted NIM serves one model, whose id Get-NvModel gives. Completes from the server''s models.'
        Truncate      = 'What the server does with a passage longer than the model takes: None (refuse it, the servers'' default) or End (cut tokens at the end). Not sent unless given.'
        Top           = 'Writes only the best N passages.'
        BatchSize     = 'The most passages sent in one request (64 unless given); longer lists are split and merged by logit.'
        ThrottleLimit = 'The most requests in flight at once (4 unless given, at most 64).'
    }
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'A passage to rank (binds to -Passage).' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'An object whose text is in -Property (or Text); it is written back as InputObject.' }
    )
    Outputs      = @{
        'NvidiaInference.RankedPassage' = 'The passages, best first: Rank, Index, Logit, Score (0..1), Text, InputObject.'
    }
    Examples     = @(
        @{
            Title   = 'Rank passages against a question'
            Code    = @'
Invoke-NvRerank -Model nvidia/llama-3.2-nv-rerankqa-1b-v2 -Query 'Where do NIM models run?' -Passage 'Bread needs yeast.', 'NIM runs models on GPUs.', 'Cats sleep all day.'
'@
            Remarks = 'Shows rank, score, logit, input position and the start of each passage, best first.'
        }
        @{
            Title   = 'Keep the best two of many documents, with their file names'
            Code    = @'
$docs = 'GPUs run NIM models fast.', 'Yeast makes bread rise.', 'NIM models answer over HTTP.' |
    ForEach-Object -Begin { $n = 0 } -Process { [pscustomobject]@{ Name = "doc$n.txt"; Content = $_ }; $n++ }
$docs | Invoke-NvRerank -Model nvidia/llama-3.2-nv-rerankqa-1b-v2 -Query 'How do NIM models answer?' -Property Content -Top 2 -BatchSize 2 |
    Select-Object Rank, Score, @{ Name = 'Name'; Expression = { $_.InputObject.Name } }
'@
            Remarks = 'The passages are sent two per request and merged by logit; InputObject carries each document''s name.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Get-NvEmbedding')
}
