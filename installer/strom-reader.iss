; Inno Setup script for the STROM Reader Windows installer (per user, no admin rights needed).
;
; Build it on Windows after `python build_scripts/build_bundle.py` made dist\strom-reader\:
;   iscc /DAppVersion=0.1.0 installer\strom-reader.iss
; It writes dist\strom-reader-<version>-windows-x64-setup.exe. The release workflow
; (.github/workflows/release.yml) does exactly this on windows-latest.
;
; Silent install for IT (see README "Windows and macOS"):
;   strom-reader-<version>-windows-x64-setup.exe /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART
;   add /DIR="D:\Apps\STROM Reader" for another folder, /TASKS=desktopicon for a desktop shortcut,
;   /ALLUSERS (as administrator) to install once for every user of the PC.
; Installing a newer version over the old one keeps all user data: settings, bookmarks, notes
; and own events live in %LOCALAPPDATA%\strom-reader\ (reader/paths.py, platformdirs), never in
; the program folder, and the uninstaller leaves that folder alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\strom-reader.iss
#endif

[Setup]
; Fixed for good: Windows recognises an update of the same program by this id. Never change it.
AppId={{7A21817E-A3AE-4857-B5E5-EF4B73A23C3F}
AppName=STROM Reader
AppVersion={#AppVersion}
AppVerName=STROM Reader {#AppVersion}
AppPublisher=STROM Reader developers
VersionInfoVersion={#AppVersion}
; Paths below are relative to the repository root, where the bundle build writes dist\.
SourceDir=..
OutputDir=dist
OutputBaseFilename=strom-reader-{#AppVersion}-windows-x64-setup
; Per user by default: {autopf} is %LOCALAPPDATA%\Programs for a per-user install, so no admin
; rights are needed. An administrator may still install for all users with /ALLUSERS on the
; command line (then {autopf} is C:\Program Files); the wizard asks no question about it.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\STROM Reader
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
ShowLanguageDialog=auto
UninstallDisplayName=STROM Reader
UninstallDisplayIcon={app}\strom-reader.exe
; A running reader is closed (Restart Manager) before its files are replaced on an update.
CloseApplications=yes
#if FileExists(AddBackslash(SourcePath) + "..\resources\strom-reader.ico")
SetupIconFile=resources\strom-reader.ico
#endif

[Languages]
; The installer's own texts. Inno Setup ships official translations for these; Estonian and
; Latvian exist only as unofficial user translations (not shipped), so those users get English.
; Icelandic has been official since Inno Setup 6.0; Swedish and Lithuanian became official only
; in later 6.x releases, so each is included when the Inno Setup that builds the installer ships
; it (an older one builds an installer without it instead of failing).
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "da"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "fi"; MessagesFile: "compiler:Languages\Finnish.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "pl"; MessagesFile: "compiler:Languages\Polish.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "is"; MessagesFile: "compiler:Languages\Icelandic.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
#endif
#if FileExists(AddBackslash(CompilerPath) + "Languages\Lithuanian.isl")
Name: "lt"; MessagesFile: "compiler:Languages\Lithuanian.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole library folder: files the old version had and the new one does
; not must not stay behind. User data is not in the program folder (see the top of this file).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The one-folder bundle from build_scripts/build_bundle.py: both programs and their _internal\.
Source: "dist\strom-reader\strom-reader.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "dist\strom-reader\strom-reader-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "dist\strom-reader\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The windowed program, which opens no console window.
Name: "{autoprograms}\STROM Reader"; Filename: "{app}\strom-reader.exe"
Name: "{autodesktop}\STROM Reader"; Filename: "{app}\strom-reader.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\strom-reader.exe"; Description: "{cm:LaunchProgram,STROM Reader}"; Flags: nowait postinstall skipifsilent
