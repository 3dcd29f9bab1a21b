# Shared setup of the Pester suite. Dot-source it in BeforeAll:  . (Join-Path $PSScriptRoot 'Common.ps1')
# Imports the built module (build.ps1 stages it into module/bin) and defines the helpers the tests share.

$RepositoryRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
$ManifestPath = Join-Path $RepositoryRoot 'NvidiaInference.psd1'
$ModuleBin = Join-Path $RepositoryRoot 'module/bin'
$FixturesPath = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../fixtures/wire')).Path
$ModuleVersion = (Import-PowerShellDataFile -LiteralPath $ManifestPath).ModuleVersion

Import-Module (Join-Path $PSScriptRoot '../../NvidiaInference.psd1') -Force -ErrorAction Stop

function Get-Fixture {
    # The full path of a fixture in tests/fixtures/wire; fails when it is missing, so no test runs on nothing.
    param([Parameter(Mandatory)] [string] $Name)
    $path = Join-Path $FixturesPath $Name
    if (-not (Test-Path -LiteralPath $path)) { throw "The fixture $Name is missing from $FixturesPath." }
    $path
}

function Get-Expected {
    # The .sse.expected.json of a stream fixture, as hashtables.
    param([Parameter(Mandatory)] [string] $StreamPath)
    Get-Content -Raw -LiteralPath "$StreamPath.expected.json" | ConvertFrom-Json -AsHashtable
}

function ConvertFrom-Body {
    # A payload's body parsed into hashtables and arrays.
    param([Parameter(Mandatory, ValueFromPipeline)] $Payload)
    process { $Payload.Body | ConvertFrom-Json -AsHashtable }
}

function ConvertTo-StopReason {
    # docs/responses.md, Stop reasons: stop -> EndOfTurn, length -> OutOfTokens, tool_calls -> EndOfMessage, anything else -> EndOfTurn.
    param([AllowNull()] [string] $FinishReason)
    switch ($FinishReason) {
        'length' { 'OutOfTokens' }
        'tool_calls' { 'EndOfMessage' }
        default { 'EndOfTurn' }
    }
}

function Test-IsNumber {
    param([AllowNull()] $Value)
    $null -ne $Value -and $Value -isnot [bool] -and $Value -isnot [string] -and $Value -isnot [char] -and
        [System.Type]::GetTypeCode($Value.GetType()) -in 'SByte', 'Byte', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64', 'Single', 'Double', 'Decimal'
}

function Get-PlainDifference {
    <#
        Compares two plain values (dictionaries, lists, strings, numbers, booleans, null) as JSON would: key order
        does not matter, keys and strings are case-sensitive, 1 and 1.0 are equal. Writes one line per difference,
        so `Get-PlainDifference $a $e | Should -BeNullOrEmpty` shows every difference when it fails.
    #>
    param([AllowNull()] $Actual, [AllowNull()] $Expected, [string] $Path = '$')

    if ($null -eq $Expected -or $null -eq $Actual) {
        if ($null -ne $Expected -or $null -ne $Actual) { "${Path}: expected <$Expected>, got <$Actual>" }
        return
    }

    if ($Expected -is [System.Collections.IDictionary]) {
        if ($Actual -isnot [System.Collections.IDictionary]) { "${Path}: expected an object, got <$Actual> ($($Actual.GetType().Name))"; return }
        $expectedKeys = @($Expected.Keys | ForEach-Object { [string]$_ })
        $actualKeys = @($Actual.Keys | ForEach-Object { [string]$_ })
        foreach ($key in $expectedKeys) {
            if ($actualKeys -cnotcontains $key) { "${Path}.${key}: missing" }
            else { Get-PlainDifference -Actual $Actual[$key] -Expected $Expected[$key] -Path "$Path.$key" }
        }
        foreach ($key in $actualKeys) {
            if ($expectedKeys -cnotcontains $key) { "${Path}.${key}: unexpected (<$($Actual[$key])>)" }
        }
        return
    }

    if ($Expected -is [System.Collections.IEnumerable] -and $Expected -isnot [string]) {
        if ($Actual -isnot [System.Collections.IEnumerable] -or $Actual -is [string] -or $Actual -is [System.Collections.IDictionary]) {
            "${Path}: expected a list, got <$Actual>"; return
        }
        $expectedItems = @($Expected)
        $actualItems = @($Actual)
        if ($expectedItems.Count -ne $actualItems.Count) { "${Path}: expected $($expectedItems.Count) items, got $($actualItems.Count)"; return }
        for ($i = 0; $i -lt $expectedItems.Count; $i++) {
            Get-PlainDifference -Actual $actualItems[$i] -Expected $expectedItems[$i] -Path "$Path[$i]"
        }
        return
    }

    if (Test-IsNumber $Expected) {
        if (-not (Test-IsNumber $Actual) -or [double]$Actual -ne [double]$Expected) { "${Path}: expected number <$Expected>, got <$Actual> ($($Actual.GetType().Name))" }
        return
    }

    if ($Expected -is [bool]) {
        if ($Actual -isnot [bool] -or $Actual -ne $Expected) { "${Path}: expected <$Expected>, got <$Actual> ($($Actual.GetType().Name))" }
        return
    }

    if ($Actual -isnot [string] -or $Actual -cne [string]$Expected) { "${Path}: expected '$Expected', got '$Actual' ($($Actual.GetType().Name))" }
}

function Get-OutputSignature {
    # One line per output object of ConvertFrom-NimChunk with everything that identifies it, to compare two runs.
    param([AllowNull()] [object[]] $InputObject)
    foreach ($item in $InputObject) {
        switch ($item) {
            { $_ -is [System.Management.Automation.ErrorRecord] } { "Error|$($_.FullyQualifiedErrorId)"; break }
            { $_ -is [NvidiaInference.ChatCompletionEvent] } {
                $call = $_.Delta.ToolCall
                $callText = if ($call) { "$($call.CallId)|$($call.ToolName)|$($call.ArgumentsJson)|$($call.ParseStatus)" }
                "Event|$($_.EventType)|$($_.Delta.Type)|$($_.Delta.Text)|$($_.Delta.ParseStatus)|$callText|$($_.StopReason)|$($_.Usage)|" +
                    (@($_.Logprobs | ForEach-Object { "$($_.Token)=$($_.Logprob)" }) -join ',')
                break
            }
            { $_ -is [NvidiaInference.CompletionStreamChunk] } {
                "Chunk|$($_.Delta)|$($_.StopReason)|$($_.Usage)|" + (@($_.Logprobs | ForEach-Object { "$($_.Token)=$($_.Logprob)" }) -join ',')
                break
            }
            default { "Other|$($_.GetType().FullName)|$_" }
        }
    }
}

function Get-Shown {
    # The text Show-NvStream or Enter-NvChat showed (what -InformationVariable caught), as one string, escape sequences removed.
    param([AllowNull()] [object[]] $Information)
    (-join @($Information | ForEach-Object { $_.MessageData.Message })) -replace "`e\[[0-9;]*m", ''
}
