; Inno Setup 6 script for ShipDesk's Windows installer.
;
; Build from the repository root, after `pyinstaller --noconfirm --clean shipdesk.spec` made
; dist\ShipDesk\ (ShipDesk.exe, shipdesk-cli.exe, _internal\):
;
;   iscc /DAppVersion=0.1.0 packaging\windows\ShipDesk.iss
;
; The result is dist\ShipDesk-<version>-Setup.exe. It installs for the current user by default
; (no administrator rights; %LOCALAPPDATA%\Programs\ShipDesk) and offers "all users" in a dialog.
; Uninstalling removes only what was installed: the shop's data (database, backups, logs) lives in
; %APPDATA%\ShipDesk and its secrets in Windows Credential Manager, and both are kept.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=1.2.3 packaging\windows\ShipDesk.iss
#endif

#define AppName "ShipDesk"
#define AppExe "ShipDesk.exe"
; Paths below are relative to this script's folder.
#define Root "..\.."

[Setup]
; Never change the AppId: Windows recognises updates and the uninstaller by it.
AppId={{F310D6A0-42BD-4F4C-921F-E2CA59F78D5A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-Setup
SetupIconFile={#Root}\resources\shipdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; Close a running ShipDesk before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
; The first one is used when Windows' language is neither Dutch nor English.
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle: files an older version had must not linger in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\ShipDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
