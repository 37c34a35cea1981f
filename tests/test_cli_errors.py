"""Expected failures of the command line: one line on stderr naming what and where, exit code 1.

Each test provokes a real fault (a folder where a file should be, a file from a newer version, a
database locked by another connection) and runs the CLI as a separate process.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.userdata import USERDATA_FILE, UserStore
from tests.conftest import MINI_PACK
from tests.test_cli import run_cli


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def events(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--pack", str(MINI_PACK), "events", *args, home=home)


def test_events_when_the_data_file_is_a_folder(isolated_home: Path) -> None:
    data_file = isolated_home / "data" / USERDATA_FILE
    data_file.mkdir(parents=True)
    assert_one_line_error(events(isolated_home), "strom-reader events:", str(data_file))


def test_events_when_the_data_folder_is_a_file(isolated_home: Path) -> None:
    isolated_home.mkdir()
    (isolated_home / "data").write_text("not a folder", encoding="utf-8")
    result = events(isolated_home)
    assert_one_line_error(result, "strom-reader events:", str(isolated_home / "data"))


def test_events_with_data_from_a_newer_version(isolated_home: Path) -> None:
    data_file = isolated_home / "data" / USERDATA_FILE
    UserStore(data_file).close()
    with sqlite3.connect(data_file) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert_one_line_error(events(isolated_home), str(data_file), "newer version")
    with sqlite3.connect(data_file) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 99  # refused, not changed
    conn.close()


@pytest.fixture
def locked_data_file(isolated_home: Path) -> Iterator[Path]:
    """The user data file, held under an exclusive lock by another connection.

    In WAL mode (how the app keeps the file) readers are never blocked, so the file is switched to
    a rollback journal first, as a copy made by another tool would be; then BEGIN EXCLUSIVE keeps
    every other connection out until the test ends.
    """
    data_file = isolated_home / "data" / USERDATA_FILE
    UserStore(data_file).close()
    holder = sqlite3.connect(data_file, isolation_level=None)
    try:
        assert holder.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        holder.execute("BEGIN EXCLUSIVE")
        yield data_file
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.slow  # waits for the store's busy timeout (5 s) before giving up
def test_events_when_the_data_file_is_locked(isolated_home: Path, locked_data_file: Path) -> None:
    assert_one_line_error(events(isolated_home), str(locked_data_file), "locked")


def test_events_with_bad_dates(isolated_home: Path) -> None:
    assert_one_line_error(events(isolated_home, "--from", "18.10.2030"), "--from", "18.10.2030")
    backwards = events(isolated_home, "--from", "2030-10-18", "--to", "2030-10-01")
    assert_one_line_error(backwards, "--to is before --from")


def test_events_cannot_write_the_ics_file(isolated_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.ics"
    target.mkdir()  # a folder of that name is in the way
    assert_one_line_error(events(isolated_home, "--ics", str(target)), str(target))


def test_a_bad_argument_is_one_line(isolated_home: Path) -> None:
    result = run_cli("--pack", str(MINI_PACK), "search", "x", "--limit", "many", home=isolated_home)
    assert_one_line_error(result, "strom-reader search:", "--limit", "'many'")


def test_index_when_the_cache_folder_is_a_file(isolated_home: Path) -> None:
    isolated_home.mkdir()
    (isolated_home / "cache").write_text("not a folder", encoding="utf-8")
    for command in (["index"], ["search", "helpline"]):
        result = run_cli("--pack", str(MINI_PACK), *command, home=isolated_home)
        assert_one_line_error(result, f"strom-reader {command[0]}:", str(isolated_home / "cache"))


def test_index_output_inside_a_file(isolated_home: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    output = blocker / "index"
    result = run_cli("--pack", str(MINI_PACK), "index", "--output", str(output), home=isolated_home)
    assert_one_line_error(result, "strom-reader index:", str(output))
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_index_output_is_never_a_file_or_a_foreign_folder(
    isolated_home: Path, tmp_path: Path
) -> None:
    """--output replaces an index; anything else there is refused and left as it was."""
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "report.odt").write_text("keep me too", encoding="utf-8")
    for output in (a_file, folder):
        result = run_cli(
            "--pack", str(MINI_PACK), "index", "--output", str(output), home=isolated_home
        )
        assert_one_line_error(result, str(output))
    assert a_file.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in folder.iterdir()] == ["report.odt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
        "documents",
        "notes.txt",
    ]  # nothing was moved aside or left behind


@pytest.mark.slow
def test_index_output_can_be_rebuilt(isolated_home: Path, tmp_path: Path) -> None:
    output = tmp_path / "built"
    for _ in range(2):  # the second run replaces the index written by the first
        result = run_cli(
            "--pack", str(MINI_PACK), "index", "--output", str(output), home=isolated_home
        )
        assert result.returncode == 0, result.stderr
    assert (output / "meta.json").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["built"]  # no leftovers


def test_window_when_the_data_folder_is_a_file(isolated_home: Path) -> None:
    isolated_home.mkdir()
    (isolated_home / "data").write_text("not a folder", encoding="utf-8")
    result = run_cli("--pack", str(MINI_PACK), home=isolated_home)
    assert_one_line_error(result, "strom-reader:", str(isolated_home / "data"))
