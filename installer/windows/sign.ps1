# Authenticode-signs every .exe and .dll under a folder, or one file (the MSI), with signtool.
# Used by .github/workflows/release.yml only when the signing secrets exist. The certificate
# arrives base64-encoded in $env:SIGNING_CERT (a PFX) with $env:SIGNING_PASSWORD; it is written
# to the runner's temp folder for the duration of the step and removed afterwards.
param([Parameter(Mandatory = $true)][string]$Path)
$ErrorActionPreference = "Stop"

$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin" -Recurse -Filter signtool.exe |
  Where-Object { $_.FullName -match '\\x64\\' } | Sort-Object FullName -Descending | Select-Object -First 1
if (-not $signtool) { throw "signtool.exe not found in the Windows SDK" }

$pfx = Join-Path $env:RUNNER_TEMP "signing.pfx"
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:SIGNING_CERT))
try {
  if (Test-Path $Path -PathType Container) {
    $files = Get-ChildItem $Path -Recurse -Include *.exe, *.dll, *.pyd | ForEach-Object FullName
  } else {
    $files = @((Resolve-Path $Path).Path)
  }
  $timestamp = @()
  if ($env:TIMESTAMP_URL) { $timestamp = @("/tr", $env:TIMESTAMP_URL, "/td", "SHA256") }
  # signtool takes many files per call; batches keep the command line short.
  for ($i = 0; $i -lt $files.Count; $i += 50) {
    $batch = $files[$i..([Math]::Min($i + 49, $files.Count - 1))]
    & $signtool.FullName sign /f $pfx /p $env:SIGNING_PASSWORD /fd SHA256 @timestamp $batch
    if ($LASTEXITCODE -ne 0) { throw "signtool sign failed ($LASTEXITCODE)" }
    & $signtool.FullName verify /pa $batch
    if ($LASTEXITCODE -ne 0) { throw "signtool verify failed ($LASTEXITCODE)" }
  }
  Write-Output "signed $($files.Count) file(s)"
} finally {
  Remove-Item $pfx -Force -ErrorAction SilentlyContinue
}
