# Starts the loopback test server (tests/NimTestServer) for a test file; it binds 127.0.0.1 on a port the OS picks
# and exits when its standard input closes. Use: $server = Start-NimTestServer; ... Stop-NimTestServer $server
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
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^listening on (http://127\.0\.0\.1:\d+)$') {
        $process.Kill()
        throw "The test server did not start: $line"
    }
    [pscustomobject]@{ Process = $process; Uri = $Matches[1] }
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
