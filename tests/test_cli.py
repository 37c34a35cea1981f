"""The command line as a user runs it: a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from tests.conftest import BROKEN_PACK, MINI_PACK


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STROM_READER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_version(isolated_home: Path) -> None:
    result = run_cli("--version", home=isolated_home)
    assert result.returncode == 0 and __version__ in result.stdout


def test_bundle_uses_its_executable_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the bundle, help and errors name the program typed: strom-reader-cli on Windows."""
    from reader.cli import build_parser, main

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(Path("bundle", "strom-reader-cli.exe")))
    assert build_parser().prog == "strom-reader-cli"
    assert main(["events", "--from", "soon"]) == 1
    assert capsys.readouterr().err.startswith("strom-reader-cli events: --from 'soon'")


@pytest.mark.slow
def test_self_test_passes_on_mini_pack(isolated_home: Path) -> None:
    result = run_cli("--pack", str(MINI_PACK), "self-test", home=isolated_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test: 12 pages, 0 failures" in result.stdout
    assert not (isolated_home / "config").exists()  # the self-test leaves no settings behind


@pytest.mark.slow
def test_self_test_passes_on_default_pack(isolated_home: Path) -> None:
    result = run_cli("self-test", home=isolated_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 failures" in result.stdout


@pytest.mark.slow
def test_self_test_reports_a_broken_pack(isolated_home: Path) -> None:
    result = run_cli("--pack", str(BROKEN_PACK), "self-test", home=isolated_home)
    assert result.returncode == 1
    assert "FAIL lv/intro: section is missing" in result.stdout
    assert "FAIL lv/signs-labour: section is missing" in result.stdout


@pytest.mark.slow
def test_self_test_flags_raw_markdown(isolated_home: Path, mini_pack: Path) -> None:
    path = mini_pack / "lv" / "intro.md"
    # An indented block is a code block: its asterisks reach the page as raw Markdown.
    path.write_text(path.read_text(encoding="utf-8") + "\n    **nav formatēts**\n", "utf-8")
    result = run_cli("--pack", str(mini_pack), "self-test", home=isolated_home)
    assert result.returncode == 1
    assert "FAIL lv/intro-what: raw Markdown on the page: '**n'" in result.stdout


def test_events_lists_writes_ics_and_rejects_bad_dates(isolated_home: Path, tmp_path: Path) -> None:
    listed = run_cli(
        "--pack",
        str(MINI_PACK),
        "events",
        "--from",
        "2030-01-01",
        "--to",
        "2030-12-31",
        home=isolated_home,
    )
    assert listed.returncode == 0, listed.stderr
    assert "2030-10-18" in listed.stdout and "EU Anti-Trafficking Day" in listed.stdout
    assert "Final conference" not in listed.stdout  # a 2017 event
    old = run_cli(
        "--pack",
        str(MINI_PACK),
        "--lang",
        "lv",
        "events",
        "--from",
        "2017-10-01",
        "--to",
        "2017-10-31",
        home=isolated_home,
    )
    assert (
        "2017-10-12..2017-10-13" in old.stdout and "Noslēguma konference (Birštona)" in old.stdout
    )
    none = run_cli("--pack", str(MINI_PACK), "events", "--bookmarked", home=isolated_home)
    assert none.returncode == 0 and "no events" in none.stdout
    target = tmp_path / "events.ics"
    written = run_cli(
        "--pack",
        str(MINI_PACK),
        "events",
        "--from",
        "2017-01-01",
        "--to",
        "2030-12-31",
        "--ics",
        str(target),
        home=isolated_home,
    )
    assert written.returncode == 0 and target.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 2
    bad = run_cli("--pack", str(MINI_PACK), "events", "--from", "18.10.2030", home=isolated_home)
    assert bad.returncode != 0 and "is not a date like" in bad.stderr
