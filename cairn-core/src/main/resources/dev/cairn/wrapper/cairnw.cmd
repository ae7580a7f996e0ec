<# : batch part
@echo off
rem Cairn wrapper for Windows, written by 'cairn wrapper': runs the Cairn that .cairn\wrapper.properties
rem pins. The PowerShell part below downloads the distribution once, checks its SHA-256 and unpacks it
rem into %USERPROFILE%\.cairn\wrapper (or CAIRN_WRAPPER_HOME); CAIRN_DISTRIBUTION_URL and
rem CAIRN_REPOSITORY_URL name a mirror, as for cairnw.
setlocal
set "CAIRNW_SCRIPT=%~f0"
set "CAIRNW_DIST="
for /f "usebackq delims=" %%d in (`powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "iex ([IO.File]::ReadAllText($env:CAIRNW_SCRIPT))"`) do set "CAIRNW_DIST=%%d"
if not defined CAIRNW_DIST exit /b 1
set "CAIRN_WRAPPER_PROPERTIES=%~dp0.cairn\wrapper.properties"
call "%CAIRNW_DIST%\bin\cairn.cmd" %*
exit /b %ERRORLEVEL%
: end of the batch part #>
$ErrorActionPreference = 'Stop'
function Fail([string] $message) { [Console]::Error.WriteLine("cairnw: $message"); exit 1 }
$props = Join-Path (Split-Path -Parent $env:CAIRNW_SCRIPT) '.cairn\wrapper.properties'
if (-not (Test-Path $props)) { Fail "$props is missing: write it with 'cairn wrapper'" }
$url = $null; $sum = $null
foreach ($line in Get-Content $props) {
  if ($line -match '^distributionUrl=(.*)$') { $url = $Matches[1].Trim() }
  elseif ($line -match '^distributionSha256Sum=(.*)$') { $sum = $Matches[1].Trim() }
}
if (-not $url) { Fail "$props has no distributionUrl" }
if ($env:CAIRN_DISTRIBUTION_URL) { $url = $env:CAIRN_DISTRIBUTION_URL }
elseif ($env:CAIRN_REPOSITORY_URL -and $url -match '/dev/cairn/cairn-dist/(.*)$') {
  $url = $env:CAIRN_REPOSITORY_URL.TrimEnd('/') + '/dev/cairn/cairn-dist/' + $Matches[1]
}
$name = (($url -split '/')[-1] -split '\?')[0] -replace '\.(tar\.gz|tgz)$', ''
$cache = if ($env:CAIRN_WRAPPER_HOME) { $env:CAIRN_WRAPPER_HOME } else { Join-Path $env:USERPROFILE '.cairn\wrapper' }
$hash = [Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($url))
$key = -join ($hash[0..7] | ForEach-Object { $_.ToString('x2') })
$dist = Join-Path $cache "dists\$name\$key"
if (-not (Test-Path (Join-Path $dist 'bin\cairn.cmd'))) {
  $parent = Split-Path -Parent $dist
  New-Item -ItemType Directory -Force -Path $parent | Out-Null
  $tmp = Join-Path $parent ('.tmp.' + [Guid]::NewGuid().ToString('N'))
  New-Item -ItemType Directory -Path $tmp | Out-Null
  try {
    $archive = Join-Path $tmp "$name.tar.gz"
    if ($url -like 'file:*') { Copy-Item -LiteralPath ([Uri] $url).LocalPath -Destination $archive }
    else {
      [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
      (New-Object Net.WebClient).DownloadFile($url, $archive)
    }
    if ($sum) {
      $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $archive).Hash.ToLowerInvariant()
      if ($actual -ne $sum.ToLowerInvariant()) { Fail "SHA-256 mismatch for ${url}: expected $sum, got $actual; nothing installed" }
    } else { [Console]::Error.WriteLine("cairnw: warning: $props has no distributionSha256Sum: the download is not checked") }
    $unpacked = Join-Path $tmp 'unpacked'
    New-Item -ItemType Directory -Path $unpacked | Out-Null
    tar -xzf $archive -C $unpacked
    if ($LASTEXITCODE -ne 0) { Fail "cannot unpack ${url}: not a .tar.gz archive" }
    $top = @(Get-ChildItem -LiteralPath $unpacked)
    if ($top.Count -ne 1 -or -not (Test-Path (Join-Path $top[0].FullName 'bin\cairn.cmd'))) {
      Fail "$url is not a Cairn distribution: no single top directory with bin\cairn.cmd"
    }
    if (-not (Test-Path $dist)) { try { Move-Item -LiteralPath $top[0].FullName -Destination $dist } catch { } }
    $inside = Join-Path $dist $top[0].Name
    if (Test-Path $inside) { Remove-Item -Recurse -Force -LiteralPath $inside }
    if (-not (Test-Path (Join-Path $dist 'bin\cairn.cmd'))) { Fail "cannot install into ${dist}: remove it and run again" }
  } finally {
    Remove-Item -Recurse -Force -LiteralPath $tmp -ErrorAction SilentlyContinue
  }
}
Write-Output $dist
