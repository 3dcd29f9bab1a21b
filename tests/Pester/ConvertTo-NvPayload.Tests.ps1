# ConvertTo-NvPayload (alias ConvertTo-NimPayload): the exact NIM body, from parameters or from a Llama Stack request document (docs/requests.md).
Describe 'ConvertTo-NimPayload' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $commandId = 'NvidiaInference.Commands.ConvertToNimPayloadCommand'
        # The placement default comes from the environment; no test may see the caller's setting.
        $savedPlacement = $env:NVIDIA_EXTENSION_PLACEMENT
        $env:NVIDIA_EXTENSION_PLACEMENT = $null
        $samplingKeys = 'temperature', 'top_p', 'top_k', 'max_tokens', 'stop', 'repetition_penalty', 'nvext'
    }

    AfterAll {
        $env:NVIDIA_EXTENSION_PLACEMENT = $savedPlacement
    }

    Context 'the payload object' {
        BeforeAll {
            $payload = ConvertTo-NimPayload -Model 'meta/llama-3.1-8b-instruct' -Message 'Hello'
        }

        It 'is one NvidiaInference.NimPayload for the chat API' {
            @($payload).Count | Should -Be 1
            $payload | Should -BeOfType NvidiaInference.NimPayload
            $payload.Path | Should -BeExactly 'chat/completions'
        }

        It 'has the JSON headers and never an Authorization header' {
            $payload.Headers['Content-Type'] | Should -BeExactly 'application/json'
            $payload.Headers['Accept'] | Should -BeExactly 'application/json'
            $payload.Headers.Keys | Should -Not -Contain 'Authorization'
            @($payload.Headers.Keys | Sort-Object) | Should -Be @('Accept', 'Content-Type', 'User-Agent')
        }

        It 'asks for server-sent events with -Stream' {
            $streamed = ConvertTo-NimPayload -Model m -Message 'Hello' -Stream
            $streamed.Headers['Accept'] | Should -BeExactly 'text/event-stream'
            $streamed.Headers.Keys | Should -Not -Contain 'Authorization'
            (ConvertFrom-Body $streamed).stream | Should -BeTrue
        }

        It 'has ToString() equal to the body' {
            $payload.ToString() | Should -BeExactly $payload.Body
            "$payload" | Should -BeExactly $payload.Body
        }

        It 'has the always-present keys: model, messages, stream false and n 1' {
            $body = ConvertFrom-Body $payload
            @($body.Keys | Sort-Object) | Should -Be @('messages', 'model', 'n', 'stream')
            $body.model | Should -BeExactly 'meta/llama-3.1-8b-instruct'
            $body.stream | Should -BeFalse
            $body.n | Should -Be 1
        }
    }

    Context 'messages (-Message, -SystemPrompt, pipeline)' {
        It 'sends a string as a user message' {
            $body = ConvertTo-NimPayload -Model m -Message 'Name three rivers.' | ConvertFrom-Body
            @($body.messages).Count | Should -Be 1
            Get-PlainDifference $body.messages[0] @{ role = 'user'; content = 'Name three rivers.' } | Should -BeNullOrEmpty
        }

        It 'reads hashtables and objects with a role, in order' {
            $messages = @(
                @{ role = 'system'; content = 'Be brief.' }
                'What is NIM?'
                [pscustomobject]@{ role = 'assistant'; content = 'An inference microservice.' }
                @{ role = 'user'; content = 'Thanks' }
            )
            $body = ConvertTo-NimPayload -Model m -Message $messages | ConvertFrom-Body
            Get-PlainDifference $body.messages @(
                @{ role = 'system'; content = 'Be brief.' }
                @{ role = 'user'; content = 'What is NIM?' }
                @{ role = 'assistant'; content = 'An inference microservice.' }
                @{ role = 'user'; content = 'Thanks' }
            ) | Should -BeNullOrEmpty
        }

        It 'puts -SystemPrompt first' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi', 'Again' -SystemPrompt 'You are terse.' | ConvertFrom-Body
            @($body.messages.role) | Should -Be @('system', 'user', 'user')
            $body.messages[0].content | Should -BeExactly 'You are terse.'
        }

        It 'gives one payload per piped message, in order, each with one user message' {
            $payloads = @('a', 'b' | ConvertTo-NimPayload -Model m)
            $payloads.Count | Should -Be 2
            $payloads | Should -BeOfType NvidiaInference.NimPayload
            for ($i = 0; $i -lt 2; $i++) {
                $body = ConvertFrom-Body $payloads[$i]
                @($body.messages).Count | Should -Be 1
                $body.messages[0].role | Should -BeExactly 'user'
                $body.messages[0].content | Should -BeExactly @('a', 'b')[$i]
            }
        }

        It 'converts text and image items (URL and base64 data)' {
            $png = [Convert]::ToBase64String([byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0))
            $message = @{ role = 'user'; content = @(
                    @{ type = 'text'; text = 'What is in these?' }
                    @{ type = 'image'; image = @{ url = @{ uri = 'https://example.com/cat.png' } } }
                    @{ type = 'image'; image = @{ data = $png } }
                )
            }
            $body = ConvertTo-NimPayload -Model m -Message $message | ConvertFrom-Body
            Get-PlainDifference $body.messages[0].content @(
                @{ type = 'text'; text = 'What is in these?' }
                @{ type = 'image_url'; image_url = @{ url = 'https://example.com/cat.png' } }
                @{ type = 'image_url'; image_url = @{ url = "data:image/png;base64,$png" } }
            ) | Should -BeNullOrEmpty
        }

        It 'turns an earlier response into the assistant turn, keeping the original argument text' {
            $response = Get-Content -Raw -LiteralPath (Get-Fixture 'chat-response-tool-calls.json') | ConvertFrom-NimChunk
            $firstCall = $response.ToolCalls[0]
            $body = ConvertTo-NimPayload -Model m -Message 'Weather?', $response, @{ role = 'tool'; call_id = $firstCall.CallId; content = '21 C' } |
                ConvertFrom-Body
            @($body.messages.role) | Should -Be @('user', 'assistant', 'tool')
            @($body.messages[1].tool_calls).Count | Should -Be 2
            Get-PlainDifference $body.messages[1].tool_calls[0] @{
                id = $firstCall.CallId; type = 'function'; function = @{ name = 'get_current_weather'; arguments = $firstCall.ArgumentsJson }
            } | Should -BeNullOrEmpty
            Get-PlainDifference $body.messages[2] @{ role = 'tool'; tool_call_id = $firstCall.CallId; content = '21 C' } | Should -BeNullOrEmpty
        }
    }

    Context 'sampling parameters' {
        It 'sends no sampling key and no nvext when no sampling parameter is given' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' | ConvertFrom-Body
            foreach ($key in $samplingKeys) { $body.Keys | Should -Not -Contain $key }
        }

        It '-Greedy gives temperature 0 and nvext.top_k -1' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -Greedy | ConvertFrom-Body
            $body.temperature | Should -Be 0
            Get-PlainDifference $body.nvext @{ top_k = -1 } | Should -BeNullOrEmpty
            $body.Keys | Should -Not -Contain 'top_p'
        }

        It '-Temperature, -TopP and -MaxTokens are top-level keys' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -Temperature 0.7 -TopP 0.9 -MaxTokens 128 | ConvertFrom-Body
            $body.temperature | Should -Be 0.7
            $body.top_p | Should -Be 0.9
            $body.max_tokens | Should -Be 128
            $body.Keys | Should -Not -Contain 'nvext'
        }

        It '-TopK and -RepetitionPenalty go in nvext' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -TopK 40 -RepetitionPenalty 1.1 | ConvertFrom-Body
            Get-PlainDifference $body.nvext @{ top_k = 40; repetition_penalty = 1.1 } | Should -BeNullOrEmpty
            $body.Keys | Should -Not -Contain 'top_k'
            $body.Keys | Should -Not -Contain 'temperature'
        }

        It '-Stop sends the stop sequences' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -Stop 'END', "`n`n" | ConvertFrom-Body
            Get-PlainDifference $body.stop @('END', "`n`n") | Should -BeNullOrEmpty
            $body.Keys | Should -Not -Contain 'nvext'
        }

        It '-ExtensionPlacement TopLevel puts the extensions at the top level and sends no nvext' {
            $schema = @{ type = 'object'; properties = @{ a = @{ type = 'string' } } }
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -TopK 40 -RepetitionPenalty 1.05 -JsonSchema $schema -ExtensionPlacement TopLevel |
                ConvertFrom-Body
            $body.Keys | Should -Not -Contain 'nvext'
            $body.top_k | Should -Be 40
            $body.repetition_penalty | Should -Be 1.05
            Get-PlainDifference $body.guided_json $schema | Should -BeNullOrEmpty
        }

        It '-Greedy with -ExtensionPlacement TopLevel sends top_k -1 at the top level' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -Greedy -ExtensionPlacement TopLevel | ConvertFrom-Body
            $body.top_k | Should -Be -1
            $body.temperature | Should -Be 0
            $body.Keys | Should -Not -Contain 'nvext'
        }
    }

    Context 'tools and tool choice' {
        BeforeAll {
            $llamaStackTool = @{
                tool_name   = 'get_weather'
                description = 'Current weather for a city'
                parameters  = @{
                    city = @{ param_type = 'str'; description = 'City and country' }
                    unit = @{ param_type = 'str'; required = $false; default = 'celsius' }
                    days = @{ param_type = 'int'; required = $false; default = 0 }
                }
            }
            $expectedWeatherTool = @{
                type     = 'function'
                function = @{
                    name        = 'get_weather'
                    description = 'Current weather for a city'
                    parameters  = @{
                        type       = 'object'
                        properties = @{
                            city = @{ type = 'string'; description = 'City and country' }
                            unit = @{ type = 'string'; default = 'celsius' }
                            days = @{ type = 'integer'; default = 0 }
                        }
                        required   = @('city')
                    }
                }
            }
            $openAiSchema = @{ type = 'object'; properties = @{ tz = @{ type = 'string'; enum = @('UTC', 'CET') } }; required = @('tz') }
            $openAiTool = @{ type = 'function'; function = @{ name = 'get_time'; description = 'Current time'; parameters = $openAiSchema } }
        }

        It 'converts a Llama Stack tool hashtable to an OpenAI function, keeping falsy defaults' {
            $body = ConvertTo-NimPayload -Model m -Message 'Weather?' -Tool $llamaStackTool | ConvertFrom-Body
            @($body.tools).Count | Should -Be 1
            Get-PlainDifference $body.tools[0] $expectedWeatherTool | Should -BeNullOrEmpty
            $body.Keys | Should -Not -Contain 'tool_choice'
        }

        It 'sends an OpenAI-form tool hashtable with its schema as given' {
            $body = ConvertTo-NimPayload -Model m -Message 'Time?' -Tool $openAiTool | ConvertFrom-Body
            Get-PlainDifference $body.tools[0] $openAiTool | Should -BeNullOrEmpty
        }

        It 'reads tools given as JSON text, in either form, in order' {
            $json = $openAiTool | ConvertTo-Json -Depth 10
            $llamaJson = $llamaStackTool | ConvertTo-Json -Depth 10
            $body = ConvertTo-NimPayload -Model m -Message 'Both?' -Tool $json, $llamaJson | ConvertFrom-Body
            @($body.tools).Count | Should -Be 2
            Get-PlainDifference $body.tools[0] $openAiTool | Should -BeNullOrEmpty
            Get-PlainDifference $body.tools[1] $expectedWeatherTool | Should -BeNullOrEmpty
        }

        It 'sends -ToolChoice <_> as a string' -ForEach 'auto', 'required', 'none' {
            $body = ConvertTo-NimPayload -Model m -Message 'Weather?' -Tool $llamaStackTool -ToolChoice $_ | ConvertFrom-Body
            $body.tool_choice | Should -BeExactly $_
        }

        It 'sends a tool name as -ToolChoice as a function object' {
            $body = ConvertTo-NimPayload -Model m -Message 'Weather?' -Tool $llamaStackTool, $openAiTool -ToolChoice get_time | ConvertFrom-Body
            Get-PlainDifference $body.tool_choice @{ type = 'function'; function = @{ name = 'get_time' } } | Should -BeNullOrEmpty
        }
    }

    Context 'JSON schema, logprobs and stream' {
        BeforeAll {
            $schema = @{ type = 'object'; properties = @{ title = @{ type = 'string' }; rating = @{ type = 'number' } }; required = @('title', 'rating') }
        }

        It 'sends a -JsonSchema hashtable as nvext.guided_json and no response_format' {
            $body = ConvertTo-NimPayload -Model m -Message 'Rate it' -JsonSchema $schema | ConvertFrom-Body
            Get-PlainDifference $body.nvext @{ guided_json = $schema } | Should -BeNullOrEmpty
            $body.Keys | Should -Not -Contain 'response_format'
            $body.Keys | Should -Not -Contain 'guided_json'
        }

        It 'sends a -JsonSchema given as JSON text the same way' {
            $text = ConvertTo-NimPayload -Model m -Message 'Rate it' -JsonSchema ($schema | ConvertTo-Json -Depth 10) | ConvertFrom-Body
            Get-PlainDifference $text.nvext.guided_json $schema | Should -BeNullOrEmpty
        }

        It 'refuses a -JsonSchema that is not a JSON object at parameter binding' {
            $thrown = { ConvertTo-NimPayload -Model m -Message 'x' -JsonSchema '[1, 2]' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError,$commandId"
        }

        It '-Logprobs 3 gives logprobs true and top_logprobs 3' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -Logprobs 3 | ConvertFrom-Body
            $body.logprobs | Should -BeTrue
            $body.logprobs | Should -BeOfType bool
            $body.top_logprobs | Should -Be 3
        }

        It 'sends no logprobs keys without -Logprobs' {
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' | ConvertFrom-Body
            $body.Keys | Should -Not -Contain 'logprobs'
            $body.Keys | Should -Not -Contain 'top_logprobs'
        }

        It '-Stream sets stream true' {
            (ConvertTo-NimPayload -Model m -Message 'Hi' -Stream | ConvertFrom-Body).stream | Should -BeTrue
            (ConvertTo-NimPayload -Model m -Message 'Hi' | ConvertFrom-Body).stream | Should -BeFalse
        }
    }

    Context 'Llama Stack request documents (-Request, the default set)' {
        BeforeAll {
            $documentJson = @'
{
  "model": "meta/llama-3.1-8b-instruct",
  "messages": [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"}]}
  ],
  "sampling_params": {"strategy": {"type": "top_p", "temperature": 0.6, "top_p": 0.85}, "max_tokens": 64, "repetition_penalty": 1.1, "stop": ["<|eot_id|>"]},
  "tools": [{"tool_name": "get_weather", "description": "Weather", "parameters": {"city": {"param_type": "str"}}}],
  "tool_config": {"tool_choice": "get_weather"},
  "response_format": {"type": "json_schema", "json_schema": {"type": "object"}},
  "stream": true,
  "logprobs": {"top_k": 2}
}
'@
            $expectedBody = @{
                model        = 'meta/llama-3.1-8b-instruct'
                messages     = @(
                    @{ role = 'system'; content = 'Be brief.' }
                    @{ role = 'user'; content = @(@{ type = 'text'; text = 'Weather in Paris?' }) }
                )
                stream       = $true
                n            = 1
                max_tokens   = 64
                temperature  = 0.6
                top_p        = 0.85
                stop         = @('<|eot_id|>')
                tools        = @(@{ type = 'function'; function = @{ name = 'get_weather'; description = 'Weather'; parameters = @{ type = 'object'; properties = @{ city = @{ type = 'string' } }; required = @('city') } } })
                tool_choice  = @{ type = 'function'; function = @{ name = 'get_weather' } }
                logprobs     = $true
                top_logprobs = 2
                nvext        = @{ repetition_penalty = 1.1; top_k = -1; guided_json = @{ type = 'object' } }
            }
        }

        It 'converts a document given as JSON text' {
            $payload = ConvertTo-NimPayload -Request $documentJson
            $payload.Path | Should -BeExactly 'chat/completions'
            Get-PlainDifference (ConvertFrom-Body $payload) $expectedBody | Should -BeNullOrEmpty
        }

        It 'gives the same body for the document as JSON text, hashtable and PSCustomObject' {
            $fromText = ConvertTo-NimPayload -Request $documentJson
            $fromHashtable = ConvertTo-NimPayload -Request ($documentJson | ConvertFrom-Json -AsHashtable)
            $fromObject = ConvertTo-NimPayload -Request ($documentJson | ConvertFrom-Json)
            $fromHashtable.Body | Should -BeExactly $fromText.Body
            $fromObject.Body | Should -BeExactly $fromText.Body
        }

        It 'converts piped documents, one payload each, in order' {
            $payloads = @(
                '{"model":"first","messages":[{"role":"user","content":"1"}]}'
                @{ model = 'second'; messages = @(@{ role = 'user'; content = '2' }) }
                ('{"model":"third","messages":[{"role":"user","content":"3"}]}' | ConvertFrom-Json)
            ) | ConvertTo-NimPayload
            $payloads.Count | Should -Be 3
            @($payloads | ConvertFrom-Body | ForEach-Object { $_.model }) | Should -Be @('first', 'second', 'third')
            @($payloads | ConvertFrom-Body | ForEach-Object { $_.messages[0].content }) | Should -Be @('1', '2', '3')
        }

        It 'treats a missing sampling_params as greedy with repetition_penalty 1.0, as Llama Stack does' {
            $body = ConvertTo-NimPayload -Request '{"model":"m","messages":[{"role":"user","content":"Hi"}]}' | ConvertFrom-Body
            $body.temperature | Should -Be 0
            Get-PlainDifference $body.nvext @{ top_k = -1; repetition_penalty = 1 } | Should -BeNullOrEmpty
        }

        It 'makes a document with content instead of messages a completion request' {
            $payload = @{ model = 'meta/llama-3.1-8b-instruct'; content = 'Roses are red,'; sampling_params = @{ max_tokens = 20 } } | ConvertTo-NimPayload
            $payload.Path | Should -BeExactly 'completions'
            $body = ConvertFrom-Body $payload
            $body.prompt | Should -BeExactly 'Roses are red,'
            $body.max_tokens | Should -Be 20
            $body.Keys | Should -Not -Contain 'messages'
        }

        It 'gives the body of chat-request-nim1-nvext.json for the equivalent Llama Stack document' {
            # That fixture is the reference adapter's wire body for top_p sampling + a tool + logprobs. None of the
            # differences from the reference in docs/requests.md changes it: it has no stop, no empty nvext, no tool name as tool_choice.
            $expected = Get-Content -Raw -LiteralPath (Get-Fixture 'chat-request-nim1-nvext.json') | ConvertFrom-Json -AsHashtable
            $document = @{
                model           = 'meta/llama-3.1-70b-instruct'
                messages        = @(
                    @{ role = 'system'; content = 'You are a helpful assistant.' }
                    @{ role = 'user'; content = "What's the weather in Paris?" }
                )
                sampling_params = @{ strategy = @{ type = 'top_p'; temperature = 0.7; top_p = 0.9 }; max_tokens = 512; repetition_penalty = 1.0 }
                tools           = @(@{
                        tool_name    = 'get_current_weather'
                        description  = 'Get the current weather for a location'
                        # Llama Stack's newer input_schema: the parameter form cannot express the enum.
                        input_schema = $expected.tools[0].function.parameters
                    })
                tool_config     = @{ tool_choice = 'auto' }
                stream          = $true
                logprobs        = @{ top_k = 2 }
            }
            $payload = ConvertTo-NimPayload -Request $document
            $payload.Path | Should -BeExactly 'chat/completions'
            $payload.Headers['Accept'] | Should -BeExactly 'text/event-stream'
            Get-PlainDifference (ConvertFrom-Body $payload) $expected | Should -BeNullOrEmpty
        }

        It 'gives the body of completion-request-nim1-nvext.json for the equivalent completion document' {
            $expected = Get-Content -Raw -LiteralPath (Get-Fixture 'completion-request-nim1-nvext.json') | ConvertFrom-Json -AsHashtable
            $document = @{
                model           = 'meta/llama-3.1-8b-instruct'
                content         = 'Complete the sentence using one word: Roses are red, violets are'
                sampling_params = @{ strategy = @{ type = 'top_k'; top_k = 1 }; max_tokens = 50 }
                response_format = @{ type = 'json_schema'; json_schema = $expected.nvext.guided_json }
                logprobs        = @{ top_k = 3 }
            }
            $payload = ConvertTo-NimPayload -Request $document
            $payload.Path | Should -BeExactly 'completions'
            Get-PlainDifference (ConvertFrom-Body $payload) $expected | Should -BeNullOrEmpty
        }

        It 'warns about a field that is not part of a Llama Stack request, and still converts' {
            $payload = ConvertTo-NimPayload -Request '{"model":"m","messages":[{"role":"user","content":"Hi"}],"temprature":0.5}' `
                -WarningVariable warnings -WarningAction SilentlyContinue
            @($warnings).Count | Should -Be 1
            "$($warnings[0])" | Should -Match "'temprature'"
            (ConvertFrom-Body $payload).Keys | Should -Not -Contain 'temprature'
        }

        It 'applies -ExtensionPlacement to documents too' {
            $body = ConvertTo-NimPayload -Request $documentJson -ExtensionPlacement TopLevel | ConvertFrom-Body
            $body.Keys | Should -Not -Contain 'nvext'
            $body.top_k | Should -Be -1
            $body.repetition_penalty | Should -Be 1.1
            Get-PlainDifference $body.guided_json @{ type = 'object' } | Should -BeNullOrEmpty
        }
    }

    Context 'NVIDIA_EXTENSION_PLACEMENT' {
        AfterEach {
            $env:NVIDIA_EXTENSION_PLACEMENT = $null
        }

        It 'TopLevel changes the default placement' {
            $env:NVIDIA_EXTENSION_PLACEMENT = 'TopLevel'
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -TopK 5 | ConvertFrom-Body
            $body.Keys | Should -Not -Contain 'nvext'
            $body.top_k | Should -Be 5
        }

        It 'is overridden by an explicit -ExtensionPlacement' {
            $env:NVIDIA_EXTENSION_PLACEMENT = 'TopLevel'
            $body = ConvertTo-NimPayload -Model m -Message 'Hi' -TopK 5 -ExtensionPlacement Nvext | ConvertFrom-Body
            Get-PlainDifference $body.nvext @{ top_k = 5 } | Should -BeNullOrEmpty
        }

        It 'is refused with NimInvalidEnvironmentSetting when it holds an unknown value' {
            $env:NVIDIA_EXTENSION_PLACEMENT = 'Sideways'
            $thrown = { ConvertTo-NimPayload -Model m -Message 'Hi' -TopK 5 } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "NimInvalidEnvironmentSetting,$commandId"
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $thrown.Exception.Message | Should -Match 'Sideways'
        }
    }

    Context 'errors' {
        It 'refuses -Greedy with -<Name> as NimConflictingParameters (terminating)' -ForEach @(
            @{ Name = 'Temperature'; Splat = @{ Temperature = 0.5 } }
            @{ Name = 'TopP'; Splat = @{ TopP = 0.9 } }
            @{ Name = 'TopK'; Splat = @{ TopK = 10 } }
        ) {
            $thrown = { ConvertTo-NimPayload -Model m -Message 'Hi' -Greedy @Splat } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "NimConflictingParameters,$commandId"
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'refuses -ToolChoice without -Tool as NimConflictingParameters (terminating)' {
            $thrown = { ConvertTo-NimPayload -Model m -Message 'Hi' -ToolChoice auto } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "NimConflictingParameters,$commandId"
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'refuses -<Name> <Value> at parameter validation' -ForEach @(
            @{ Name = 'Temperature'; Value = 3 }
            @{ Name = 'TopP'; Value = 2 }
            @{ Name = 'MaxTokens'; Value = 0 }
            @{ Name = 'Logprobs'; Value = 21 }
            @{ Name = 'RepetitionPenalty'; Value = 2.5 }
            @{ Name = 'TopK'; Value = -2 }
        ) {
            $splat = @{ $Name = $Value }
            $thrown = { ConvertTo-NimPayload -Model m -Message 'Hi' @splat } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentValidationError,$commandId"
            $thrown.Exception.Message | Should -Match $Name
        }

        It 'refuses -<Name> <Value>, which the wire does not allow, at parameter validation too' -ForEach @(
            @{ Name = 'TopK'; Value = 0 }
            @{ Name = 'TopP'; Value = 0 }
            @{ Name = 'RepetitionPenalty'; Value = 0 }
        ) {
            # The core refuses these (top_k must be -1 or >= 1, top_p and repetition_penalty > 0), but the
            # ValidateRange attributes let them through, so each pipeline item fails late with NimInvalidRequest.
            $splat = @{ $Name = $Value }
            $thrown = { ConvertTo-NimPayload -Model m -Message 'Hi' @splat -ErrorAction SilentlyContinue } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentValidationError,$commandId"
        }

        It 'refuses an unknown role at parameter binding, naming messages[0].role' {
            $thrown = { ConvertTo-NimPayload -Model m -Message @{ role = 'robot'; content = 'beep' } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError,$commandId"
            $thrown.Exception.Message | Should -Match ([regex]::Escape('messages[0].role'))
            $thrown.Exception.Message | Should -Match 'robot'
        }

        It 'names the index of the bad message in a list' {
            $thrown = { ConvertTo-NimPayload -Model m -Message 'fine', @{ role = 'user' } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError,$commandId"
            $thrown.Exception.Message | Should -Match ([regex]::Escape('messages[1].content'))
        }

        It 'converts the valid documents of a pipeline and writes an error for the invalid one' {
            $bad = '{"model":"bad","messages":[{"role":"robot","content":"x"}]}'
            $payloads = @(
                '{"model":"one","messages":[{"role":"user","content":"1"}]}'
                $bad
                '{"model":"two","messages":[{"role":"user","content":"2"}]}'
            ) | ConvertTo-NimPayload -ErrorVariable errors -ErrorAction SilentlyContinue
            @($payloads | ConvertFrom-Body | ForEach-Object { $_.model }) | Should -Be @('one', 'two')
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError,$commandId"
            $errors[0].TargetObject | Should -BeExactly $bad
            $errors[0].Exception.Message | Should -Match ([regex]::Escape('messages[0].role'))
        }

        It 'refuses a top_p strategy without temperature, naming sampling_params.strategy.temperature' {
            $document = '{"model":"m","messages":[{"role":"user","content":"Hi"}],"sampling_params":{"strategy":{"type":"top_p","top_p":0.9}}}'
            $output = $document | ConvertTo-NimPayload -ErrorVariable errors -ErrorAction SilentlyContinue
            $output | Should -BeNullOrEmpty
            @($errors).Count | Should -Be 1
            $errors[0].Exception.Message | Should -Match ([regex]::Escape('sampling_params.strategy.temperature'))
        }

        It 'writes a non-terminating NimInvalidRequest for a -ToolChoice that names no given tool' {
            $payloads = @('first', 'second' | ConvertTo-NimPayload -Model m -Tool @{ tool_name = 'get_weather' } -ToolChoice get_time `
                    -ErrorVariable errors -ErrorAction SilentlyContinue)
            $payloads | Should -BeNullOrEmpty
            @($errors).Count | Should -Be 2 -Because 'the error is per pipeline item, not terminating'
            $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$commandId"
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].Exception.Message | Should -Match 'get_time'
            $errors[0].TargetObject | Should -Not -BeNullOrEmpty
            $errors[0].TargetObject[0] | Should -BeOfType NvidiaInference.Message
            "$($errors[0].TargetObject[0].Content)" | Should -BeExactly 'first'
            "$($errors[1].TargetObject[0].Content)" | Should -BeExactly 'second'
        }

        It 'writes NimInvalidRequest with the document as target for a tool_choice naming an unknown tool' {
            $document = '{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{"tool_name":"get_weather"}],"tool_config":{"tool_choice":"get_time"}}'
            $output = $document, '{"model":"ok","messages":[{"role":"user","content":"Hi"}]}' |
                ConvertTo-NimPayload -ErrorVariable errors -ErrorAction SilentlyContinue
            @($output | ConvertFrom-Body | ForEach-Object { $_.model }) | Should -Be @('ok')
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeExactly "NimInvalidRequest,$commandId"
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].TargetObject | Should -BeOfType NvidiaInference.Requests.RequestDocument
            $errors[0].TargetObject.Chat.ToolChoice | Should -BeExactly 'get_time'
            $errors[0].ErrorDetails.RecommendedAction | Should -Match 'tool_choice'
        }
    }
}
