@{
    Synopsis     = 'Builds a tool definition for -Tool from a PowerShell command, a hashtable or JSON, or a name and a JSON schema.'
    Description  = @'
New-NvTool writes a ToolDefinition that Invoke-NvChatCompletion and ConvertTo-NvPayload take in -Tool.

From a command (-Command: a function, script or cmdlet, by name or as Get-Command output), the tool is named after the command and described by its help synopsis; its parameters (those of the default parameter set, without the common parameters) become the tool's parameters, with their types as JSON schema, the mandatory ones required, ValidateSet values as an enum, and their help text (HelpMessage, else Get-Help) as descriptions. The same command can then run the calls, with -ToolHandler @{ name = 'Command-Name' }.

From a definition (-Definition): hashtables, objects or JSON text in Llama Stack's form (tool_name, description, parameters with param_type) or OpenAI's (type function, function with name, description and parameters).

From a name and a schema (-Name with -ParameterSchema): a tool whose parameters are exactly that JSON schema.
'@
    Parameters   = @{
        Command         = 'The command the tool describes: a name (a function, script or cmdlet, or an alias of one) or a CommandInfo from Get-Command. Its default parameter set becomes the tool''s parameters.'
        Definition      = 'One or more tool definitions, as hashtables, objects or JSON text, in Llama Stack''s form (tool_name, description, parameters) or OpenAI''s (type function, function with name and parameters). Each becomes one ToolDefinition.'
        Name            = 'The tool''s name, as the model calls it: letters, digits, _ and -, at most 64 characters. With -Command it replaces the command''s name; with -ParameterSchema it is required.'
        Description     = 'What the tool does, for the model to decide when to call it. With -Command it replaces the synopsis from the command''s help.'
        ParameterSchema = 'The tool''s parameters as a JSON schema of an object: a hashtable, JSON text, or a .NET type whose schema is generated. Sent as given.'
    }
    Inputs       = @(
        @{ Type = 'System.Management.Automation.CommandInfo'; Description = 'A command from Get-Command (binds to -Command): Get-Command Get-Weather | New-NvTool.' }
        @{ Type = 'System.String'; Description = 'The name of a command (binds to -Command).' }
    )
    Outputs      = @{
        'NvidiaInference.ToolDefinition' = 'Name, Description, Parameters (Llama Stack form) or ParametersSchemaJson (a JSON schema). Its ToString() is the name.'
    }
    Examples     = @(
        @{
            Title   = 'A tool from a PowerShell function'
            Code    = @'
function Get-Weather {
    <#
    .SYNOPSIS
        Current weather for a city.
    .PARAMETER City
        The city, with its country.
    #>
    param([Parameter(Mandatory)] [string] $City, [ValidateSet('Celsius', 'Fahrenheit')] [string] $Unit = 'Celsius')
    @{ city = $City; temperature = 21; unit = $Unit }
}
$tool = New-NvTool -Command Get-Weather
$tool.Name
(ConvertTo-NvPayload -Model meta/llama-3.1-70b-instruct -Message 'Weather in Paris?' -Tool $tool).Body
'@
            Remarks = 'City becomes a required string described by its help; Unit an optional string with the enum Celsius, Fahrenheit.'
        }
        @{
            Title   = 'A tool from a name and a JSON schema, run by the tool loop'
            Code    = @'
$tool = New-NvTool -Name get_time -Description 'The current time in a time zone' -ParameterSchema @{
    type = 'object'; properties = @{ zone = @{ type = 'string'; description = 'An IANA time zone, such as Europe/Paris' } }; required = @('zone')
}
Invoke-NvChatCompletion -Model meta/llama-3.1-70b-instruct -Message 'What time is it in Paris?' -Tool $tool -ToolHandler @{
    get_time = { param($zone) [System.TimeZoneInfo]::ConvertTimeBySystemTimeZoneId([datetime]::UtcNow, $zone).ToString('HH:mm') }
}
'@
            Remarks = 'The handler runs only for calls of get_time, with the arguments the model chose.'
        }
        @{
            Title   = 'Tools from Llama Stack or OpenAI definitions'
            Code    = @'
$llamaStack = @{ tool_name = 'get_weather'; description = 'Current weather'; parameters = @{ city = @{ param_type = 'str' } } }
$openAI = '{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"zone":{"type":"string"}}}}}'
New-NvTool -Definition $llamaStack, $openAI | Select-Object Name, Description
'@
            Remarks = 'Both forms give the same kind of ToolDefinition, ready for -Tool.'
        }
    )
    RelatedLinks = @('about_NvidiaInference', 'Invoke-NvChatCompletion')
}
