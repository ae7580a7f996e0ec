@echo off
rem Cairn launcher for Windows (release distribution): runs lib\cairn.jar on the Java of JAVA_HOME,
rem else the first java on PATH. CAIRN_OPTS adds JVM options.
setlocal
set "CAIRN_HOME=%~dp0.."
for %%i in ("%CAIRN_HOME%") do set "CAIRN_HOME=%%~fi"
if defined JAVA_HOME (
  set "CAIRN_JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "CAIRN_JAVA=java.exe"
)
if defined JAVA_HOME if not exist "%CAIRN_JAVA%" (
  echo cairn: JAVA_HOME=%JAVA_HOME% has no bin\java.exe: point JAVA_HOME at a JDK 17 or newer 1>&2
  exit /b 3
)
if not defined JAVA_HOME (
  where java.exe >nul 2>nul || (
    echo cairn: no Java found: JAVA_HOME is not set and there is no java.exe on PATH; install a JDK 17 or newer 1>&2
    exit /b 3
  )
)
set "CAIRN_JIT=-XX:CompileThresholdScaling=3"
if /i "%~1"=="push" set "CAIRN_JIT=-XX:TieredStopAtLevel=1"
if /i "%~1"=="pull" set "CAIRN_JIT=-XX:TieredStopAtLevel=1"
if /i "%~1"=="fetch" set "CAIRN_JIT=-XX:TieredStopAtLevel=1"
"%CAIRN_JAVA%" %CAIRN_JIT% %CAIRN_OPTS% "-Dcairn.home=%CAIRN_HOME%" -jar "%CAIRN_HOME%\lib\cairn.jar" %*
exit /b %ERRORLEVEL%
