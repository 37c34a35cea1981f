"""The Windows/macOS release files, checked here without Windows, macOS or GitHub.

- .github/workflows/release.yml against GitHub's workflow JSON schema (check-jsonschema ships
  it, so nothing is downloaded), and for what it must do (three systems, the bundle build, the
  installer, the uploads, the release on a tag);
- installer/strom-reader.iss by a small checker of its sections: required [Setup] keys, [Files]
  sources that the bundle build produces, [Icons] that point at an installed program, known
  section names and [Languages] files that Inno Setup ships. `iscc` itself is not needed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
ISS = ROOT / "installer" / "strom-reader.iss"

# Inno Setup's section names (ishelp "Script Format Overview" and the section topics).
SECTIONS = {
    "setup", "types", "components", "tasks", "dirs", "files", "icons", "ini", "installdelete",
    "languages", "messages", "custommessages", "langoptions", "registry", "run",
    "uninstalldelete", "uninstallrun", "code", "issigkeys",
}  # fmt: skip
REQUIRED_SETUP = {
    "AppId", "AppName", "AppVersion", "AppPublisher", "DefaultDirName", "PrivilegesRequired",
    "OutputDir", "OutputBaseFilename", "UninstallDisplayIcon",
}  # fmt: skip
# Official translations in Inno Setup's Languages folder since 6.0 (jrsoftware.org/files/istrans
# and issrc Files/Languages); Default.isl is English.
SHIPPED = {"Default.isl"} | {
    f"Languages\\{name}.isl"
    for name in (
        "Armenian", "BrazilianPortuguese", "Bulgarian", "Catalan", "Corsican", "Czech", "Danish",
        "Dutch", "Finnish", "French", "German", "Hebrew", "Icelandic", "Italian", "Japanese",
        "Norwegian", "Polish", "Portuguese", "Russian", "Slovak", "Slovenian", "Spanish",
        "Turkish", "Ukrainian",
    )
}  # fmt: skip
# Official only in later 6.x releases: the script may use them only behind a check that the
# compiler running it has them.
SHIPPED_LATER = {"Languages\\Swedish.isl", "Languages\\Lithuanian.isl"}
# The app's languages whose installer texts Inno Setup does not ship (only unofficial ones).
NOT_SHIPPED = {"et", "lv"}
APP_LANGUAGES = {"en", "da", "de", "et", "fi", "is", "lt", "lv", "nb", "pl", "ru", "sv"}


def bundle_layout() -> set[str]:
    """What dist\\strom-reader\\ holds on Windows, from build_bundle.py's own names."""
    spec = importlib.util.spec_from_file_location(
        "build_bundle", ROOT / "build_scripts" / "build_bundle.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {f"{module.GUI}.exe", f"{module.CLI}.exe", "_internal"}


def entry_params(text: str) -> dict[str, str]:
    """`Name: "a"; Filename: "b"; Flags: x y` -> {"Name": "a", ...}; "" inside quotes is "."""
    params: dict[str, str] = {}
    for part in re.findall(r'(?:[^;"]|"(?:[^"]|"")*")+', text):
        key, sep, value = part.partition(":")
        if not sep:
            raise ValueError(f"not 'Key: value': {part.strip()!r}")
        value = value.strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('""', '"')
        params[key.strip()] = value
    return params


def check_iss(text: str, name: str, layout: set[str]) -> list[str]:
    """Every problem found, each as 'file:line: what is wrong'."""
    problems: list[str] = []
    section = ""
    setup: dict[str, str] = {}
    guard: list[str] = []  # the #if conditions around the current line
    languages: set[str] = set()
    installed: set[str] = set()
    icons: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line or line.startswith(";") or line.startswith("//"):
            continue
        if line.startswith("#"):
            directive = line.split()[0]
            if directive in {"#if", "#ifdef", "#ifndef", "#ifexist", "#ifnexist"}:
                guard.append(line)
            elif directive == "#endif":
                if not guard:
                    problems.append(f"{where}: #endif without #if")
                else:
                    guard.pop()
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].lower()
            if section not in SECTIONS:
                problems.append(f"{where}: unknown section {line}")
            continue
        if section == "setup":
            key, sep, value = line.partition("=")
            if not sep:
                problems.append(f"{where}: [Setup] line is not Key=Value: {line!r}")
            setup[key.strip()] = value.strip()
            continue
        if section in {"code", "messages", "custommessages", "langoptions"}:
            continue
        try:
            params = entry_params(line)
        except ValueError as error:
            problems.append(f"{where}: {error}")
            continue
        if section == "languages":
            messages = params.get("MessagesFile", "")
            shipped = messages.removeprefix("compiler:")
            guarded = any("CompilerPath" in g and shipped in g for g in guard)
            if not messages.startswith("compiler:") or shipped not in SHIPPED | SHIPPED_LATER:
                problems.append(f"{where}: {messages!r} is not a file Inno Setup ships")
            elif shipped in SHIPPED_LATER and not guarded:
                problems.append(
                    f"{where}: {shipped} is shipped only by later Inno Setup 6 releases; "
                    "put it inside #if FileExists(AddBackslash(CompilerPath) + ...)"
                )
            languages.add(params.get("Name", ""))
        elif section == "files":
            source = params.get("Source", "").replace("/", "\\")
            prefix = "dist\\strom-reader\\"
            top = source.removeprefix(prefix).split("\\")[0]
            if not source.startswith(prefix) or top not in layout:
                problems.append(
                    f"{where}: Source {source!r} is not in the bundle build's output "
                    f"({prefix} holding {', '.join(sorted(layout))})"
                )
            else:
                dest = params.get("DestDir", "")
                installed.add(top if dest == "{app}" else f"{dest}:{top}")
        elif section == "icons":
            icons.append((number, params.get("Filename", "")))
    for number, filename in icons:
        exe = filename.removeprefix("{app}\\")
        if not filename.startswith("{app}\\") or exe not in installed or not exe.endswith(".exe"):
            problems.append(f"{name}:{number}: icon {filename!r} is not an installed program")
    for key in sorted(REQUIRED_SETUP - setup.keys()):
        problems.append(f"{name}: [Setup] has no {key}")
    if setup.get("PrivilegesRequired", "").lower() != "lowest":
        problems.append(f"{name}: [Setup] PrivilegesRequired must be lowest (no admin rights)")
    if "{#AppVersion}" not in setup.get("AppVersion", ""):
        problems.append(f"{name}: [Setup] AppVersion must come from /DAppVersion")
    if not re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup.get("AppId", "")):
        problems.append(f"{name}: [Setup] AppId must be a fixed GUID written {{{{GUID}}")
    if guard:
        problems.append(f"{name}: {len(guard)} #if without #endif")
    missing = APP_LANGUAGES - NOT_SHIPPED - languages
    if missing:
        problems.append(f"{name}: no installer language for {', '.join(sorted(missing))}")
    return problems


