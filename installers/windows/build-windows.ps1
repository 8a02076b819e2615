# Build SupNotes' Windows bundle and per-machine MSI on a Windows machine.
#
# Needs: uv (https://docs.astral.sh/uv/), WiX Toolset 3.14 (heat, candle,
# light on PATH or in $env:WIX\bin), and for signing the Windows SDK's
# signtool.exe with the organisation's code-signing certificate.
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build-windows.ps1
#   ... -DefaultsFile C:\it\defaults.toml      # bake the organisation's defaults in
#   ... -SignCertThumbprint 0123ABCD...         # Authenticode-sign exe files and the MSI
#
# Output: installers\build\dist\supnotes\ (bundle), installers\build\SupNotes-<version>-x64.msi
[CmdletBinding()]
param(
    [string]$DefaultsFile = "",
    [string]$SignCertThumbprint = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$installers = Split-Path -Parent $here
$root = Split-Path -Parent $installers
$build = Join-Path $installers "build"
$venv = Join-Path $build "venv"
$py = Join-Path $venv "Scripts\python.exe"
New-Item -ItemType Directory -Force -Path $build | Out-Null

function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

$version = (Select-String -Path (Join-Path $root "pyproject.toml") -Pattern '^version = "(.*)"$').Matches[0].Groups[1].Value
Write-Host "== SupNotes $version"

# A throwaway build environment: the app's runtime dependencies as uv.lock
# pins them (no dev group), PyInstaller from requirements-build.txt, both
# with hashes; then SupNotes itself as a wheel would install it.
Push-Location $root
Run uv @("export", "--locked", "--no-dev", "--no-emit-project", "--format", "requirements-txt", "--quiet", "-o", (Join-Path $build "requirements-app.txt"))
Pop-Location
if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
Run uv @("venv", "--quiet", "--python", "3.11", $venv)
Run uv @("pip", "install", "--quiet", "--python", $py, "--require-hashes", "-r", (Join-Path $build "requirements-app.txt"), "-r", (Join-Path $installers "requirements-build.txt"))
Run uv @("pip", "install", "--quiet", "--python", $py, "--no-deps", $root)

Write-Host "== PyInstaller"
Push-Location $build
Run $py @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", (Join-Path $build "dist"), "--workpath", (Join-Path $build "work"), (Join-Path $installers "supnotes.spec"))
Pop-Location
$bundle = Join-Path $build "dist\supnotes"
$cli = Join-Path $bundle "supnotes-cli.exe"

Write-Host "== checks of the bundle"
$got = & $cli --version
if ($got -ne "SupNotes $version") { throw "--version says '$got'" }
$env:QT_QPA_PLATFORM = "offscreen"
$env:SUPNOTES_PASSPHRASE = "correct horse battery staple 7"
Run $cli @("--smoke", "--demo")
$work = Join-Path $build "check"
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
Run $cli @("demo", "--days", "30", "--vault", (Join-Path $work "vault"))
# A decision: the demo's one counter-signed one-to-one has a supervisee outside the register given.
$record = ((& $cli list --vault (Join-Path $work "vault") --status signed) | Where-Object { $_ -match "`tad-hoc-decision@" } | Select-Object -First 1).Split("`t")[0]
Run $cli @("export", "--vault", (Join-Path $work "vault"), "--format", "pdf", "--record", $record, "--out", (Join-Path $work "record.pdf"))
Run $cli @("certificate", "--vault", (Join-Path $work "vault"), "--out", (Join-Path $work "supervisor.pem"))
& $cli verify (Join-Path $work "record.pdf") --trust (Join-Path $work "supervisor.pem")
if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 3) { throw "verify exited $LASTEXITCODE" }
Run $cli @("check", "--vault", (Join-Path $work "vault"))
Remove-Item Env:\SUPNOTES_PASSPHRASE, Env:\QT_QPA_PLATFORM

$signtool = $null
if ($SignCertThumbprint) {
    $signtool = (Get-Command signtool.exe -ErrorAction Stop).Source
    Write-Host "== Authenticode: the executables"
    Get-ChildItem $bundle -Filter *.exe | ForEach-Object {
        Run $signtool @("sign", "/sha1", $SignCertThumbprint, "/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256", $_.FullName)
    }
}

Write-Host "== MSI (WiX 3)"
$wixBin = if ($env:WIX) { Join-Path $env:WIX "bin" } else { "" }
function Wix($tool) { if ($wixBin) { Join-Path $wixBin "$tool.exe" } else { "$tool.exe" } }
$obj = Join-Path $build "wixobj"
New-Item -ItemType Directory -Force -Path $obj | Out-Null
Run (Wix heat) @("dir", $bundle, "-cg", "BundleFiles", "-dr", "INSTALLDIR", "-gg", "-sfrag", "-srd", "-sreg", "-scom", "-var", "var.BundleDir", "-out", (Join-Path $obj "bundle.wxs"))
$sources = @((Join-Path $here "supnotes.wxs"), (Join-Path $obj "bundle.wxs"))
$defines = @("-dVersion=$version", "-dBundleDir=$bundle", "-dIconFile=$(Join-Path $root 'resources\icons\supnotes.ico')")
if ($DefaultsFile) {
    $sources += (Join-Path $here "defaults.wxs")
    $defines += "-dDefaultsFile=$((Resolve-Path $DefaultsFile).Path)"
} else {
    $sources += (Join-Path $here "no-defaults.wxs")
}
Run (Wix candle) (@("-nologo", "-arch", "x64", "-out", "$obj\") + $defines + $sources)
$msi = Join-Path $build "SupNotes-$version-x64.msi"
Run (Wix light) (@("-nologo", "-out", $msi) + (Get-ChildItem $obj -Filter *.wixobj | ForEach-Object { $_.FullName }))

if ($signtool) {
    Write-Host "== Authenticode: the MSI"
    Run $signtool @("sign", "/sha1", $SignCertThumbprint, "/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256", "/d", "SupNotes $version", $msi)
    Run $signtool @("verify", "/pa", "/v", $msi)
}
Write-Host "MSI: $msi"
