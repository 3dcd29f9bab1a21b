# Conversations, tools, guided output, batches and progress (issue 4, "Scriptable"), against the loopback test server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestServer.ps1')
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $server = Start-NimTestServer
    $uri = $server.Uri
    Remove-Item Env:NVIDIA_API_KEY, Env:NVIDIA_BASE_URL, Env:NVIDIA_EXTENSION_PLACEMENT -ErrorAction Ignore

    function Get-CurrentWeather {
        <#
        .SYNOPSIS
        Gets the current weather for a location.
        .PARAMETER location
        City and country.
        .PARAMETER format
        The temperature unit.
        #>
        param(
            [Parameter(Mandatory)][string] $location,
            [ValidateSet('celsius', 'fahrenheit')][string] $format = 'celsius',
            [int] $days
        )
        $script:weatherCalls += , $location
        @{ location = $location; temperature = 21; unit = $format }
    }

    function Get-LastBody { (Get-NimTestRequest $server)[-1].body | ConvertFrom-Json -AsHashtable }
}

AfterAll {
    Stop-NimTestServer $server
}

Describe 'Conversations' {
    It 'continues from a piped response, taking its conversation and model by property name' {
        $first = Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model meta/llama-3.1-8b-instruct -Message 'a'
        $first.Conversation.Role | Should -Be @('User', 'Assistant')
        $second = $first | Invoke-NvChatCompletion -BaseUri "$uri/ok" -Message 'b'
        $body = Get-LastBody
        $body.model | Should -Be $first.Model
        $body.messages.role | Should -Be @('user', 'assistant', 'user')
        $body.messages[1].content | Should -Be $first.Content
        $second.Conversation.Count | Should -Be 4
    }

    It 'continues from a streamed answer through its Complete event''s Response' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'x' -Stream
        $events[-1].Response.Content | Should -Be 'The capital of France is Paris.'
        $events[-1].Response | Invoke-NvChatCompletion -BaseUri "$uri/ok" -Message 'y' | Out-Null
        (Get-LastBody).messages.content | Should -Be @('x', 'The capital of France is Paris.', 'y')
    }

    It 'puts -SystemPrompt first, then -Conversation, then -Message' {
        $history = @(@{ role = 'user'; content = 'q1' }, @{ role = 'assistant'; content = 'a1' })
        ConvertTo-NimPayload -Model m -SystemPrompt 'Be brief.' -Conversation $history -Message 'q2' |
            ForEach-Object { ($_.Body | ConvertFrom-Json).messages.content } | Should -Be @('Be brief.', 'q1', 'a1', 'q2')
    }
}

Describe 'New-NvTool' {
    It 'describes a command: parameters, types, mandatory, ValidateSet and help text' {
        $tool = New-NvTool Get-CurrentWeather -Name get_current_weather
        $tool | Should -BeOfType NvidiaInference.ToolDefinition
        $tool.Name | Should -Be 'get_current_weather'
        $tool.Description | Should -Be 'Gets the current weather for a location.'
        $schema = $tool.ParametersSchemaJson | ConvertFrom-Json -AsHashtable
        $schema.required | Should -Be @('location')
        $schema.properties.location.type | Should -Be 'string'
        $schema.properties.location.description | Should -Be 'City and country.' -Because 'help text becomes the description'
        $schema.properties.format.enum | Should -Be @('celsius', 'fahrenheit')
        $schema.properties.days.type | Should -Be 'integer'
        $schema.properties.Keys | Should -Not -Contain 'Verbose'
    }

    It 'takes a command from Get-Command through the pipeline, and a hashtable or JSON schema' {
        (Get-Command Get-CurrentWeather | New-NvTool).Name | Should -Be 'Get-CurrentWeather'
        $fromHashtable = New-NvTool -Definition @{ tool_name = 'lookup'; parameters = @{ key = @{ param_type = 'str' } } }
        $fromHashtable.Parameters.Name | Should -Be 'key'
        $fromSchema = New-NvTool -Name search -Description 'Search the web' -ParameterSchema '{"type":"object","properties":{"q":{"type":"string"}}}'
        ConvertTo-NimPayload -Model m -Message hi -Tool $fromSchema | ForEach-Object { ($_.Body | ConvertFrom-Json).tools[0].function.parameters.properties.q.type } |
            Should -Be 'string'
    }

    It 'reports an unknown command as a binding error naming it' {
        { New-NvTool -Command No-SuchCommand } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
        { New-NvTool -Command No-SuchCommand } | Should -Throw "*no command named 'No-SuchCommand'*"
    }

    It 'binds a piped hashtable to -Definition and piped Get-Command output to -Command' {
        (@{ tool_name = 'lookup'; parameters = @{ key = @{ param_type = 'str' } } } | New-NvTool).Name | Should -Be 'lookup'
        (Get-Command Get-CurrentWeather | New-NvTool).Name | Should -Be 'Get-CurrentWeather'
    }
}

