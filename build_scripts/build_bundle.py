"""Build the PyInstaller bundle (one folder, runs from a USB stick) and smoke-test it.

Usage: python build_scripts/build_bundle.py [--no-test]    (needs: pip install ".[build]")

1. builds the search index for the bundled pack into build/index;
2. runs PyInstaller with build_scripts/strom-reader.spec into dist/strom-reader/: one folder
   with two executables sharing one _internal/, the windowed `strom-reader` (no console window
   on Windows) and the console `strom-reader-cli`;
3. checks that layout, runs `strom-reader-cli --version`, `validate`, `index` and a search
   offscreen from a fresh user folder (the first start must use the shipped index instead of
   indexing), then the windowed `strom-reader --version` and `self-test` started without stdout
   and stderr, as a windowed program is on Windows.
"""

from __future__ import annotations

import ast
import hashlib
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "build_scripts"))

from bundle_size import check_size, folder_size, make_zip, unzip  # noqa: E402
from icu_data import trim_library  # noqa: E402
from shiboken_support import write_support  # noqa: E402


def build_index(target: Path) -> None:
    from reader.content.loader import load_pack
    from reader.search.index import build_index as build
    from reader.search.index import parallel_workers

    build(load_pack(ROOT / "content"), target, workers=parallel_workers())


