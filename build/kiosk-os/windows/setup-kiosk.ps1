# Sets up a Windows kiosk for the Linli Electron shell: Shell Launcher v2 with shell-launcher.xml,
# the Keyboard Filter for the keys Electron cannot block, no USB mass storage, the restart mode the
# shell needs under a supervisor, and Chromium's kiosk policy (chromium-policy.reg). Windows 10/11
# Enterprise, Education or IoT Enterprise.
#
# Run twice, as SYSTEM (the Assigned Access MDM bridge refuses plain administrators), e.g.
#   psexec.exe -i -s powershell.exe -ExecutionPolicy Bypass -File setup-kiosk.ps1
# The first run enables the Windows features and asks for a reboot; the second configures them.
#
# Keyboard Filter notes:
# - It blocks what reaches the desktop before any app: Ctrl+Alt+Del, Ctrl+Shift+Esc, Win keys,
#   Alt+Tab, Alt+F4. Electron cannot block these (electron/electron #2156, #38515, #40159).
# - It is turned off for administrators here, so staff signed in as an admin can service the
#   machine. Its breakout key (WEKF_Settings BreakoutKeyScanCode) switches to the sign-in
#   screen; keep it off the kiosk's keypad, or remove the physical keyboard.
# - Filter ids are the names from Microsoft's "predefined key combinations" list; an id this
#   Windows build does not know is reported and skipped.
$ErrorActionPreference = 'Stop'

$features = 'Client-EmbeddedShellLauncher', 'Client-KeyboardFilter'
$missing = $features | Where-Object { (Get-WindowsOptionalFeature -Online -FeatureName $_).State -ne 'Enabled' }
if ($missing) {
    Enable-WindowsOptionalFeature -Online -All -NoRestart -FeatureName $missing | Out-Null
    Write-Output 'Windows features enabled. Reboot, then run this script again.'
    exit 0
}

# The shell exits to restart; Shell Launcher starts it again (shell-config.ts, RestartMode).
[Environment]::SetEnvironmentVariable('LINLI_RESTART_MODE', 'exit', 'Machine')

# USB mass storage never loads (printers, card readers and touch panels are unaffected).
Set-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\USBSTOR' -Name Start -Value 4

# Chromium's managed policy (chromium-policy.reg, written from ../chromium-policy.json by
# ../chromium-policy.ts): a Chromium on this machine opens only the kiosk page on
# http://127.0.0.1:7310, with no DevTools, downloads, print dialogs, file pickers or extensions.
# The Electron shell reads no browser policy (its main process enforces the same); this is for the
# browser shell. Only the Chromium key is written: the same values under Google\Chrome or
# Microsoft\Edge would lock those browsers for the administrators of this machine as well.
# Start-Process, not `& reg.exe`: reg import prints its success message on stderr, which Windows
# PowerShell 5.1 may turn into a terminating error under ErrorActionPreference Stop.
$policy = Join-Path $PSScriptRoot 'chromium-policy.reg'
$import = Start-Process -FilePath reg.exe -ArgumentList 'import', "`"$policy`"", '/reg:64' -Wait -PassThru -NoNewWindow
if ($import.ExitCode -ne 0) { throw "reg import $policy failed with exit code $($import.ExitCode)" }

$filter = @{ Namespace = 'root\standardcimv2\embedded' }
foreach ($id in 'Ctrl+Alt+Del', 'Shift+Ctrl+Esc', 'Ctrl+Esc', 'Windows', 'Win+L', 'Alt+Tab', 'Alt+F4') {
    $key = Get-CimInstance @filter -ClassName WEKF_PredefinedKey | Where-Object Id -EQ $id
    if ($key) { Set-CimInstance -InputObject $key -Property @{ Enabled = $true } }
    else { Write-Warning "Keyboard Filter has no predefined key '$id' on this Windows build" }
}
Get-CimInstance @filter -ClassName WEKF_Settings | Where-Object Name -EQ 'DisableKeyboardFilterForAdministrators' |
    Set-CimInstance -Property @{ Value = 'true' }

$shellLauncher = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'shell-launcher.xml')
$assignedAccess = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName MDM_AssignedAccess
$assignedAccess.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($shellLauncher)
Set-CimInstance -CimInstance $assignedAccess

Write-Output 'Linli kiosk set up: the kiosk account signs in to the app after the next reboot.'
