"""A windowed exe starts with ``sys.stdout`` and ``sys.stderr`` set to None: nothing crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest

from reader import streams
from reader.cli import main
from tests.conftest import BROKEN_PACK, MINI_PACK


@pytest.fixture
def no_streams(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Call it to set ``sys.stdout``/``sys.stderr`` to None, as in a windowed exe.

    Inside the test, not at fixture set-up: pytest's capturing sets the streams again between
    the two. The null writers made meanwhile are closed afterwards.
    """
    made: list[TextIO] = []

    def null_writer() -> TextIO:
        made.append(open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        return made[-1]

    def remove() -> None:
        monkeypatch.setattr(sys, "stdout", None)
        monkeypatch.setattr(sys, "stderr", None)

    monkeypatch.setattr(streams, "_null_writer", null_writer)
    yield remove
    monkeypatch.undo()
    for stream in made:
        stream.close()


def test_missing_streams_become_null_writers(no_streams: Callable[[], None]) -> None:
    no_streams()
    assert streams.ensure_streams() == ["stdout", "stderr"]
    assert sys.stdout is not None and sys.stderr is not None
    sys.stdout.write("nowhere\n")
    sys.stderr.write("nowhere\n")
    sys.stderr.flush()
    assert streams.ensure_streams() == []


def test_existing_streams_are_left_alone() -> None:
    before = sys.stdout, sys.stderr
    assert streams.ensure_streams() == []
    assert (sys.stdout, sys.stderr) == before


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--version"], 0),
        (["--help"], 0),
        (["validate", str(MINI_PACK)], 0),
        (["validate", str(BROKEN_PACK)], 1),
        (["--bogus"], 1),  # argparse's error path
        (["--pack", str(MINI_PACK), "events", "--from", "soon"], 1),  # an expected error
        (["--pack", str(MINI_PACK), "index"], 0),  # progress lines on stderr
    ],
)
def test_the_entry_runs_without_streams(
    no_streams: Callable[[], None], args: list[str], code: int
) -> None:
    no_streams()
    assert sys.stdout is None and sys.stderr is None
    try:
        result = main(args)
    except SystemExit as exc:
        result = exc.code
    assert result == code
    assert sys.stdout is not None and sys.stderr is not None


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="closes file descriptors 1 and 2 (POSIX)")
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--version"], 0),
        (["--bogus"], 1),
        (["--pack", str(BROKEN_PACK), "validate"], 1),
        (["--pack", str(MINI_PACK), "self-test"], 0),  # Qt, offscreen
    ],
)
def test_a_process_without_stdout_and_stderr(
    isolated_home: Path, args: list[str], code: int
) -> None:
    """A real start with no stdout/stderr at all, as a windowed exe gets it."""

    def close_output() -> None:
        os.close(1)
        os.close(2)

    env = {**os.environ, "STROM_READER_HOME": str(isolated_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        preexec_fn=close_output,  # POSIX only, hence the skip on Windows
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == code
