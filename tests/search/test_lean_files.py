"""Whoosh's index files read through a memoryview (reader/search/lean_files.py) search the same."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.filedb import compound, structfile

from reader.search import lean_files
from reader.search.engine import SearchEngine
from reader.search.index import build_index
from tests.search.test_relevance import PACK, cases


@given(
    data=st.binary(max_size=2000),
    steps=st.lists(
        st.tuples(st.sampled_from(["read", "readline", "seek", "iter"]), st.integers(-5, 2100)),
        max_size=30,
    ),
)
def test_the_view_file_reads_as_bytesio(data: bytes, steps: list[tuple[str, int]]) -> None:
    data = data.replace(b"\x00", b"\n")  # some lines
    lean, plain = lean_files.view_file(memoryview(data)), io.BytesIO(data)
    for step, number in steps:
        size = max(number, -1)  # -1: to the end (what Whoosh asks for; BufferedReader refuses -2)
        if step == "read":
            assert lean.read(size) == plain.read(size)
        elif step == "readline":
            assert lean.readline(size) == plain.readline(size)
        elif step == "seek":
            whence = abs(number) % 3
            offset = number if whence else abs(number)
            lean.seek(offset, whence)
            plain.seek(max(0, plain.seek(0, whence) + offset) if whence else offset)
        else:
            assert list(lean) == list(plain)
        assert lean.tell() == plain.tell()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(PACK, tmp_path_factory.mktemp("lean") / "index")


def test_the_engine_reads_the_map_without_copying_it(folder: Path) -> None:
    engine = SearchEngine(PACK, folder)
    try:
        assert lean_files.installed()
        engine.search("victim", ["en"])
        segment_files = engine._searcher("en").reader()._terms._dbfile  # the terms file
        assert isinstance(segment_files, lean_files.LeanBufferFile)
        assert not isinstance(segment_files.file, io.BytesIO)
    finally:
        engine.close()


def test_every_relevance_query_finds_the_same_with_and_without(folder: Path) -> None:
    compound.BufferFile = structfile.BufferFile  # Whoosh's own, copying
    copying = SearchEngine(PACK, folder)
    try:
        for lang in PACK.languages:
            copying._searcher(lang)  # files opened now, with copies
        lean = SearchEngine(PACK, folder)  # installs LeanBufferFile again
        assert lean_files.installed()
        for lang, query, _expect in cases():
            if lang not in PACK.languages:
                continue
            a = copying.search(query, [lang], limit=10)
            b = lean.search(query, [lang], limit=10)
            # Snippets are left out: a cold search may run out of its snippet time budget.
            assert [(h.key, round(h.score, 6)) for h in a.hits] == [
                (h.key, round(h.score, 6)) for h in b.hits
            ], (lang, query)
            assert a.total == b.total
        lean.close()
    finally:
        copying.close()
        lean_files.install()