def test_the_installer_script_passes_the_checker() -> None:
    assert check_iss(ISS.read_text(encoding="utf-8"), ISS.name, bundle_layout()) == []


def test_the_installer_installs_the_whole_bundle_and_starts_the_windowed_program() -> None:
    text = ISS.read_text(encoding="utf-8")
    files = [line for line in text.splitlines() if line.startswith("Source:")]
    sources = {entry_params(line)["Source"].split("\\")[2] for line in files}
    assert sources == bundle_layout()
    assert 'Filename: "{app}\\strom-reader.exe"' in text  # not the console program
    assert "PrivilegesRequiredOverridesAllowed=commandline" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("AppId=", "AppIdentifier=", "[Setup] has no AppId"),
        ("PrivilegesRequired=lowest", "PrivilegesRequired=admin", "must be lowest"),
        ("AppVersion={#AppVersion}", "AppVersion=0.1.0", "must come from /DAppVersion"),
        ("strom-reader-cli.exe\"; DestDir", "strom-reader-gui.exe\"; DestDir", "not in the bundle"),
        ('Source: "dist\\strom-reader\\_internal', 'Source: "build\\_internal', "not in the"),
        ('Filename: "{app}\\strom-reader.exe"', 'Filename: "{app}\\reader.exe"', "not an install"),
        ("[Icons]", "[Shortcuts]", "unknown section [Shortcuts]"),
        ("Languages\\Danish.isl", "Languages\\Latvian.isl", "'compiler:Languages\\\\Latvian.isl'"),
        ("#if FileExists(AddBackslash(CompilerPath) + \"Languages\\Swedish.isl\")\n", "#if 1\n",
         "Swedish.isl is shipped only by later"),
        ('Name: "ru"; MessagesFile: "compiler:Languages\\Russian.isl"\n', "",
         "no installer language for ru"),
        ("#endif\n\n[Tasks]", "\n[Tasks]", "#if without #endif"),
    ],
)  # fmt: skip
def test_the_checker_finds_each_kind_of_mistake(old: str, new: str, expected: str) -> None:
    text = ISS.read_text(encoding="utf-8")
    assert old in text
    problems = check_iss(text.replace(old, new, 1), ISS.name, bundle_layout())
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith(ISS.name) for problem in problems)


def check_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    schema = ["--builtin-schema", "vendor.github-workflows"]
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflow_is_valid_by_githubs_schema() -> None:
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "release.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ${{ matrix.os }}", "run-on: x", 1), encoding="utf-8")
    result = check_workflow(broken)
    assert result.returncode == 1
    assert "release.yml" in result.stdout and "run-on" in result.stdout


def test_the_workflow_builds_on_three_systems_and_releases_on_tags() -> None:
    workflow = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow["on"]
    assert triggers["push"] == {"tags": ["v*"]}
    assert "pull_request" in triggers and "workflow_dispatch" in triggers
    assert workflow["env"]["QT_QPA_PLATFORM"] == "offscreen"
    build = workflow["jobs"]["build"]
    assert set(build["strategy"]["matrix"]["os"]) == {
        "ubuntu-latest",
        "windows-latest",
        "macos-latest",
    }
    steps = build["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    assert 'pip install ".[build,test]"' in runs
    assert "python -m pytest" in runs
    assert "python build_scripts/build_bundle.py" in runs
    assert '"/DAppVersion=${{ steps.version.outputs.version }}" installer\\strom-reader.iss' in runs
    assert "/VERYSILENT" in runs and "/CURRENTUSER" in runs
    uploads = {s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload")}
    assert uploads == {"dist/strom-reader-*.zip", "dist/strom-reader-*-setup.exe"}
    iss_output = re.search(r"OutputBaseFilename=(\S+)", ISS.read_text(encoding="utf-8"))
    assert iss_output and iss_output[1].replace("{#AppVersion}", "*") + ".exe" == (
        "strom-reader-*-windows-x64-setup.exe"
    )
    release = workflow["jobs"]["release"]
    assert release["needs"] == "build"
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert release["permissions"] == {"contents": "write"}
