# Invoke-NvRerank against the loopback test server (tests/NimTestServer/RetrievalScenario.cs scores a passage by the
# words it shares with the query): the request, the order and scores written, -Top, batches merged by logit, faults.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    Import-Module (Join-Path $PSScriptRoot '../../NvidiaInference.psd1') -Force
    $server = Start-NimTestServer
    $uri = $server.Uri
    $command = 'NvidiaInference.Commands.InvokeNvRerankCommand'
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL -ErrorAction Ignore
    $passages = @(
        'Cats sleep most of the day.'
        'A GPU runs thousands of threads at once.'
        'NIM serves models on a GPU with an OpenAI-compatible API.'
        'Bread rises when yeast makes gas.'
        'Models served by NIM answer on port 8000.'
    )

    function Get-RankingRequest {
        Get-NimTestRequest $server | Where-Object path -like '*/v1/ranking' | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable }
    }

    function Get-CallError([scriptblock] $Call) {
        try { @(& $Call 2>&1) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } }
        catch { $_ }
    }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Invoke-NvRerank' {
    BeforeEach { Clear-NimTestRequest $server }

    It 'sends NIM''s ranking request and writes the passages best first with rank, index, logit and score' {
        $result = @(Invoke-NvRerank -BaseUri "$uri/retrieval" -Model 'nvidia/llama-3.2-nv-rerankqa-1b-v2' -Query 'Which server serves models on a GPU?' -Passage $passages -Truncate End)
        $result.Count | Should -Be 5
        $result[0] | Should -BeOfType ([NvidiaInference.RankedPassage])
        ($result | ForEach-Object Rank) | Should -Be 1, 2, 3, 4, 5  # not $result.Rank: an array has a Rank of its own
        $result[0].Index | Should -Be 2
        $result[0].Text | Should -BeExactly $passages[2]
        for ($i = 1; $i -lt 5; $i++) { $result[$i].Logit | Should -BeLessOrEqual $result[$i - 1].Logit }
        foreach ($item in $result) { $item.Score | Should -Be (1 / (1 + [Math]::Exp(-$item.Logit))) }
        $body = Get-RankingRequest
        $body.model | Should -BeExactly 'nvidia/llama-3.2-nv-rerankqa-1b-v2'
        $body.query.text | Should -BeExactly 'Which server serves models on a GPU?'
        $body.passages.text | Should -Be $passages
        $body.truncate | Should -BeExactly 'END'
    }

    It 'keeps the best -Top passages (NVIDIA''s reranking model when -Model is not given)' {
        $result = @($passages | Invoke-NvRerank -BaseUri "$uri/retrieval" -Query 'NIM models GPU' -Top 2)
        (Get-RankingRequest).model | Should -BeExactly 'nvidia/llama-3.2-nv-rerankqa-1b-v2'
        $result.Count | Should -Be 2
        ($result | ForEach-Object Rank) | Should -Be 1, 2
    }

    It 'splits a long list over -BatchSize requests and merges them by logit, as one request would rank them' {
        $many = 1..40 | ForEach-Object { if ($_ % 7 -eq 0) { "GPU models number $_" } else { "bread number $_" } }
        $whole = @(Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query 'GPU models' -Passage $many -BatchSize 100)
        Clear-NimTestRequest $server
        $split = @($many | Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query 'GPU models' -BatchSize 6 -ThrottleLimit 3)
        @(Get-RankingRequest).Count | Should -Be 7
        $split.Index | Should -Be $whole.Index
        $split.Logit | Should -Be $whole.Logit
        $split[0..4].Text | Should -Match 'GPU models'
    }

    It 'keeps pipeline objects, reading the text from -Property' {
        $docs = $passages | ForEach-Object -Begin { $n = 0 } -Process { [pscustomobject]@{ Name = "doc$n.txt"; Content = $_ }; $n++ }
        $best = $docs | Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query 'yeast bread' -Property Content -Top 1
        $best.InputObject.Name | Should -BeExactly 'doc3.txt'
        $best.Text | Should -BeExactly $passages[3]
    }

    It 'reports an empty passage as NimInvalidRequest for it alone, keeping the input positions of the others' {
        $output = @(Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query 'cats' -Passage 'dogs bark', '', 'cats sleep' 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$command"
        $errors[0].Exception.Field | Should -BeExactly 'passages[1]'
        $ranked = @($output | Where-Object { $_ -is [NvidiaInference.RankedPassage] })
        $ranked.Index | Should -Be 2, 0
        (Get-RankingRequest).passages.Count | Should -Be 2
    }

    It 'refuses an empty query and -Truncate Start before sending anything' {
        { Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query '   ' -Passage a } | Should -Throw -ErrorId "NimInvalidRequest,$command"
        { Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query q -Passage a -Truncate Start } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command"
        @(Get-RankingRequest).Count | Should -Be 0
    }

    It 'reports a refused batch (413) with its passages as target and still ranks the other batches' {
        $output = @(Invoke-NvRerank -BaseUri "$uri/retrieval~max3" -Model m -Query 'q words' -Passage 'q one', 'two', 'three', 'four', 'q words five' -BatchSize 4 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimRequestFailed,$command"
        $errors[0].Exception.Message | Should -Match 'at most 3 per request'
        $errors[0].TargetObject | Should -Be 'q one', 'two', 'three', 'four'
        ($output | Where-Object { $_ -is [NvidiaInference.RankedPassage] }).Index | Should -Be 4
    }

    It 'reports a dropped connection as NimConnectionFailed and ranks the rest' {
        $output = @(Invoke-NvRerank -BaseUri "$uri/retrieval" -Model m -Query 'a' -Passage 'a b', 'drop-connection', 'a c' -BatchSize 1 -ThrottleLimit 3 2>&1)
        ($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).FullyQualifiedErrorId | Should -BeExactly "NimConnectionFailed,$command"
        ($output | Where-Object { $_ -is [NvidiaInference.RankedPassage] }).Index | Sort-Object | Should -Be 0, 2
    }

    It 'retries a 429 with Retry-After, then ranks' {
        (Invoke-NvRerank -BaseUri "$uri/retrieval~rate1" -Model m -Query 'x' -Passage 'x y').Rank | Should -Be 1
        @(Get-RankingRequest).Count | Should -Be 2
    }

    It 'asks for a key before sending to the hosted API' {
        { Invoke-NvRerank -Model 'nvidia/llama-3.2-nv-rerankqa-1b-v2' -Query q -Passage p } | Should -Throw -ErrorId "NimApiKeyRequired,$command"
    }
}

Describe 'Test-NvEndpoint with retrieval models' {
    It 'tells <Kind> from a chat model, and skips the chat probes' -ForEach @(
        @{ Kind = 'an embedding model'; Scenario = 'retrieval~noranking'; Embeddings = 'Passed'; Reranking = 'NotSupported' }
        @{ Kind = 'a reranking model'; Scenario = 'retrieval~noembeddings'; Embeddings = 'NotSupported'; Reranking = 'Passed' }
    ) {
        Clear-NimTestRequest $server
        $checks = @(Test-NvEndpoint -BaseUri "$uri/$Scenario")
        $checks.Capability | Should -Be 'Reachable', 'ModelsListed', 'HealthReady', 'Chat', 'Embeddings', 'Reranking'
        $checks[3].Status | Should -Be 'NotSupported'
        $checks[4].Status | Should -Be $Embeddings
        $checks[5].Status | Should -Be $Reranking
        if ($Embeddings -eq 'Passed') { $checks[4].Detail | Should -Match '32 dimensions: an embedding model' }
        if ($Reranking -eq 'Passed') { $checks[5].Detail | Should -Match 'a reranking model' }
        (Get-NimTestRequest $server).path | Should -Not -Contain "/$Scenario/v1/completions"
    }

    It 'does not probe retrieval when the model chats' {
        Clear-NimTestRequest $server
        $checks = @(Test-NvEndpoint -BaseUri "$uri/dialect~nvext" -Quick)
        $checks.Capability | Should -Not -Contain 'Embeddings'
        (Get-NimTestRequest $server).path | Should -Not -Contain '/dialect~nvext/v1/embeddings'
    }
}