Describe 'The tool loop' {
    BeforeEach {
        $script:weatherCalls = @()
        $tool = New-NvTool Get-CurrentWeather -Name get_current_weather
    }

    It 'runs declared tools, sends the results back and returns the final answer' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/toolloop" -Model m -Message 'Weather?' -Tool $tool -ToolHandler @{ get_current_weather = 'Get-CurrentWeather' }
        $script:weatherCalls | Should -Be @('Paris, France', 'Zürich, Switzerland')
        $response.ToolCalls.Count | Should -Be 0
        $response.Conversation.Role | Should -Be @('User', 'Assistant', 'Tool', 'Tool', 'Assistant')
        $body = Get-LastBody
        $body.messages[2].role | Should -Be 'tool'
        ($body.messages[2].content | ConvertFrom-Json).temperature | Should -Be 21
        $body.messages[2].tool_call_id | Should -Be $body.messages[1].tool_calls[0].id
    }

    It 'runs the loop with -Stream too, writing every round''s events' {
        $events = Invoke-NvChatCompletion -BaseUri "$uri/toolloop" -Model m -Message 'Weather?' -Tool $tool -Stream -ToolHandler @{ get_current_weather = { param($location, $format) "sunny in $location" } }
        ($events | Where-Object EventType -EQ 'Start').Count | Should -Be 2
        ($events | Where-Object { $_.Delta.Type -eq 'ToolCall' }).Delta.ToolCall.ToolName | Should -Be 'get_current_weather'
        $events[-1].Response.Content | Should -Be 'The capital of France is Paris.'
        (Get-LastBody).messages[-1].content | Should -Be 'sunny in Paris, France'
    }

    It 'does not run a tool the model calls that was not declared' {
        $other = New-NvTool -Name get_time -ParameterSchema @{ type = 'object'; properties = @{} }
        $response = Invoke-NvChatCompletion -BaseUri "$uri/toolloop" -Model m -Message 'Weather?' -Tool $other -ToolHandler @{ get_current_weather = 'Get-CurrentWeather'; get_time = { 'noon' } } -WarningVariable warnings -WarningAction SilentlyContinue
        $script:weatherCalls.Count | Should -Be 0
        $warnings[0] | Should -Match 'not available'
        ((Get-LastBody).messages | Where-Object role -EQ 'tool')[0].content | Should -Match 'not available'
        $response.Content | Should -Not -BeNullOrEmpty
    }

    It 'honours -WhatIf: nothing is sent and no tool runs' {
        $scenario = "toolloop~$(New-Guid)"
        $response = Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message 'Weather?' -Tool $tool -ToolHandler @{ get_current_weather = 'Get-CurrentWeather' } -WhatIf
        $response | Should -BeNullOrEmpty
        $script:weatherCalls.Count | Should -Be 0
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -Be 0
    }

    It 'passes a tool only the arguments it declares, never PowerShell''s common parameters' {
        Remove-Variable pwned -Scope Global -ErrorAction Ignore
        $response = Invoke-NvChatCompletion -BaseUri "$uri/evilargs" -Model m -Message 'Weather?' -Tool $tool -ToolHandler @{ get_current_weather = 'Get-CurrentWeather' } -WarningVariable warnings -WarningAction SilentlyContinue
        $script:weatherCalls.Count | Should -Be 0
        Get-Variable pwned -Scope Global -ErrorAction Ignore | Should -BeNullOrEmpty
        $warnings[0] | Should -Match 'does not take the argument\(s\) OutVariable'
        ((Get-LastBody).messages | Where-Object role -EQ 'tool')[0].content | Should -Match 'does not take'
        $response.Content | Should -Be 'Done.'
    }

    It 'checks every call before running any, so a stop loses no result' {
        $other = New-NvTool -Name get_time -ParameterSchema @{ type = 'object'; properties = @{} }
        $response = Invoke-NvChatCompletion -BaseUri "$uri/toolloop" -Model m -Message 'Weather?' -Tool $tool, $other -ToolHandler @{ get_time = { 'noon' } }
        $script:weatherCalls.Count | Should -Be 0 -Because 'get_current_weather has no handler, so the loop stops before any tool runs'
        $response.ToolCalls.Count | Should -Be 2
    }

    It 'stops at -MaxToolRounds with a warning' {
        $scenario = "json~chat-response-tool-calls.json~$(New-Guid)"
        $response = Invoke-NvChatCompletion -BaseUri "$uri/$scenario" -Model m -Message 'Weather?' -Tool $tool -ToolHandler @{ get_current_weather = 'Get-CurrentWeather' } -MaxToolRounds 2 -WarningVariable warnings -WarningAction SilentlyContinue
        @(Get-NimTestRequest $server | Where-Object path -Like "/$scenario/*").Count | Should -Be 3
        $warnings[-1] | Should -Match 'after 2 round'
        $response.ToolCalls.Count | Should -Be 2
    }

    It 'sends a tool''s failure to the model and warns' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/toolloop" -Model m -Message 'Weather?' -Tool $tool -ToolHandler @{ get_current_weather = { throw 'weather service down' } } -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0] | Should -Match 'weather service down'
        ((Get-LastBody).messages | Where-Object role -EQ 'tool')[0].content | Should -Match 'weather service down'
        $response.ToolCalls.Count | Should -Be 0
    }
}

