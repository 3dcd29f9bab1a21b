#Requires -Version 7.4
<#
.SYNOPSIS
    Generates the MAML help of the module's cmdlets, and stages the about topic beside it.
.DESCRIPTION
    The prose comes from the help sources: one <Cmdlet>.psd1 per cmdlet (synopsis, description, parameters, inputs,
    outputs, notes, examples, links) and SharedParameters.psd1 for the text of parameters several cmdlets share (a
    cmdlet's own text wins). Everything the code decides is read from the imported module at generation time:
    parameter names, types, parameter sets, positions, mandatory, pipeline input, wildcards, aliases, default
    values (from a fresh instance of the cmdlet) and output types ([OutputType]). So the help cannot drift from the
    code; missing prose is reported as a warning, and tests/Pester/Help.Tests.ps1 fails on it.

    PowerShell looks for a binary module's help in the culture folder of the module base (the manifest's folder),
    not beside the assembly: the output goes to <module base>/en-US, which every culture falls back to.

    build.ps1 runs this in a child process, because it imports the module it documents.
.EXAMPLE
    dotnet pwsh -NoProfile -File build/Build-ModuleHelp.ps1 -ManifestPath ./NvidiaInference.psd1 -SourcePath ./docs/help -OutputPath ./en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ManifestPath,
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

function Get-HelpSource {
    # The prose of one cmdlet, or an empty record (and a warning) when its file is missing.
    param([string] $Name)
    $path = Join-Path $SourcePath "$Name.psd1"
    if (Test-Path -LiteralPath $path) { return Import-PowerShellDataFile -LiteralPath $path }
    Write-Warning "No help source for $Name ($path)."
    @{}
}

function Get-Entry {
    # A key of a help source, or $null; the sources are data files, so any key may be missing.
    param([System.Collections.IDictionary] $Source, [string] $Key)
    if ($Source -and $Source.Contains($Key)) { $Source[$Key] } else { $null }
}

function Get-DocumentedParameters {
    # The parameters a cmdlet's help describes: every parameter but the common ones (-WhatIf and -Confirm included).
    param([System.Management.Automation.CommandInfo] $Command)
    @($Command.Parameters.Values | Where-Object { -not $CommonParameters.Contains($_.Name) })
}

function Get-ParameterText {
    # A parameter's text: the cmdlet's own, else the shared one. An entry is a string, or a hashtable with Description
    # (and optionally Default, for a default the code cannot show, such as one read from the environment).
    param([System.Collections.IDictionary] $Source, [System.Collections.IDictionary] $Shared, [string] $Name)
    $own = Get-Entry (Get-Entry $Source 'Parameters') $Name
    $entry = if ($null -ne $own) { $own } else { Get-Entry $Shared $Name }
    if ($entry -is [System.Collections.IDictionary]) { return $entry }
    @{ Description = $entry }
}

function Get-DefaultValue {
    # The value a parameter has when it is not given, read from a fresh instance of the cmdlet (or of its dynamic
    # parameter object), so "Default value" in the help is what the code does.
    param([System.Management.Automation.CmdletInfo] $Command, [string] $Name)
    try {
        $instance = [Activator]::CreateInstance($Command.ImplementingType)
        $holder = if ($Command.ImplementingType.GetProperty($Name)) { $instance }
        elseif ($instance -is [System.Management.Automation.IDynamicParameters]) { $instance.GetDynamicParameters() }
        $value = if ($holder) { $holder.GetType().GetProperty($Name).GetValue($holder) }
        if ($instance -is [IDisposable]) { $instance.Dispose() }
    }
    catch {
        $value = $null
    }
    if ($null -eq $value) { return $(if ($Command.Parameters[$Name].SwitchParameter) { 'False' } else { 'None' }) }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    [string]$value
}

function Get-TypeName {
    # The type as help shows it: Nullable<T> as T.
    param([type] $Type, [switch] $FullName)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($FullName) { $Type.FullName } else { $Type.Name }
}

