# Get-NvEmbedding against the loopback test server (tests/NimTestServer/RetrievalScenario.cs): the request it sends,
# batching and order, base64 and float vectors, pipeline objects, the llama-server recordings, and every fault.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    Import-Module (Join-Path $PSScriptRoot '../../NvidiaInference.psd1') -Force
    $server = Start-NimTestServer
    $uri = $server.Uri
    $command = 'NvidiaInference.Commands.GetNvEmbeddingCommand'
    $recordings = Join-Path $PSScriptRoot '../fixtures/llamacpp-embeddings'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL -ErrorAction Ignore

    function Get-EmbeddingRequest {
        Get-NimTestRequest $server | Where-Object path -like '*/v1/embeddings' | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable }
    }

    function Get-CallError([scriptblock] $Call) {
        try { @(& $Call 2>&1) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } }
        catch { $_ }
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Get-NvEmbedding' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'sends input_type query and base64 by default, and writes one float[] per text with its index, text and model' {
        $result = @(Get-NvEmbedding -BaseUri "$uri/retrieval~asym" -Model 'nvidia/nv-embedqa-e5-v5' -Text 'What is NIM?', 'GPUs run models')
        $result.Count | Should -Be 2
        $result[0] | Should -BeOfType ([NvidiaInference.Embedding])
        $result[0].Vector.GetType() | Should -Be ([float[]])
        $result[0].Dimension | Should -Be 32
        $result.Index | Should -Be 0, 1
        $result.Text | Should -Be 'What is NIM?', 'GPUs run models'
        $result[0].Model | Should -BeExactly 'nvidia/nv-embedqa-e5-v5'
        $result[0].InputType | Should -Be 'Query'
        $result[0].InputObject | Should -BeNullOrEmpty
        $body = Get-EmbeddingRequest
        $body.input | Should -Be 'What is NIM?', 'GPUs run models'
        $body.input_type | Should -BeExactly 'query'
        $body.encoding_format | Should -BeExactly 'base64'
        $body.Keys | Should -Not -Contain 'truncate'
        $body.Keys | Should -Not -Contain 'dimensions'
    }

    It 'embeds piped lines without -Model, with NVIDIA''s embedding model' {
        $result = @('NIM serves models.', 'GPUs run them.' | Get-NvEmbedding -BaseUri "$uri/retrieval" -InputType Passage)
        $result.Count | Should -Be 2
        (Get-EmbeddingRequest).model | Should -BeExactly 'nvidia/llama-3.2-nv-embedqa-1b-v2'
        $result[0].Model | Should -BeExactly 'nvidia/llama-3.2-nv-embedqa-1b-v2'
    }

    It 'gives the same vectors as float numbers and as base64' {
        $base64 = Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text 'the same words twice'
        $float = Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text 'the same words twice' -EncodingFormat Float
        (Get-EmbeddingRequest)[1].encoding_format | Should -BeExactly 'float'
        $float.Vector | Should -Be $base64.Vector
        $float.CosineSimilarity($base64) | Should -BeGreaterThan 0.99999
    }

    It 'sends -InputType Passage, -Truncate and -Dimensions as NIM spells them' {
        $result = Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text 'a passage' -InputType Passage -Truncate End -Dimensions 16
        $result.Dimension | Should -Be 16
        $result.InputType | Should -Be 'Passage'
        $body = Get-EmbeddingRequest
        $body.input_type | Should -BeExactly 'passage'
        $body.truncate | Should -BeExactly 'END'
        $body.dimensions | Should -Be 16
    }

    It 'splits the inputs into -BatchSize batches, several in flight, and writes them in input order' {
        $texts = 1..23 | ForEach-Object { "text number $_" }
        $result = @($texts | Get-NvEmbedding -BaseUri "$uri/retrieval~shuffle" -Model m -BatchSize 5 -ThrottleLimit 3)
        $result.Count | Should -Be 23
        $result.Index | Should -Be (0..22)
        $result.Text | Should -Be $texts
        $batches = @(Get-EmbeddingRequest)
        ($batches | ForEach-Object { $_.input.Count }) | Sort-Object | Should -Be 3, 5, 5, 5, 5
        # Placed by index although the server sent each batch's data in reverse: each vector is its own text's.
        $again = Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text 'text number 17'
        $result[16].Vector | Should -Be $again.Vector
    }

    It 'reads the text of pipeline objects from -Property, else Text, else the string form, and keeps the object' {
        $objects = [pscustomobject]@{ Id = 1; Body = 'first body' }, [pscustomobject]@{ Id = 2; Body = 'second body' }
        $result = @($objects | Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Property Body)
        $result.Text | Should -Be 'first body', 'second body'
        $result[1].InputObject.Id | Should -Be 2
        (@([pscustomobject]@{ Text = 'from Text' }, 42) | Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m).Text | Should -Be 'from Text', '42'
    }

    It 'embeds the lines of a file from Get-Content, keeping each line''s PSPath' {
        $file = Join-Path $TestDrive 'notes.txt'
        Set-Content -LiteralPath $file -Value 'NIM serves models.', 'Embeddings are vectors.'
        $result = @(Get-Content -LiteralPath $file | Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -InputType Passage)
        $result.Text | Should -Be 'NIM serves models.', 'Embeddings are vectors.'
        $result[0].InputObject.PSPath | Should -Match 'notes\.txt$'
    }

    It 'reports an empty text as NimInvalidRequest for that input alone and embeds the others' {
        $output = @(Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text 'one', '', 'three', '   ' 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $embeddings = @($output | Where-Object { $_ -is [NvidiaInference.Embedding] })
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$command"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Field | Should -BeExactly 'input[1]'
        $errors[0].Exception.Message | Should -Match 'position 1 is empty'
        $errors[1].Exception.Message | Should -Match 'position 3 holds only white space'
        $embeddings.Text | Should -Be 'one', 'three'
        $embeddings.Index | Should -Be 0, 2
        (Get-EmbeddingRequest).input | Should -Be 'one', 'three'
    }

    It 'refuses -Dimensions 0 and a missing -Property before sending anything' {
        { Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text a -Dimensions 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NvidiaInference.Commands.GetNvEmbeddingCommand'
        $missing = Get-CallError { [pscustomobject]@{ Id = 1 } | Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Property Body }
        $missing.FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$command"
        $missing.Exception.Message | Should -Match "no property 'Body'"
        $missing.TargetObject.Id | Should -Be 1
        @(Get-EmbeddingRequest).Count | Should -Be 0
    }

    It 'always sends input_type, which an asymmetric model needs (the server refuses a request without it)' {
        $refused = Invoke-WebRequest -Uri "$uri/retrieval~asym/v1/embeddings" -Method Post -ContentType 'application/json' -Body '{"model":"m","input":["x"]}' -SkipHttpErrorCheck
        $refused.StatusCode | Should -Be 400
        $refused.Content | Should -Match 'input_type'
        (Get-NvEmbedding -BaseUri "$uri/retrieval~asym" -Model m -Text 'x').Dimension | Should -Be 32
    }

    It 'carries the server''s message for a refused text (llama-server''s recorded 400 for an empty string)' {
        $thrown = Get-CallError { Get-NvEmbedding -BaseUri "$uri/retrieval~llamacpp~embed-empty-string" -Model m -Text 'x' }
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimBadRequest,$command"
        $thrown.Exception.Message | Should -Match 'Input content cannot be empty'
    }

    It 'reports a batch the server refuses (413 for too many inputs) with its inputs as target, and writes the other batches' {
        $output = @(Get-NvEmbedding -BaseUri "$uri/retrieval~max3" -Model m -Text a, b, c, d, e -BatchSize 4 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimRequestFailed,$command"
        $errors[0].Exception.Message | Should -Match 'at most 3 per request'
        $errors[0].TargetObject | Should -Be a, b, c, d
        ($output | Where-Object { $_ -is [NvidiaInference.Embedding] }).Text | Should -Be 'e'
    }

    It 'reports a connection dropped mid-batch as NimConnectionFailed for that batch and writes the others in order' {
        $output = @(Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text one, two, 'drop-connection', four, five -BatchSize 2 -ThrottleLimit 2 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimConnectionFailed,$command"
        $errors[0].TargetObject | Should -Be 'drop-connection', 'four'
        ($output | Where-Object { $_ -is [NvidiaInference.Embedding] }).Text | Should -Be 'one', 'two', 'five'
    }

    It 'waits as a 429 Retry-After asks and then embeds' {
        $result = Get-NvEmbedding -BaseUri "$uri/retrieval~rate1" -Model m -Text 'after a wait' -Verbose 4>&1
        ($result | Where-Object { $_ -is [NvidiaInference.Embedding] }).Text | Should -Be 'after a wait'
        ($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'HTTP 429'
        @(Get-EmbeddingRequest).Count | Should -Be 2
    }

    It 'gives NimRateLimited when the server keeps answering 429' {
        $thrown = Get-CallError { Get-NvEmbedding -BaseUri "$uri/retrieval~rate9" -Model m -Text 'x' -MaxRetryCount 0 }
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimRateLimited,$command"
        $thrown.CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'replays llama-server''s recorded <Name> answer and gives the recorded numbers' -ForEach @(
        @{ Name = 'embed-batch'; Texts = 'NIM serves models.', 'PowerShell pipes objects.', 'Embeddings are vectors.' }
        @{ Name = 'embed-nim-fields'; Texts = , 'What is NIM?' }
        @{ Name = 'embed-base64'; Texts = 'NIM serves models.', 'Embeddings are vectors.' }
    ) {
        $result = @(Get-NvEmbedding -BaseUri "$uri/retrieval~llamacpp~$Name" -Model m -Text $Texts)
        $recorded = Get-Content -Raw (Join-Path $recordings "$Name.response.json") | ConvertFrom-Json
        $result.Count | Should -Be $Texts.Count
        foreach ($item in $recorded.data) {
            $expected = if ($item.embedding -is [string]) {
                $bytes = [Convert]::FromBase64String($item.embedding)
                for ($k = 0; $k -lt $bytes.Length; $k += 4) { [BitConverter]::ToSingle($bytes, $k) }
            } else { $item.embedding | ForEach-Object { [float]$_ } }
            $result[$item.index].Vector | Should -Be $expected
        }
        $result[0].Model | Should -BeExactly 'nvidia/llama-3.2-nv-embedqa-1b-v2'
    }

    It 'reports llama-server''s recorded 500 for an over-long input as NimServerError with its message' {
        $thrown = Get-CallError { Get-NvEmbedding -BaseUri "$uri/retrieval~llamacpp~embed-too-long" -Model m -Text 'long' -MaxRetryCount 0 }
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimServerError,$command"
        $thrown.Exception.Message | Should -Match 'too large to process'
    }

    It 'reports a chat answer to an embedding request as NimInvalidResponse' {
        $thrown = Get-CallError { Get-NvEmbedding -BaseUri "$uri/retrieval~llamacpp~embed-chat-refused" -Model m -Text 'x' }
        $thrown.FullyQualifiedErrorId | Should -BeExactly "NimInvalidResponse,$command"
        $thrown.Exception.Message | Should -Match 'not an embedding response'
    }
}

Describe 'Cosine similarity of embeddings' {
    It 'is 1 for the same text, higher for texts that share words, and ranks passages against a query' {
        $passages = Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -InputType Passage -Text 'GPUs run models fast', 'cats sleep all day', 'models run on GPUs'
        $query = Get-NvEmbedding -BaseUri "$uri/retrieval" -Model m -Text 'which GPUs run models'
        $passages[0].CosineSimilarity($passages[0]) | Should -BeGreaterThan 0.99999
        $passages[0].CosineSimilarity($passages[2]) | Should -BeGreaterThan $passages[0].CosineSimilarity($passages[1])
        $best = $passages | Sort-Object { $query.CosineSimilarity($_) } -Descending | Select-Object -First 1
        $best.Text | Should -Not -Be 'cats sleep all day'
        [NvidiaInference.VectorSimilarity]::Cosine([float[]](3, 4), [float[]](4, 3)) | Should -BeGreaterThan 0.959
        { $query.CosineSimilarity([float[]](1, 2)) } | Should -Throw '*different dimensions (32 and 2)*'
    }
}

Describe 'Format views of embeddings and rankings' {
    It 'shows an embedding as its index, its first numbers, its dimension and its text, and Format-List shows every property' {
        $embedding = [NvidiaInference.Embedding]::new(3, 'GPUs run models', [float[]](0.5, -0.25, 1, 0, 0.125), 'm', 'Passage', $null)
        $lines = @(($embedding | Out-String -Width 200) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match '^\s*Index\s+Vector\s+Dimension\s+Text$'
        $lines[2] | Should -Match '^\s+3 0\.5000, -0\.2500, 1\.0000, 0\.0000, \.\.\.\s+5 GPUs run models$'
        ($embedding | Format-List * | Out-String) | Should -Match 'InputType\s+: Passage'
        (Get-FormatData -TypeName NvidiaInference.Embedding) | Should -Not -BeNullOrEmpty
    }

    It 'shows a ranked passage as rank, score, logit, index and the start of its text' {
        $ranked = @(Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query 'GPU models' -Passage ('x' * 100), 'GPU models here')
        $lines = @(($ranked | Out-String -Width 200) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match '^\s*Rank\s+Score\s+Logit\s+Index\s+Text$'
        $lines[2] | Should -Match ('^\s+1\s+' + [regex]::Escape($ranked[0].Score.ToString('0.0000', [cultureinfo]::InvariantCulture)) + '\s+\S+\s+1 GPU models here$')
        $lines[3] | Should -Match '^\s+2 .* 0 x{67}\.\.\.$'
    }
}