Describe 'Guided output' {
    It 'sends <Parameter> as nvext.<Field>' -ForEach @(
        @{ Parameter = 'GuidedRegex'; Value = '\d{3}'; Field = 'guided_regex' }
        @{ Parameter = 'GuidedChoice'; Value = @('yes', 'no'); Field = 'guided_choice' }
        @{ Parameter = 'GuidedGrammar'; Value = 'root ::= "a"'; Field = 'guided_grammar' }
    ) {
        $arguments = @{ Model = 'm'; Message = 'hi'; $Parameter = $Value }
        $body = (ConvertTo-NimPayload @arguments).Body | ConvertFrom-Json -AsHashtable
        $body.nvext.$Field | Should -Be $Value
        $topLevel = (ConvertTo-NimPayload @arguments -ExtensionPlacement TopLevel).Body | ConvertFrom-Json -AsHashtable
        $topLevel.$Field | Should -Be $Value
        $topLevel.Keys | Should -Not -Contain 'nvext'
    }

    It 'refuses NIM''s guided modes for OpenAI-style servers, naming the field' {
        ConvertTo-NimPayload -Model m -Message hi -GuidedRegex 'a+' -ExtensionPlacement OpenAI -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NimInvalidRequest,*'
        $failures[0].Exception.Field | Should -Be 'guided_regex'
    }

    It 'allows one guided mode at a time' {
        { ConvertTo-NimPayload -Model m -Message hi -GuidedRegex 'a+' -GuidedChoice 'x', 'y' } | Should -Throw -ErrorId 'NimConflictingParameters,*'
    }

    It 'generates the schema of a .NET type' {
        class Person { [string] $Name; [int] $Age; [string[]] $Tags }
        $schema = ((ConvertTo-NimPayload -Model m -Message hi -JsonSchema ([Person])).Body | ConvertFrom-Json -AsHashtable).nvext.guided_json
        $schema.type | Should -Be 'object'
        $schema.properties.Age.type | Should -Be 'integer'
        $schema.properties.Tags.type | Should -Be 'array'
        $schema.properties.Tags.items.type | Should -Be 'string'
        $schema.required | Should -Contain 'Name'
        $openAI = (ConvertTo-NimPayload -Model m -Message hi -JsonSchema ([Person]) -ExtensionPlacement OpenAI).Body | ConvertFrom-Json -AsHashtable
        $openAI.response_format.type | Should -Be 'json_schema'
        $openAI.response_format.json_schema.schema.properties.Name.type | Should -Be 'string'
    }

    It 'parses the content of a JSON-schema answer into Json' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/structured" -Model m -Message 'Who?' -JsonSchema @{ type = 'object'; properties = @{ name = @{ type = 'string' } } }
        $response.Json.name | Should -Be 'Ada'
        $response.Json.age | Should -Be 36
        (Invoke-NvChatCompletion -BaseUri "$uri/structured" -Model m -Message 'Who?').Json | Should -BeNullOrEmpty
    }

    It 'warns when a JSON-schema answer is not JSON' {
        $response = Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Message 'Who?' -JsonSchema @{ type = 'object' } -WarningVariable warnings -WarningAction SilentlyContinue
        $response.Json | Should -BeNullOrEmpty
        $warnings[0] | Should -Match 'not valid JSON'
    }
}

