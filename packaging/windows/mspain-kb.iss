; Inno Setup 6 script: a per-user Windows installer for MS Pain KB, made from the folder that
; `python run.py bundle` builds on Windows (dist\mspain-kb\). From the repository folder:
;
;     python run.py bundle
;     iscc packaging\windows\mspain-kb.iss          (or /DAppVersion=0.2.0 for another version)
;
; It needs no administrator rights: the application goes to
; %LOCALAPPDATA%\Programs\MS Pain KB and the Start menu entry is for this user only. The index
; and settings live in the user's own folders (never in the install folder), and uninstalling
; leaves them and the clinic's articles alone. The installer and programs are not signed, so
; Windows SmartScreen warns before the first run ("More info", then "Run anyway").

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5E2B7C64-3C1A-4F7B-9B8E-6F0C2A9D4E17}
AppName=MS Pain KB
AppVersion={#AppVersion}
AppVerName=MS Pain KB {#AppVersion}
AppPublisher=MS Pain KB
AppComments=Offline knowledge base on multiple sclerosis pain
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\MS Pain KB
DisableDirPage=auto
DefaultGroupName=MS Pain KB
DisableProgramGroupPage=yes
UninstallDisplayName=MS Pain KB
UninstallDisplayIcon={app}\mspain-kb-gui.exe
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=mspain-kb-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\mspain-kb\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A newer version may drop libraries the older one had.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\MS Pain KB"; Filename: "{app}\mspain-kb-gui.exe"; Comment: "Find articles on MS pain by symptom"
Name: "{autodesktop}\MS Pain KB"; Filename: "{app}\mspain-kb-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\mspain-kb-gui.exe"; Description: "{cm:LaunchProgram,MS Pain KB}"; Flags: nowait postinstall skipifsilent
