"""Indexing languages in several processes: shared work, errors, crashes and cancels."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import pytest

from reader.content.model import Pack
from reader.search import build_processes
from reader.search.build_processes import WorkerFailed, index_in_processes
from reader.search.index import BuildCancelled
from tests.search import build_helpers
from tests.search.build_helpers import FakePack

LANGS = ["da", "de", "en", "et", "fi", "is", "lt", "lv", "nb", "pl", "ru", "sv"]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the tests signal by FIFO")


def _staging(tmp_path: Path) -> Path:
    staging = tmp_path / "staging"
    staging.mkdir()
    os.mkfifo(staging / build_helpers.STARTED)
    return staging


def _pack(langs: list[str] = LANGS) -> Pack:
    return cast(Pack, FakePack(langs))


def test_each_language_is_indexed_once_and_reported_once(tmp_path: Path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    steps: list[tuple[int, int, str]] = []
    index_in_processes(_pack(), staging, 3, build_helpers.record, lambda *step: steps.append(step))
    assert sorted(p.name for p in staging.iterdir()) == LANGS
    assert sorted(lang for _done, _total, lang in steps) == LANGS
    assert [done for done, _total, _lang in steps] == list(range(len(LANGS)))
    takers = {(staging / lang / "by").read_text(encoding="utf-8") for lang in LANGS}
    assert str(os.getpid()) in takers  # this process took its share too


@needs_fifo
def test_an_error_in_another_process_is_raised_here_with_its_language(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is broken") as raised:
        index_in_processes(_pack(), _staging(tmp_path), 2, build_helpers.fail_elsewhere)
    notes = "\n".join(getattr(raised.value, "__notes__", []))
    assert "in another process" in notes and "fail_elsewhere" in notes  # its traceback


@needs_fifo
def test_a_process_that_dies_is_reported_not_waited_for(tmp_path: Path) -> None:
    with pytest.raises(WorkerFailed, match="strom-index-1: 3"):
        index_in_processes(_pack(), _staging(tmp_path), 2, build_helpers.die_elsewhere)


@needs_fifo
def test_a_cancel_stops_the_other_processes_within_a_document(tmp_path: Path) -> None:
    staging = _staging(tmp_path)
    asked: list[bool] = []

    def cancel() -> bool:  # no before the first language here, yes after it
        asked.append(bool(asked))
        return asked[-1]

    with pytest.raises(BuildCancelled):
        index_in_processes(
            _pack(), staging, 2, build_helpers.wait_for_cancel_elsewhere, cancel=cancel
        )
    assert (staging / "stopped").is_file() and not (staging / "never-cancelled").exists()


def test_an_error_that_cannot_be_sent_becomes_a_message() -> None:
    class Unsendable(Exception):
        def __reduce__(self) -> Any:
            raise TypeError("no")

    sent = build_processes._sendable(Unsendable("the lock file is gone"))
    assert isinstance(sent, RuntimeError) and "Unsendable: the lock file is gone" in str(sent)
