@{
    Synopsis     = 'Turns texts into vectors with an embedding model (POST /v1/embeddings).'
    Description  = @'
Get-NvEmbedding sends texts to an embedding model, such as NVIDIA's retriever NIMs (nvidia/llama-3.2-nv-embedqa-1b-v2, nvidia/nv-embedqa-e5-v5), and writes one NvidiaInference.Embedding per text, in input order: Index (the text's position among the inputs), Text, Vector (a float[]), Dimension, Model, InputType, and InputObject (the pipeline object the text came from, so that Select-Object can carry file names and ids along).

Texts come from -Text or the pipeline: strings, or objects whose text is in the property -Property names (else a Text property, else the object's string form). Get-Content notes.txt | Get-NvEmbedding -InputType Passage embeds each line and keeps its PSPath in InputObject.

Asymmetric models (the embedqa family) embed questions and documents differently and refuse a request that does not say which: -InputType Query for the text you search with, Passage for the documents to be searched. When -InputType is not given, input_type "query" is sent, as llama-stack's NVIDIA adapter does: embed documents with -InputType Passage.

Inputs are sent in batches of -BatchSize (50 unless given: NIM models take a few dozen to a few hundred per request), up to -ThrottleLimit batches at once; the results are written in input order as the batches complete, with a progress bar on runs longer than a second. A batch the server refuses, or whose connection drops, is an error with the inputs it held as target; the other batches are still written. An empty (or white-space) text is an error for that input alone (NimInvalidRequest), and it is not sent.

The vectors travel as base64 of little-endian float32 unless -EncodingFormat Float is given; both give exactly the numbers the server computed, base64 in about a quarter of the bytes.

To compare vectors, each Embedding has a CosineSimilarity method (another Embedding or a float[]), and [NvidiaInference.VectorSimilarity]::Cosine(a, b) compares two float[]. Vectors are not assumed to be of unit length.
'@
    Parameters   = @{
        Text           = 'The texts to embed, or objects that hold them (see -Property). Takes pipeline input: strings from Get-Content, or objects.'
        Property       = 'The name of the property that holds the text of each pipeline object. Without it, a Text property is used if the object has one, else the object''s string form. A string is always its own text.'
        Model          = 'The embedding model. Without -Model, nvidia/llama-3.2-nv-embedqa-1b-v2 (NVIDIA''s retriever NIM for question answering); a self-hosted NIM serves one model, whose id Get-NvModel gives. Completes from the server''s models.'
        InputType      = 'Query (the default) for texts you search with, Passage for the documents to be searched: sent as NIM''s input_type, which asymmetric models need.'
        Truncate       = 'What the server does with a text longer than the model takes: None (refuse it, the servers'' default), Start or End (cut tokens there). Not sent unless given.'
        Dimensions     = 'The length of the vectors, for models that can shorten them (Matryoshka embeddings); others refuse it. At least 1.'
        EncodingFormat = 'How the vectors travel: Base64 (the default: little-endian float32, decoded exactly) or Float (JSON numbers).'
        BatchSize      = 'The most texts sent in one request (50 unless given). Lower it for a model that takes fewer inputs per request.'
        ThrottleLimit  = 'The most batches in flight at once (4 unless given, at most 64). The output stays in input order.'
    }
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'A text to embed, such as a line from Get-Content (binds to -Text).' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'An object whose text is in -Property (or Text); it is written back as InputObject.' }
    )
    Outputs      = @{
        'NvidiaInference.Embedding' = 'One per text, in input order: Index, Text, Vector (float[]), Dimension, Model, InputType, InputObject. CosineSimilarity(other) compares two embeddings.'
    }
    Examples     = @(
        @{
            Title   = 'Embed a question'
            Code    = @'
Get-NvEmbedding -Model nvidia/llama-3.2-nv-embedqa-1b-v2 -Text 'What does a NIM serve?'
'@
            Remarks = 'Sent with input_type "query"; shows the index, the first numbers of the vector, its dimension and the text.'
        }
        @{
            Title   = 'Embed documents as passages and find the closest to a question'
            Code    = @'
$passages = 'NIM serves models over HTTP.', 'Bread needs yeast.', 'A GPU runs the models NIM serves.' |
    Get-NvEmbedding -Model nvidia/llama-3.2-nv-embedqa-1b-v2 -InputType Passage
$question = Get-NvEmbedding -Model nvidia/llama-3.2-nv-embedqa-1b-v2 -Text 'Where do NIM models run?'
$passages | Sort-Object { $question.CosineSimilarity($_) } -Descending |
    Select-Object @{ Name = 'Similarity'; Expression = { $question.CosineSimilarity($_) } }, Text
'@
            Remarks = 'Documents are embedded as passages, the question as a query; CosineSimilarity compares each passage with the question.'
        }
        @{
            Title   = 'Embed a large file in batches, keeping where each line came from'
            Code    = @'
$file = New-TemporaryFile
Set-Content -LiteralPath $file -Value (1..120 | ForEach-Object { "Note number $_ about GPUs." })
Get-Content -LiteralPath $file |
    Get-NvEmbedding -Model nvidia/llama-3.2-nv-embedqa-1b-v2 -InputType Passage -BatchSize 32 -ThrottleLimit 4 |
    Select-Object Index, Dimension, @{ Name = 'File'; Expression = { Split-Path -Leaf $_.InputObject.PSPath } } -First 3
'@
            Remarks = 'Four requests of up to 32 lines, several at once; the output is in line order. InputObject is the line as Get-Content wrote it, with its PSPath.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvRerank', 'Get-NvModel')
}