Describe 'Batches and progress' {
    It 'runs piped prompts concurrently with -ThrottleLimit and writes results in input order' {
        Clear-NimTestRequest $server
        $results = '600', '100', '300' | Invoke-NvChatCompletion -BaseUri "$uri/echo" -Model m -ThrottleLimit 3
        $results.Content | Should -Be @('600', '100', '300')
        $received = @(Get-NimTestRequest $server).received | ForEach-Object { [datetimeoffset]$_ } | Sort-Object
        ($received[-1] - $received[0]).TotalMilliseconds | Should -BeLessThan 500 -Because 'all three requests were sent before the first (600 ms) answer came back'
    }

    It 'runs them one at a time by default' {
        Clear-NimTestRequest $server
        '300', '300' | Invoke-NvChatCompletion -BaseUri "$uri/echo" -Model m | Out-Null
        $received = @(Get-NimTestRequest $server).received | ForEach-Object { [datetimeoffset]$_ }
        ($received[1] - $received[0]).TotalMilliseconds | Should -BeGreaterOrEqual 290
    }

    It 'refuses -ThrottleLimit with -Stream' {
        { 'a' | Invoke-NvChatCompletion -BaseUri "$uri/ok" -Model m -Stream -ThrottleLimit 2 } | Should -Throw -ErrorId 'NimConflictingParameters,*'
    }

    It 'shows Write-Progress while a call takes more than a second, unless progress is silenced' -ForEach @(
        @{ Preference = 'Continue'; Expected = $true }
        @{ Preference = 'SilentlyContinue'; Expected = $false }
    ) {
        $shell = [powershell]::Create()
        $null = $shell.AddScript("`$ProgressPreference = '$Preference'; Import-Module '$(Join-Path $PSScriptRoot '../../NvidiaInference.psd1')'; Invoke-NvChatCompletion -BaseUri '$uri/echo' -Model m -Message 1600")
        $output = $shell.Invoke()
        $output[0].Content | Should -Be '1600'
        ($shell.Streams.Progress | Where-Object Activity -EQ 'Invoke-NvChatCompletion').Count -gt 0 | Should -Be $Expected
        $shell.Dispose()
    }
}
