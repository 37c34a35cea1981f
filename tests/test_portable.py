"""Portable mode as a user on a locked-down PC runs it: the CLI as a subprocess from a copy of
the program with a ``strom-reader-data`` folder beside it, HOME and XDG folders watched."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.paths import PORTABLE_FOLDER_NAME
from tests.conftest import MINI_PACK

SOURCE = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): (
            "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
    }


def user_env(root: Path) -> dict[str, str]:
    """Empty HOME and XDG folders; STROM_READER_HOME unset, so the real lookup is used."""
    env = {key: value for key, value in os.environ.items() if key != "STROM_READER_HOME"}
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        folder = root / name.lower()
        folder.mkdir(parents=True)
        env[name] = str(folder)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A copy of the program as on a stick: the package and its data side by side."""
    target = tmp_path / "stick"
    shutil.copytree(
        SOURCE / "reader", target / "reader", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("i18n", "resources"):
        shutil.copytree(SOURCE / name, target / name)
    shutil.copytree(MINI_PACK, target / "pack")
    return target


@pytest.mark.slow
@pytest.mark.parametrize("how", ["flag", "folder"])
def test_portable_run_writes_only_into_its_folder(tmp_path: Path, program: Path, how: str) -> None:
    env = user_env(tmp_path / "user")
    portable = program / PORTABLE_FOLDER_NAME
    flag = ["--portable"] if how == "flag" else []
    if how == "folder":
        portable.mkdir()
    users, stick = snapshot(tmp_path / "user"), snapshot(program)
    commands = [
        ["search", "trafficking", "--limit", "1"],
        ["events", "--bookmarked"],
    ]
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "reader", *flag, "--pack", str(program / "pack"), *command],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            cwd=program,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(tmp_path / "user") == users, "the portable run wrote to HOME, XDG or temp"
    after = snapshot(program)
    outside = [n for n in set(after) | set(stick) if not n.startswith(PORTABLE_FOLDER_NAME)]
    assert [n for n in outside if after.get(n) != stick.get(n)] == []
    written = [n for n in after if n.startswith(f"{PORTABLE_FOLDER_NAME}/")]
    assert any(n.startswith(f"{PORTABLE_FOLDER_NAME}/cache/") for n in written), written
