"""Build the PyInstaller bundle (one folder, runs from a USB stick) and smoke-test it.

Usage: python build_scripts/build_bundle.py [--no-test]    (needs: pip install ".[build]")

1. builds the search index for the bundled pack into build/index;
2. runs PyInstaller with build_scripts/strom-reader.spec into dist/strom-reader/;
3. runs the bundle's own `--version`, `validate`, `index` and `self-test` offscreen from a fresh
   user folder, and checks that the first start used the shipped index instead of indexing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_index(target: Path) -> None:
    from reader.content.loader import load_pack
    from reader.search.index import build_index as build

    build(load_pack(ROOT / "content"), target)


def run_bundle(executable: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STROM_READER_HOME": str(home)}
    return subprocess.run(
        [str(executable), *args], capture_output=True, text=True, env=env, timeout=600
    )


def smoke_test(bundle: Path) -> int:
    executable = bundle / ("strom-reader.exe" if os.name == "nt" else "strom-reader")
    with tempfile.TemporaryDirectory() as home:
        checks = [
            ("--version",),
            ("validate",),
            ("index",),
            ("search", "handlu ludzmi", "--lang", "pl", "--limit", "1"),
            ("self-test",),
        ]
        for args in checks:
            started = time.perf_counter()
            result = run_bundle(executable, *args, home=Path(home))
            seconds = time.perf_counter() - started
            print(f"bundle {' '.join(args)}: exit {result.returncode} in {seconds:.1f} s")
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
                return 1
            if args == ("index",) and "building it" in result.stderr:
                print("the bundle built its index on first start: the shipped one was not used")
                return 1
    return 0


def main(argv: list[str]) -> int:
    index = ROOT / "build" / "index"
    started = time.perf_counter()
    build_index(index)
    print(f"index built in {time.perf_counter() - started:.1f} s")
    env = {**os.environ, "STROM_BUNDLE_INDEX": str(index)}
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
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 1024 / 1024
    print(f"bundle built in {time.perf_counter() - started:.1f} s: {bundle} ({size:.0f} MiB)")
    if "--no-test" in argv:
        return 0
    return smoke_test(bundle)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