function Get-PipelineInput {
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    $byValue = $Parameter.ParameterSets.Values.Where({ $_.ValueFromPipeline }).Count -gt 0
    $byName = $Parameter.ParameterSets.Values.Where({ $_.ValueFromPipelineByPropertyName }).Count -gt 0
    $kinds = @(if ($byValue) { 'ByValue' }; if ($byName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-Position {
    # The position when every parameter set that has the parameter agrees, else "named".
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    $positions = @($Parameter.ParameterSets.Values | ForEach-Object Position | Sort-Object -Unique)
    if ($positions.Count -eq 1 -and $positions[0] -ge 0) { [string]$positions[0] } else { 'named' }
}

function Split-Paragraphs {
    # Blank lines separate paragraphs. Inside one, prose lines are joined into one line (Get-Help wraps it to the
    # console); lines that start a list item ("- ", "* ") or are indented keep their own line.
    param([AllowNull()] [string] $Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return }
    foreach ($block in ($Text.Trim() -split '\r?\n\s*\r?\n')) {
        $lines = [System.Collections.Generic.List[string]]::new()
        foreach ($line in ($block -split '\r?\n')) {
            if ($lines.Count -gt 0 -and $line -notmatch '^(\s|[-*] )') { $lines[$lines.Count - 1] += ' ' + $line.Trim() }
            else { $lines.Add($line.TrimEnd()) }
        }
        $lines -join "`n"
    }
}

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [AllowNull()] [string] $Text)
    foreach ($paragraph in (Split-Paragraphs $Text)) {
        $Writer.WriteElementString('para', $Namespaces.maml, $paragraph)
    }
}

function Write-Description {
    param([System.Xml.XmlWriter] $Writer, [AllowNull()] [string] $Text)
    $Writer.WriteStartElement('description', $Namespaces.maml)
    Write-Paragraphs $Writer $Text
    $Writer.WriteEndElement()
}

function Write-Type {
    param([System.Xml.XmlWriter] $Writer, [string] $Name)
    $Writer.WriteStartElement('type', $Namespaces.dev)
    $Writer.WriteElementString('name', $Namespaces.maml, $Name)
    $Writer.WriteEndElement()
}

function Write-Parameter {
    # One command:parameter. In a syntax item, Mandatory, Position and pipeline input are those of that parameter
    # set; in the parameters section they summarise all sets.
    param(
        [System.Xml.XmlWriter] $Writer,
        [System.Management.Automation.CmdletInfo] $Command,
        [System.Management.Automation.ParameterMetadata] $Parameter,
        [System.Collections.IDictionary] $Text,
        [System.Management.Automation.ParameterSetMetadata] $InSet
    )
    $isSwitch = $Parameter.SwitchParameter
    $sets = @($Parameter.ParameterSets.Values)
    $required = if ($InSet) { $InSet.IsMandatory } else { $sets.Where({ -not $_.IsMandatory }).Count -eq 0 }
    $position = if ($InSet) { if ($InSet.Position -ge 0) { [string]$InSet.Position } else { 'named' } } else { Get-Position $Parameter }
    $wildcards = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0

    $Writer.WriteStartElement('parameter', $Namespaces.command)
    $Writer.WriteAttributeString('required', $required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ($Parameter.ParameterType.IsArray).ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $wildcards.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $Parameter))
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('name', $Namespaces.maml, $Parameter.Name)
    Write-Description $Writer $Text.Description
    if (-not $isSwitch) {
        $Writer.WriteStartElement('parameterValue', $Namespaces.command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', ($Parameter.ParameterType.IsArray).ToString().ToLowerInvariant())
        $Writer.WriteString((Get-TypeName $Parameter.ParameterType))
        $Writer.WriteEndElement()
    }
    Write-Type $Writer (Get-TypeName $Parameter.ParameterType -FullName)
    $default = if ($Text.Contains('Default')) { $Text.Default } else { Get-DefaultValue $Command $Parameter.Name }
    $Writer.WriteElementString('defaultValue', $Namespaces.dev, $default)
    $Writer.WriteEndElement()
}

function Write-Syntax {
    # One syntax item per parameter set, positional parameters first, in the order PowerShell binds them.
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CmdletInfo] $Command, [hashtable] $Texts)
    $Writer.WriteStartElement('syntax', $Namespaces.command)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('syntaxItem', $Namespaces.command)
        $Writer.WriteElementString('name', $Namespaces.maml, $Command.Name)
        $members = @($set.Parameters | Where-Object { -not $CommonParameters.Contains($_.Name) })
        $ordered = @($members | Where-Object Position -GE 0 | Sort-Object Position) + @($members | Where-Object Position -LT 0)
        foreach ($member in $ordered) {
            $parameter = $Command.Parameters[$member.Name]
            $inSet = $parameter.ParameterSets[$set.Name]
            if (-not $inSet) { $inSet = $parameter.ParameterSets['__AllParameterSets'] }
            Write-Parameter $Writer $Command $parameter $Texts[$member.Name] $inSet
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CmdletInfo] $Command, [hashtable] $Shared)
    $source = Get-HelpSource $Command.Name
    $parameters = Get-DocumentedParameters $Command
    $texts = @{}
    foreach ($parameter in $parameters) {
        $texts[$parameter.Name] = Get-ParameterText $source $Shared $parameter.Name
        if ([string]::IsNullOrWhiteSpace($texts[$parameter.Name].Description)) { Write-Warning "$($Command.Name): no text for -$($parameter.Name)." }
    }
    foreach ($key in @((Get-Entry $source 'Parameters') | ForEach-Object { if ($_) { $_.Keys } })) {
        if (-not $Command.Parameters.ContainsKey($key)) { Write-Warning "$($Command.Name): the help describes -$key, which the cmdlet does not have." }
    }
    foreach ($key in 'Synopsis', 'Description') {
        if ([string]::IsNullOrWhiteSpace((Get-Entry $source $key))) { Write-Warning "$($Command.Name): no $key." }
    }

    $Writer.WriteStartElement('command', 'command', $Namespaces.command)
    foreach ($prefix in $Namespaces.Keys) { $Writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix]) }

    $Writer.WriteStartElement('details', $Namespaces.command)
    $Writer.WriteElementString('name', $Namespaces.command, $Command.Name)
    $Writer.WriteElementString('verb', $Namespaces.command, $Command.Verb)
    $Writer.WriteElementString('noun', $Namespaces.command, $Command.Noun)
    Write-Description $Writer (Get-Entry $source 'Synopsis')
    $Writer.WriteEndElement()

    Write-Description $Writer (Get-Entry $source 'Description')
    Write-Syntax $Writer $Command $texts

    $Writer.WriteStartElement('parameters', $Namespaces.command)
    foreach ($parameter in $parameters | Sort-Object Name) {
        Write-Parameter $Writer $Command $parameter $texts[$parameter.Name] $null
    }
    $Writer.WriteEndElement()

    # Inputs: what the pipeline parameters accept, as the source describes it (a transformation attribute may accept
    # more than the parameter's type says). A cmdlet with no pipeline parameter takes None.
    $Writer.WriteStartElement('inputTypes', $Namespaces.command)
    $inputs = @(Get-Entry $source 'Inputs')
    if (-not ($parameters | Where-Object { (Get-PipelineInput $_) -ne 'False' })) { $inputs = @(@{ Type = 'None'; Description = 'This cmdlet takes no pipeline input.' }) }
    elseif (-not ($inputs | Where-Object { $_ })) { Write-Warning "$($Command.Name): no Inputs." }
    foreach ($item in $inputs | Where-Object { $_ }) {
        $Writer.WriteStartElement('inputType', $Namespaces.command)
        Write-Type $Writer $item.Type
        Write-Description $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Outputs: the [OutputType] types, each with the source's description.
    $outputs = Get-Entry $source 'Outputs'
    $Writer.WriteStartElement('returnValues', $Namespaces.command)
    foreach ($type in $Command.OutputType | ForEach-Object Name | Sort-Object -Unique) {
        $description = Get-Entry $outputs $type
        if ([string]::IsNullOrWhiteSpace($description)) { Write-Warning "$($Command.Name): no text for the output $type." }
        $Writer.WriteStartElement('returnValue', $Namespaces.command)
        Write-Type $Writer $type
        Write-Description $Writer $description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $notes = Get-Entry $source 'Notes'
    if ($notes) {
        $Writer.WriteStartElement('alertSet', $Namespaces.maml)
        $Writer.WriteStartElement('alert', $Namespaces.maml)
        Write-Paragraphs $Writer $notes
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $examples = @(Get-Entry $source 'Examples' | Where-Object { $_ })
    if ($examples.Count -lt 2) { Write-Warning "$($Command.Name): $($examples.Count) example(s); every cmdlet needs at least two." }
    $Writer.WriteStartElement('examples', $Namespaces.command)
    for ($i = 0; $i -lt $examples.Count; $i++) {
        $Writer.WriteStartElement('example', $Namespaces.command)
        $Writer.WriteElementString('title', $Namespaces.maml, "--------- Example $($i + 1): $($examples[$i].Title) ---------")
        $Writer.WriteElementString('code', $Namespaces.dev, $examples[$i].Code.Trim())
        $Writer.WriteStartElement('remarks', $Namespaces.dev)
        Write-Paragraphs $Writer $examples[$i].Remarks
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('relatedLinks', $Namespaces.command)
    foreach ($link in @(Get-Entry $source 'RelatedLinks' | Where-Object { $_ })) {
        $Writer.WriteStartElement('navigationLink', $Namespaces.maml)
        $Writer.WriteElementString('linkText', $Namespaces.maml, $link)
        $Writer.WriteElementString('uri', $Namespaces.maml, '')
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

$module = Import-Module -Name $ManifestPath -PassThru -Force
$shared = Import-PowerShellDataFile -LiteralPath (Join-Path $SourcePath 'SharedParameters.psd1')
$cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
New-Item -ItemType Directory -Force -Path $OutputPath | Out-Null

foreach ($file in Get-ChildItem -LiteralPath $SourcePath -Filter '*.psd1') {
    if ($file.BaseName -ne 'SharedParameters' -and $file.BaseName -notin $cmdlets.Name) { Write-Warning "$($file.Name) documents no cmdlet of the module." }
}

# One help file per assembly, named as CmdletInfo.HelpFile says: <assembly>.dll-Help.xml.
foreach ($group in $cmdlets | Group-Object HelpFile) {
    $path = Join-Path $OutputPath $group.Name
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $group.Group) { Write-Command $writer $command $shared }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
    Write-Host "Wrote the help of $($group.Count) cmdlets to $path"
}

foreach ($topic in Get-ChildItem -LiteralPath $SourcePath -Filter 'about_*.help.txt') {
    Copy-Item -LiteralPath $topic.FullName -Destination $OutputPath -Force
    Write-Host "Staged $($topic.Name) in $OutputPath"
}
