"""The Whoosh index: one per language, built from a pack, checked against the pack's hash.

Layout of an index folder::

    meta.json        schema version, pack hash, languages, and a SHA-256 of every index file
    <lang>/          a Whoosh index for that language, and
    <lang>/vocabulary.tsv   every word of the language's texts as written (lowercase), a tab and
                     how often it occurs: the words "did you mean" chooses from

Fields: ``*_folded`` holds every word without diacritics (with positions, for phrases),
``*_stem`` its stems and lemmas, and ``*_exact`` only the words that folding changes
(``cilvēku``, not ``victims``): for a word without diacritics the exact form is the folded one,
so the engine asks the folded field with the exact weight. This halves the terms that Whoosh
writes (its commit is most of a build) without changing what matches.

The index lives in the user cache folder. A copy built at build time ships inside the app
(``reader/_data/index``); at start it is copied to the cache when it matches the pack, so the
first start does not index. A missing, stale or damaged index (any file whose checksum does not
match, e.g. a truncated segment) is rebuilt.

A build and the install of the shipped copy are switched in the same way: the new index is written
to a staging folder beside the target and checked, the old index is renamed to ``<name>.old``, the
staging folder is renamed to the target, and ``.old`` is deleted. Any failure before the last
rename leaves the old index in place (a failed rename is rolled back); a crash between the two
renames is undone at the next start by :func:`restore_interrupted_swap`.

A build can be cancelled (the app is closing): ``cancel`` is asked before every language and every
document, and a progress callback may raise :class:`BuildCancelled` itself. A cancelled build
removes its staging folder and leaves the index in place as it was.

With ``workers`` > 1 the languages are indexed in that many processes at once, this one included
(the CLI and the build scripts do this; the app builds in its search thread with one): see
:mod:`reader.search.build_processes`. The other processes stop within a document of a cancel.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema

from reader.content.model import Pack
from reader.search.analysis import Analyzer, LemmaTable
from reader.search.build_control import BuildCancelled as BuildCancelled
from reader.search.build_control import CancelCheck, Progress, stop_if_cancelled
from reader.search.build_processes import index_in_processes
from reader.search.compounds import build_decompounder
from reader.search.documents import SearchDoc, documents
from reader.search.segment_writer import TokenWriter

# 3: exact fields only for words folding changes, <lang>/vocabulary.tsv (spelling);
# 4: compound parts in the stem fields, <lang>/vocabulary.txt (decompounding).
SCHEMA_VERSION = 4
META_FILE = "meta.json"
LEMMA_FOLDER = "lemmas"
VOCABULARY_FILE = "vocabulary.tsv"


def make_schema() -> Schema:
    def text(phrase: bool) -> TEXT:
        return TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=phrase)

    # Exact words are only looked up one by one (phrases use the folded fields): no positions.

    return Schema(
        key=ID(stored=True, unique=True),
        kind=ID(stored=True),
        section_id=ID(stored=True),
        chapter=ID(stored=True),
        anchor=STORED(),
        title=STORED(),
        text=STORED(),
        title_exact=text(False),
        title_folded=text(True),
        title_stem=text(False),
        body_exact=text(False),
        body_folded=text(True),
        body_stem=text(False),
    )


def _pack_files(pack: Pack) -> list[Path]:
    """The files the index is made from: top-level files, the languages listed, their lemmas."""
    root = pack.root
    files = [p for p in root.iterdir() if p.is_file()]
    for lang in pack.languages:
        files.extend(p for p in (root / lang).rglob("*") if p.is_file())
        lemmas = root / LEMMA_FOLDER / f"{lang}.tsv"
        if lemmas.is_file():
            files.append(lemmas)
    return sorted(files)


def pack_hash(pack: Pack) -> str:
    """A hash over the pack's files and the index schema: any change means a rebuild."""
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION}\n".encode())
    for path in _pack_files(pack):
        digest.update(path.relative_to(pack.root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lemma_table(pack: Pack, lang: str, compact: bool = False) -> LemmaTable:
    """``lang``'s lemma table (``compact`` for one that stays loaded: see LemmaTable)."""
    return LemmaTable.load(pack.root / LEMMA_FOLDER / f"{lang}.tsv", compact)


def _file_hashes(folder: Path) -> dict[str, str]:
    hashes = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != META_FILE):
        if path.suffix == ".lock" or path.name.endswith("_LOCK"):
            continue
        hashes[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def parallel_workers() -> int:
    """Processes for a build run from the command line: one per core, one in a frozen app
    (whose executable cannot be started again as a plain Python worker)."""
    if getattr(sys, "frozen", False):
        return 1
    return max(1, os.cpu_count() or 1)


def build_index(
    pack: Pack,
    target: Path,
    progress: Progress | None = None,
    content_hash: str | None = None,
    cancel: CancelCheck | None = None,
    workers: int = 1,
) -> Path:
    """Build the index of every language of ``pack`` into ``target`` (replaced when complete).

    ``content_hash`` is the pack hash taken when the pack was loaded; it is recorded so that a
    file changed while indexing makes the index stale rather than wrongly current. Raises
    :class:`BuildCancelled` when ``cancel`` returns True; ``target`` is then unchanged.
    ``workers`` > 1 indexes that many languages at once in separate processes.
    """
    if getattr(sys, "frozen", False):
        # A bundle cannot start itself as a Python worker, and it leaves out PyInstaller's
        # multiprocessing start-up hook (build_scripts/strom-reader.spec): one process.
        workers = 1
    content_hash = content_hash or pack_hash(pack)
    staging = _new_staging(target)
    try:
        langs = pack.languages
        for lang in langs:
            (staging / lang).mkdir()
        if workers > 1 and len(langs) > 1:
            index_in_processes(
                pack, staging, min(workers, len(langs)), _index_language, progress, cancel
            )
        else:
            for number, lang in enumerate(langs):
                stop_if_cancelled(cancel)
                if progress:
                    progress(number, len(langs), lang)
                _index_language(pack, lang, staging / lang, cancel)
        meta = {
            "schema": SCHEMA_VERSION,
            "pack_hash": content_hash,
            "languages": langs,
            "files": _file_hashes(staging),
        }
        (staging / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        stop_if_cancelled(cancel)  # a cancelled build never changes the target
        if progress:
            progress(len(langs), len(langs), "")
        _swap_in(staging, target)
        return target
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _index_language(pack: Pack, lang: str, folder: Path, cancel: CancelCheck | None) -> None:
    ix = whoosh_index.create_in(str(folder), make_schema())
    try:
        docs = documents(pack, lang)
        splitter = build_decompounder(
            lang, (f"{d.title}\n{d.headings}\n{d.text}" for d in docs), folder
        )
        analyzer = Analyzer(lang, lemma_table(pack, lang), splitter)
        vocabulary: Counter[str] = Counter()
        writer = TokenWriter(ix)
        try:
            for doc in docs:
                stop_if_cancelled(cancel)
                stored, ids, texts, words = document_fields(analyzer, doc)
                vocabulary.update(words)
                writer.add_tokens(stored, ids, texts)
        except BaseException:
            writer.cancel()  # releases the writer's lock and temporary files
            raise
        writer.commit()  # one new segment: there is nothing to merge
    finally:
        ix.close()
    lines = (f"{word}\t{count}\n" for word, count in sorted(vocabulary.items()))
    (folder / VOCABULARY_FILE).write_text("".join(lines), encoding="utf-8")


def document_fields(
    analyzer: Analyzer, doc: SearchDoc
) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]], list[str]]:
    """What the index holds of ``doc``: its stored-only fields, its ID fields, the terms of each
    text field (see the module text) and every word as written (for the vocabulary)."""
    t_exact, t_changed, t_folded, t_stem = analyzer.tokens(f"{doc.title}\n{doc.headings}")
    b_exact, b_changed, b_folded, b_stem = analyzer.tokens(doc.text)
    stored = {"anchor": doc.anchor, "title": doc.title, "text": doc.text}
    ids = {
        "key": doc.key,
        "kind": doc.kind,
        "section_id": doc.section_id,
        "chapter": doc.chapter_id,
    }
    texts = {
        "title_exact": t_changed,
        "title_folded": t_folded,
        "title_stem": t_stem,
        "body_exact": b_changed,
        "body_folded": b_folded,
        "body_stem": b_stem,
    }
    return stored, ids, texts, t_exact + b_exact