VERSION_TEMPLATE = """# Windows version resource, made by build_scripts/build_bundle.py.
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable("040904B0", [
      StringStruct("CompanyName", "STROM"),
      StringStruct("FileDescription", "STROM Reader"),
      StringStruct("FileVersion", "{version}"),
      StringStruct("InternalName", "strom-reader"),
      StringStruct("OriginalFilename", "strom-reader.exe"),
      StringStruct("ProductName", "STROM Reader"),
      StringStruct("ProductVersion", "{version}")])]),
    VarFileInfo([VarStruct("Translation", [1033, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` -> (0, 1, 0, 0); a suffix such as ``rc1`` or ``.dev2`` is dropped."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if match is None:
        raise ValueError(f"reader.__version__ {version!r} does not start with a number")
    parts = [int(part or 0) for part in match.groups()]
    return parts[0], parts[1], parts[2], parts[3]


def write_version_file(target: Path, version: str) -> None:
    """The PyInstaller ``version=`` file, checked: it must be a Python expression (PyInstaller
    evaluates it) and carry exactly this version."""
    numbers = version_numbers(version)
    text = VERSION_TEMPLATE.format(numbers=numbers, version=version)
    tree = ast.parse(text, mode="eval")
    found = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == version
    ]
    if len(found) != 2 or f"filevers={numbers}" not in text:
        raise ValueError(f"the version resource does not carry {version}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


GUI = "strom-reader"  # windowed on Windows: no console window, no stdout/stderr
CLI = "strom-reader-cli"  # the console program, for a terminal


def executable(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if os.name == "nt" else name)


def _close_output() -> None:
    os.close(1)
    os.close(2)


def run_bundle(
    program: Path, *args: str, home: Path, no_output: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run a bundle executable offscreen; ``no_output`` starts it without stdout and stderr."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STROM_READER_HOME": str(home)}
    if no_output and os.name != "nt":
        # What a windowed exe gets on Windows: sys.stdout and sys.stderr are None.
        return subprocess.run(
            [str(program), *args],
            preexec_fn=_close_output,
            text=True,
            env=env,
            timeout=600,
        )
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, timeout=600
    )


def check_layout(bundle: Path) -> bool:
    """Both executables side by side in the one folder, sharing the one ``_internal``."""
    expected = {executable(bundle, GUI).name, executable(bundle, CLI).name, "_internal"}
    found = {path.name for path in bundle.iterdir()}
    for name in sorted(expected):
        path = bundle / name
        size = f"{path.stat().st_size / 1024 / 1024:.1f} MiB" if path.is_file() else "folder"
        print(f"bundle {name}: {size if path.exists() else 'MISSING'}")
    if found != expected:
        print(f"the bundle folder should hold {sorted(expected)}, it holds {sorted(found)}")
        return False
    return True


def smoke_test(bundle: Path, archive: Path) -> int:
    from reader import __version__

    if not check_layout(bundle):
        return 1
    checks = [
        (CLI, ("--version",), False),
        (CLI, ("validate",), False),
        (CLI, ("index",), False),
        (CLI, ("search", "handlu ludzmi", "--lang", "pl", "--limit", "1"), False),
        # The windowed executable, started as Windows starts it (no stdout/stderr; on Windows
        # itself its output is simply not shown), must run the entry and the real window.
        (GUI, ("--version",), True),
        (GUI, ("self-test",), True),
    ]
    with tempfile.TemporaryDirectory() as home:
        for name, args, no_output in checks:
            started = time.perf_counter()
            result = run_bundle(
                executable(bundle, name), *args, home=Path(home), no_output=no_output
            )
            seconds = time.perf_counter() - started
            print(f"bundle {name} {' '.join(args)}: exit {result.returncode} in {seconds:.1f} s")
            if result.returncode != 0:
                if no_output:  # run it again with its output shown
                    result = run_bundle(executable(bundle, name), *args, home=Path(home))
                print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
                return 1
            if args == ("--version",) and not no_output and __version__ not in result.stdout:
                print(f"{name} --version printed {result.stdout!r}, not the version")
                return 1
            if args == ("index",) and "building it" in result.stderr:
                print("the bundle built its index on first start: the shipped one was not used")
                return 1
        if not signed_import_works(bundle, Path(home)):
            return 1
    return clean_machine_checks(bundle, archive)


def signed_import_works(bundle: Path, home: Path) -> bool:
    """The frozen ``import-pack``: a pack signed with a throwaway key (verify with PyNaCl,
    unpack, validate, build its index, switch), then a search in the installed edition."""
    with tempfile.TemporaryDirectory() as work:
        keys, out = Path(work) / "keys", Path(work) / "out"
        make_pack = [sys.executable, str(ROOT / "build_scripts" / "make_pack.py")]
        made = subprocess.run(
            [*make_pack, "--new-key", str(keys), "--key-id", "smoke-test"],
            capture_output=True,
            text=True,
        )
        if made.returncode == 0:
            made = subprocess.run(
                [
                    *make_pack,
                    *("--key", str(keys / "smoke-test.key"), "--keys", str(keys)),
                    *("--out", str(out), "--name", "smoke"),
                ],
                capture_output=True,
                text=True,
            )
        if made.returncode != 0:
            print("make_pack.py failed:", made.stdout[-2000:], made.stderr[-2000:], sep="\n")
            return False
        started = time.perf_counter()
        args = ("import-pack", str(out / "smoke.zip"), "--keys", str(keys), "--force")
        result = run_bundle(executable(bundle, CLI), *args, home=home)
        seconds = time.perf_counter() - started
        print(
            f"bundle {CLI} import-pack (signed, throwaway key): exit {result.returncode}"
            f" in {seconds:.1f} s"
        )
        if result.returncode != 0 or "Traceback" in result.stderr:
            print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
            return False
        found = run_bundle(
            executable(bundle, CLI), "search", "parāds", "--lang", "lv", "--limit", "1", home=home
        )
        if found.returncode != 0 or not found.stdout.strip():
            print("search after import-pack:", found.stdout[-2000:], found.stderr[-2000:])
            return False
    return True


# A line like these in a bundle's output means something is missing or broken on a clean machine.
ERROR_LINE = re.compile(
    r"Traceback|Error|error:|[Ww]arning|qt\.[a-z.]+:|Could not|Cannot load|not found|No such file"
)


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under ``folder`` with its size and content hash."""
    state: dict[str, tuple[int, str]] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink() or path.is_dir():
            state[key] = (0, os.readlink(path) if path.is_symlink() else "folder")
        else:
            state[key] = (path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
    return state


def changes(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    names = sorted(set(before) | set(after))
    return [name for name in names if before.get(name) != after.get(name)]


def clean_machine_env(root: Path) -> dict[str, str]:
    """A fresh user with empty HOME and XDG folders, no Python, no STROM_READER_HOME."""
    folders = {
        "HOME": root / "home",
        "XDG_CONFIG_HOME": root / "xdg-config",
        "XDG_DATA_HOME": root / "xdg-data",
        "XDG_CACHE_HOME": root / "xdg-cache",
        "XDG_STATE_HOME": root / "xdg-state",
        "XDG_RUNTIME_DIR": root / "xdg-runtime",
        "TMPDIR": root / "tmp",
    }
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    return {
        **{name: str(folder) for name, folder in folders.items()},
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def set_immutable(folder: Path, on: bool) -> bool:
    """``chattr -R +i`` (root ignores file modes; symbolic links cannot take the flag, hence -f).
    True when the folder then refuses a new file."""
    try:
        subprocess.run(
            ["chattr", "-R", "-f", "+i" if on else "-i", str(folder)],
            capture_output=True,
            timeout=120,
        )
    except OSError:
        return False
    probe = folder / ".write-probe"
    try:
        probe.touch()
    except OSError:
        return True
    probe.unlink()
    return False


def clean_machine_run(program: Path, args: tuple[str, ...], env: dict[str, str]) -> str | None:
    """Run one command; a message when it fails or prints an error line, else None."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, timeout=600, cwd=env["HOME"]
    )
    seconds = time.perf_counter() - started
    print(
        f"clean machine: {program.name} {' '.join(args)}: "
        f"exit {result.returncode} in {seconds:.1f} s"
    )
    output = result.stdout + result.stderr
    bad = [line for line in output.splitlines() if ERROR_LINE.search(line)]
    if result.returncode != 0 or bad:
        return f"{program.name} {' '.join(args)}: exit {result.returncode}\n" + (
            "\n".join(bad) if bad else output[-2000:]
        )
    return None


def clean_machine_checks(bundle: Path, archive: Path) -> int:
    """``self-test`` and a search as a fresh user, the install folder read-only and unchanged;
    then the same from the unpacked zip with a ``strom-reader-data`` folder (portable): the
    zip is a working bundle, and nothing is written outside that folder."""
    bundle = bundle.resolve()
    checks = [("self-test",), ("search", "handlu ludzmi", "--lang", "pl", "--limit", "1")]
    before = snapshot(bundle)
    with tempfile.TemporaryDirectory() as temp:
        env = clean_machine_env(Path(temp))
        immutable = set_immutable(bundle, True)
        print(
            "clean machine: install folder",
            "immutable (chattr +i)" if immutable else "snapshotted only (chattr failed)",
        )
        try:
            problems = [clean_machine_run(executable(bundle, CLI), args, env) for args in checks]
        finally:
            set_immutable(bundle, False)  # always: a partial +i would block the next build
        changed = changes(before, snapshot(bundle))
        if changed:
            problems.append(f"the run changed the install folder: {changed[:10]}")
        home = Path(env["HOME"]).parent
        portable = Path(temp) / "stick" / bundle.name
        print(f"clean machine: {archive.name} unpacked with {unzip(archive, portable.parent)}")
        (portable / "strom-reader-data").mkdir()
        users = snapshot(home)
        stick = snapshot(portable)
        problems += [clean_machine_run(executable(portable, CLI), args, env) for args in checks]
        outside = [
            n for n in changes(stick, snapshot(portable)) if not n.startswith("strom-reader-data")
        ]
        outside += [f"~/{n}" for n in changes(users, snapshot(home)) if not n.startswith("stick")]
        if outside:
            problems.append(f"the portable run wrote outside strom-reader-data: {outside[:10]}")
        if not any((portable / "strom-reader-data").rglob("*")):
            problems.append("the portable run wrote nothing into strom-reader-data")
    for problem in filter(None, problems):
        print(problem)
    return 1 if any(problems) else 0


def trimmed_icu_data(folder: Path) -> Path | None:
    """PySide6's ICU data library trimmed to what QtCore uses for the 12 languages (Linux: the
    wheels for Windows and macOS ship no ICU), or None where there is none to trim."""
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if sys.platform != "linux" or not found:
        return None
    started = time.perf_counter()
    target = folder / found[0].name
    kept, dropped, _ = trim_library(found[0], target)
    print(
        f"ICU data {found[0].name}: {kept} items kept, {dropped} dropped, "
        f"{found[0].stat().st_size / 10**6:.1f} -> {target.stat().st_size / 10**6:.1f} MB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return target


def main(argv: list[str]) -> int:
    index = ROOT / "build" / "index"
    started = time.perf_counter()
    build_index(index)
    print(f"index built in {time.perf_counter() - started:.1f} s")
    from reader.search.shipped_archive import archive_of, write_index_archive

    index_zip = write_index_archive(index, archive_of(index))
    print(f"index zipped for the bundle: {index_zip} ({index_zip.stat().st_size / 10**6:.1f} MB)")
    from reader import __version__

    version_file = ROOT / "build" / "version_info.txt"
    write_version_file(version_file, __version__)
    print(f"version resource {version_file}: {__version__} {version_numbers(__version__)}")
    env = {
        **os.environ,
        "STROM_BUNDLE_INDEX": str(index_zip),
        "STROM_BUNDLE_VERSION_FILE": str(version_file),
    }
    support = write_support(ROOT / "build" / "shiboken-support" / "files.dir")
    env["STROM_BUNDLE_SHIBOKEN_SUPPORT"] = str(support)
    print(f"shiboken's signature support compiled for the bundle: {support}")
    icu = trimmed_icu_data(ROOT / "build" / "icu")
    if icu is not None:
        env["STROM_BUNDLE_ICUDATA"] = str(icu)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(ROOT / "dist"),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "build_scripts" / "strom-reader.spec"),
        ],
        check=True,
        env=env,
    )
    bundle = ROOT / "dist" / "strom-reader"
    seconds = time.perf_counter() - started
    print(f"bundle built in {seconds:.1f} s: {bundle} ({folder_size(bundle):.0f} MiB)")
    archive = ROOT / "dist" / f"strom-reader-{__version__}-linux-{platform.machine()}.zip"
    if sys.platform != "linux":
        archive = archive.with_name(archive.name.replace("linux", sys.platform))
    started = time.perf_counter()
    how = make_zip(bundle, archive)
    print(f"zip made in {time.perf_counter() - started:.1f} s ({how}): {archive}")
    failed = check_size(bundle, archive)
    if "--no-test" in argv:
        return failed
    return smoke_test(bundle, archive) or failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
