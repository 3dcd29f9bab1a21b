# Starts the loopback test server (tests/NimTestServer) for a test file; it binds 127.0.0.1 on ports the OS picks
# and exits when its standard input closes. Use: $server = Start-NimTestServer; ... Stop-NimTestServer $server
# $server.Uri is plain HTTP, $server.HttpsUri HTTPS with a self-signed certificate made at start-up, and
# $server.SilentPort a TCP port that accepts connections and never answers.
function Start-NimTestServer {
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $dll = Join-Path $root 'tests/NimTestServer/bin/Release/net10.0/NimTestServer.dll'
    if (-not (Test-Path -LiteralPath $dll)) { throw "The test server is not built: $dll (run build.ps1 -Task Test)." }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($dll)
    $start.ArgumentList.Add((Join-Path $root 'tests/fixtures/wire'))
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $lines = @(for ($i = 0; $i -lt 3; $i++) { $process.StandardOutput.ReadLine() })
    if ($lines[0] -notmatch '^listening on (http://127\.0\.0\.1:\d+)$') {
        $process.Kill()
        throw "The test server did not start: $($lines -join ' / ')"
    }
    $http = $Matches[1]
    if ($lines[1] -notmatch '^listening on (https://127\.0\.0\.1:\d+)$') { $process.Kill(); throw "The test server gave no HTTPS address: $($lines[1])" }
    $https = $Matches[1]
    if ($lines[2] -notmatch '^silent on tcp://127\.0\.0\.1:(\d+)$') { $process.Kill(); throw "The test server gave no silent port: $($lines[2])" }
    [pscustomobject]@{ Process = $process; Uri = $http; HttpsUri = $https; SilentPort = [int]$Matches[1] }
}

function Stop-NimTestServer($Server) {
    if ($Server) {
        $Server.Process.StandardInput.Close()
        if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
    }
}

# The requests the server received, newest last.
function Get-NimTestRequest($Server) {
    # Invoke-RestMethod writes a JSON array as one object; enumerate it.
    foreach ($request in (Invoke-RestMethod -Uri "$($Server.Uri)/_requests")) { $request }
}

function Clear-NimTestRequest($Server) {
    Invoke-RestMethod -Method Delete -Uri "$($Server.Uri)/_requests" | Out-Null
}

# What the server holds open: open (TCP connections, this query's own included), accepted (ever), activeRequests
# (scenario requests still being played) and silent (connections held by the silent listener).
function Get-NimTestConnection($Server) {
    Invoke-RestMethod -Uri "$($Server.Uri)/_connections"
}

# A runspace in which documentation examples run as a reader would run them: from the repository root, against the
# loopback test server reached through NVIDIA_BASE_URL ("ok" scenario), stopping at the first error.
function Start-ExampleShell {
    param([string] $ImportManifest)
    $server = Start-NimTestServer
    $savedBaseUri = $env:NVIDIA_BASE_URL
    $env:NVIDIA_BASE_URL = "$($server.Uri)/ok"
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $import = if ($ImportManifest) { "Import-Module '$ImportManifest'; " } else { '' }
    $shell = [powershell]::Create()
    $null = $shell.AddScript("Set-Location -LiteralPath '$root'; $import`$ErrorActionPreference = 'Stop'").Invoke()
    $shell.Commands.Clear()
    [pscustomobject]@{ Shell = $shell; Server = $server; SavedBaseUri = $savedBaseUri }
}

function Stop-ExampleShell($ExampleShell) {
    $ExampleShell.Shell.Dispose()
    $env:NVIDIA_BASE_URL = $ExampleShell.SavedBaseUri
    Stop-NimTestServer $ExampleShell.Server
}

# Runs one example in the shell and returns its output; the shell's streams hold what else it wrote.
function Invoke-Example($ExampleShell, [string] $Code) {
    $ExampleShell.Shell.Streams.ClearStreams()
    try { $ExampleShell.Shell.AddScript($Code).Invoke() }
    finally { $ExampleShell.Shell.Commands.Clear() }
}
