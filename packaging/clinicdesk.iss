; Inno Setup 6 script: the Windows installer for the one-folder build.
; On Windows, after `pyinstaller --noconfirm packaging/clinicdesk.spec`:
;     iscc packaging\clinicdesk.iss
; Installs per user (reception accounts have no admin rights), offline, with a
; start-menu entry; the clinic files stay in %LOCALAPPDATA%\ClinicDesk when it is removed.

#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C3E2A-8B4D-4D7E-9A51-3C2B7E0D9F41}
AppName=ClinicDesk
AppVersion={#AppVersion}
AppPublisher=ClinicDesk
DefaultDirName={localappdata}\Programs\ClinicDesk
DefaultGroupName=ClinicDesk
PrivilegesRequired=lowest
OutputDir=..\dist\installer
OutputBaseFilename=ClinicDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\clinicdesk.ico
UninstallDisplayIcon={app}\ClinicDesk.exe
Compression=lzma2
SolidCompression=yes
CloseApplications=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\ClinicDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ClinicDesk"; Filename: "{app}\ClinicDesk.exe"
Name: "{group}\{cm:UninstallProgram,ClinicDesk}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\ClinicDesk"; Filename: "{app}\ClinicDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ClinicDesk.exe"; Description: "{cm:LaunchProgram,ClinicDesk}"; Flags: nowait postinstall skipifsilent
