"""The token writer writes what Whoosh's own writer writes for the same documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo

from reader.content import load_pack
from reader.content.model import Pack
from reader.search.analysis import Analyzer
from reader.search.compounds import build_decompounder
from reader.search.documents import documents
from reader.search.index import document_fields, lemma_table, make_schema
from reader.search.segment_writer import BLOCK_LIMIT, INLINE_LIMIT, TokenWriter
from tests.conftest import MINI_PACK

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _write(pack: Pack, lang: str, folder: Path, whoosh_writer: bool) -> None:
    folder.mkdir()
    docs = documents(pack, lang)
    splitter = build_decompounder(
        lang, (f"{d.title}\n{d.headings}\n{d.text}" for d in docs), folder
    )
    analyzer = Analyzer(lang, lemma_table(pack, lang), splitter)
    ix = whoosh_index.create_in(str(folder), make_schema())
    # Whoosh's writer inlining the postings of as few as TokenWriter inlines (see INLINE_LIMIT)
    codec = W3Codec(inlinelimit=INLINE_LIMIT + 1)
    writer = ix.writer(codec=codec) if whoosh_writer else TokenWriter(ix)
    for doc in docs:
        stored, ids, texts, _words = document_fields(analyzer, doc)
        if whoosh_writer:  # the fields as text, analysed again by Whoosh's tokenizer
            writer.add_document(**stored, **ids, **{k: " ".join(v) for k, v in texts.items()})
        else:
            writer.add_tokens(stored, ids, texts)
    writer.commit()
    ix.close()


def _contents(folder: Path) -> dict[str, Any]:
    """Everything a search can read from an index: terms, term infos, postings with their block
    statistics, stored fields and field lengths."""
    ix = whoosh_index.open_dir(str(folder))
    with ix.reader() as reader:
        fields = [name for name, field in ix.schema.items() if field.scorable]
        terms = {}
        for name, text in reader.all_terms():
            info = reader.term_info(name, text)
            matcher = reader.postings(name, text)
            postings = []
            while matcher.is_active():
                postings.append(
                    (
                        matcher.id(),
                        matcher.weight(),
                        matcher.value(),
                        matcher.block_min_length(),
                        matcher.block_max_length(),
                        matcher.block_max_weight(),
                    )
                )
                matcher.next()
            terms[(name, text)] = (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
                postings,
            )
        docs = range(reader.doc_count_all())
        present = [f for f in fields if reader.field_length(f)]  # Whoosh fails on the others
        return {
            "terms": terms,
            "stored": [reader.stored_fields(n) for n in docs],
            "lengths": {f: [reader.doc_field_length(n, f) for n in docs] for f in fields},
            "totals": {f: reader.field_length(f) for f in fields},
            "min": {f: reader.min_field_length(f) for f in present},
            "max": {f: reader.max_field_length(f) for f in present},
        }


@pytest.mark.parametrize(("root", "lang"), [(MINI_PACK, "lv"), (MINI_PACK, "en"), (CONTENT, "de")])
def test_token_writer_writes_what_whoosh_writes(
    root: Path, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whoosh's postings writer inlines by calling ``set_inline``, which its term info spells
    # ``set_inlined`` (whoosh-reloaded 2.7.x): with the name mended, it is the reference.
    monkeypatch.setattr(W3TermInfo, "set_inline", W3TermInfo.set_inlined, raising=False)
    pack = load_pack(root)
    _write(pack, lang, tmp_path / "whoosh", whoosh_writer=True)
    _write(pack, lang, tmp_path / "tokens", whoosh_writer=False)
    expected = _contents(tmp_path / "whoosh")
    actual = _contents(tmp_path / "tokens")
    assert expected["terms"], "nothing was indexed"
    assert actual["terms"].keys() == expected["terms"].keys()
    for key, value in expected["terms"].items():
        assert actual["terms"][key] == value, key
    assert actual == expected
    if root == CONTENT:  # a term with several posting blocks was compared
        assert max(info[1] for info in expected["terms"].values()) > BLOCK_LIMIT


def test_the_token_writer_refuses_fields_it_cannot_write(tmp_path: Path) -> None:
    from whoosh.fields import TEXT, Schema

    for name, field in (("chars", TEXT(chars=True)), ("vectors", TEXT(vector=True))):
        ix = whoosh_index.create_in(str(tmp_path), Schema(**{name: field}))
        with pytest.raises(ValueError, match=name):
            TokenWriter(ix)
        ix.close()


def test_terms_of_one_document_are_inlined_and_hashed_by_crc32(tmp_path: Path) -> None:
    from whoosh.filedb.filetables import crc_hash

    _write(load_pack(MINI_PACK), "en", tmp_path / "tokens", whoosh_writer=False)
    ix = whoosh_index.open_dir(str(tmp_path / "tokens"))
    with ix.reader() as reader:
        assert reader._terms._tindex.hashfn is crc_hash  # the header says CRC-32, and is read
        infos = [reader.term_info(name, text) for name, text in reader.all_terms()]
    ix.close()
    assert {info.is_inlined() for info in infos} == {True, False}
    assert all(info.is_inlined() == (info.doc_frequency() <= INLINE_LIMIT) for info in infos)