def read_vocabulary(folder: Path) -> list[tuple[str, int]]:
    """The words and counts of one language's ``vocabulary.tsv``; [] if it is missing."""
    try:
        text = (folder / VOCABULARY_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    words = []
    for line in text.splitlines():
        word, _tab, count = line.partition("\t")
        if word and count.isdigit():
            words.append((word, int(count)))
    return words


def _new_staging(target: Path) -> Path:
    """An empty folder beside ``target`` (same file system, so renames are atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".index-", dir=target.parent))


def _moved_aside(target: Path) -> Path:
    return target.with_name(target.name + ".old")


def restore_interrupted_swap(target: Path) -> bool:
    """Put back an index that a swap moved aside but never replaced; returns whether it did."""
    old = _moved_aside(target)
    if target.exists() or not old.is_dir():
        return False
    old.rename(target)
    return True


def _swap_in(staging: Path, target: Path) -> None:
    """Make the complete index in ``staging`` the one at ``target``; else keep the old one."""
    restore_interrupted_swap(target)
    old = _moved_aside(target)
    if old.exists():
        shutil.rmtree(old)
    had_previous = target.exists()
    if had_previous:
        target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        if had_previous:
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class IndexStatus:
    state: str  # "ok", "missing", "stale" or "damaged"
    message: str

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def check_index(folder: Path, pack: Pack, expected_hash: str | None = None) -> IndexStatus:
    """Whether ``folder`` holds a complete, undamaged index of exactly this pack."""
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        return IndexStatus("missing", f"no search index in {folder}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        files = dict(meta["files"])
        stored_hash = str(meta["pack_hash"])
        schema = int(meta["schema"])
    except (OSError, ValueError, KeyError, TypeError):
        return IndexStatus("damaged", f"{meta_path} cannot be read")
    if schema != SCHEMA_VERSION or stored_hash != (expected_hash or pack_hash(pack)):
        return IndexStatus("stale", "the search index was built from other content")
    if set(meta.get("languages", [])) != set(pack.languages):
        return IndexStatus("stale", "the search index covers other languages")
    actual = _file_hashes(folder)
    for name, digest in files.items():
        if actual.get(name) != digest:
            return IndexStatus("damaged", f"index file {folder / name} is missing or damaged")
    return IndexStatus("ok", "")


def install_shipped_index(shipped: Path, target: Path, pack: Pack, expected_hash: str) -> bool:
    """Copy a prebuilt index into the cache if it matches the pack; returns whether it did."""
    if not check_index(shipped, pack, expected_hash).ok:
        return False
    copy = partial(shutil.copytree, shipped, dirs_exist_ok=True)  # into the staging folder
    return install_prepared(target, copy, pack, expected_hash).ok  # checked again: it may change


def install_prepared(
    target: Path, fill: Callable[[Path], object], pack: Pack, expected_hash: str
) -> IndexStatus:
    """Let ``fill`` put an index into a new folder beside ``target``, check it, then swap it in.

    A failure (a full disk, a crash) leaves the previous index as it was; the error is raised.
    Returns the check of the filled folder: when it is not ok, nothing was swapped in.
    """
    staging = _new_staging(target)
    try:
        fill(staging)
        status = check_index(staging, pack, expected_hash)
        if not status.ok:
            shutil.rmtree(staging, ignore_errors=True)
            return status
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return status


def open_language_indexes(folder: Path, langs: list[str]) -> dict[str, whoosh_index.Index]:
    return {lang: whoosh_index.open_dir(str(folder / lang)) for lang in langs}
