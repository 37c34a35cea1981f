from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.content import load_pack
from reader.content.model import Pack
from reader.search import engine as engine_module
from reader.search.engine import SearchEngine
from reader.search.index import build_index
from reader.search.snippets import snippet_text
from tests.conftest import MINI_PACK
from tests.search.conftest import write_pack


def ids(engine: SearchEngine, text: str, lang: str = "en", **options: object) -> list[str]:
    return [hit.key for hit in engine.search(text, [lang], **options).hits]  # type: ignore[arg-type]


def test_finds_sections_indicators_and_events(mini_engine: SearchEngine) -> None:
    assert ids(mini_engine, "documents")[0] == "indicator:general-no-documents"
    assert "section:signs-general" in ids(mini_engine, "documents")
    assert ids(mini_engine, "anti trafficking day") == ["event:anti-trafficking-day"]
    assert ids(mini_engine, "documents", kind="section") == ["section:signs-general"]
    assert ids(mini_engine, "documents", kind="indicator") == ["indicator:general-no-documents"]
    assert ids(mini_engine, "signs", chapter="intro") == ["section:intro-who"]


def test_without_diacritics_and_inflected(mini_engine: SearchEngine) -> None:
    assert "section:intro" in ids(mini_engine, "cilveku tirdzniecibu", "lv")
    assert "section:intro" in ids(mini_engine, "cilvēku tirdzniecība", "lv")
    assert "indicator:general-no-documents" in ids(mini_engine, "dokumenti", "lv")


def test_all_words_must_match_and_phrases(mini_engine: SearchEngine) -> None:
    assert ids(mini_engine, "teachers helpline") == []
    assert ids(mini_engine, '"national helpline"') == ["section:intro-what"]
    assert ids(mini_engine, '"helpline national"') == []
    assert ids(mini_engine, "helpline OR teachers") != []
    assert "section:intro-who" not in ids(mini_engine, "signs -teachers")


def test_prefix_while_typing(mini_engine: SearchEngine) -> None:
    assert ids(mini_engine, "helpl") == []
    assert ids(mini_engine, "helpl", prefix_last=True) == ["section:intro-what"]


def test_exact_above_folded_above_stemmed(tmp_path: Path) -> None:
    root = write_pack(
        tmp_path / "pack",
        "lv",
        {
            "s-stem": ("Pirmā", "Runa ir par cilvēkiem un viņu tiesībām."),
            "s-folded": ("Otrā", "Runa ir par cilveku un viņa tiesībām."),
            "s-exact": ("Trešā", "Runa ir par cilvēku un viņa tiesībām."),
            "s-title": ("Cilvēku tiesības", "Šī sadaļa ir par tiesībām."),
        },
    )
    pack = load_pack(root)
    build_index(pack, tmp_path / "index")
    engine = SearchEngine(pack, tmp_path / "index")
    try:
        assert ids(engine, "cilvēku", "lv") == [
            "section:s-title",
            "section:s-exact",
            "section:s-folded",
            "section:s-stem",
        ]
    finally:
        engine.close()


def test_snippet_marks_hits_and_words_for_highlighting(mini_engine: SearchEngine) -> None:
    hit = mini_engine.search("victims", ["en"]).hits[0]
    assert hit.section_id == "intro-who"
    assert "[victims]" in snippet_text(list(hit.snippet))
    assert hit.matched_words == ("victims",)
    lv = mini_engine.search("cietusie", ["lv"]).hits[0]
    assert lv.matched_words == ("cietušos",)


def test_did_you_mean_from_the_index_vocabulary(mini_engine: SearchEngine) -> None:
    results = mini_engine.search("helpine", ["en"])
    assert results.hits == [] and results.suggestion == "helpline"
    assert mini_engine.search("helpline", ["en"]).suggestion == ""


def test_all_languages(mini_engine: SearchEngine) -> None:
    langs = {hit.lang for hit in mini_engine.search("birštonas OR birštona", ["en", "lv"]).hits}
    assert langs == {"en", "lv"}


def test_cli_search_json(isolated_home: Path) -> None:
    env = {**os.environ, "STROM_READER_HOME": str(isolated_home)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--pack",
            str(MINI_PACK),
            "search",
            "dokumentu",
            "--lang",
            "lv",
            "--json",
            "--limit",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    first = payload["hits"][0]
    assert set(first) >= {"section_id", "language", "title", "chapter", "kind", "score", "snippet"}
    assert first["language"] == "lv" and first["kind"] == "indicator"
    assert first["section_id"] == "signs-general" and "[dokumentu]" in first["snippet"]
    assert "building it" in result.stderr  # the first run builds the index in the cache
    again = subprocess.run(
        [sys.executable, "-m", "reader", "--pack", str(MINI_PACK), "search", "x", "--lang", "xx"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert again.returncode == 1 and "unknown language 'xx'" in again.stderr


def test_long_phrase_is_matched_on_its_first_words(tmp_path: Path) -> None:
    from reader.search.engine import MAX_PHRASE_WORDS

    words = [f"word{n}" for n in range(MAX_PHRASE_WORDS + 8)]
    root = write_pack(
        tmp_path / "pack", "en", {"s-long": ("Long", " ".join(words)), "s-other": ("O", "x y")}
    )
    pack = load_pack(root)
    build_index(pack, tmp_path / "index")
    engine = SearchEngine(pack, tmp_path / "index")
    try:
        typed = " ".join(words[:MAX_PHRASE_WORDS] + ["unrelated"] * 30)
        assert [h.key for h in engine.search(f'"{typed}"', ["en"]).hits] == ["section:s-long"]
        wrong = " ".join(words[1 : MAX_PHRASE_WORDS + 1][::-1])
        assert engine.search(f'"{wrong}"', ["en"]).hits == []
    finally:
        engine.close()


def test_matching_stops_at_its_time_budget(
    mini_engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import budget

    everything = mini_engine.search("the OR un", ["en", "lv"])
    assert not everything.cut_short and len(everything.hits) == 6  # 4 en, 2 lv
    monkeypatch.setattr(engine_module, "MATCH_BUDGET_S", 0.0)
    monkeypatch.setattr(budget, "CHECK_EVERY", 1)
    results = mini_engine.search("the OR un", ["en", "lv"])
    assert results.cut_short  # each language stopped at its first document
    assert sorted(hit.lang for hit in results.hits) == ["en", "lv"]
    monkeypatch.setattr(engine_module, "WORK_BUDGET_S", 0.0)
    results = mini_engine.search("victims", ["en", "lv"])
    assert results.cut_short and results.hits == []  # no language searched at all


def test_deadline_collector_collects_until_the_deadline(
    mini_index: tuple[Pack, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.query import Every, Term

    from reader.search import budget

    monkeypatch.setattr(budget, "CHECK_EVERY", 3)
    ix = whoosh_index.open_dir(str(mini_index[1] / "en"))
    with ix.searcher() as searcher:
        later = time.perf_counter() + 60
        everything, cut = budget.search_until(searcher, Every(), 1000, None, later)
        assert not cut and everything.scored_length() == searcher.doc_count() > 3
        early, cut = budget.search_until(searcher, Every(), 1000, None, 0.0)
        assert cut and early.scored_length() == 3
        sections = Term("kind", "section")
        filtered, cut = budget.search_until(searcher, Every(), 1000, sections, 0.0)
        assert cut and 0 < filtered.scored_length() <= 3
        assert all(hit["kind"] == "section" for hit in filtered)


def test_after_the_snippet_budget_new_hits_get_a_snippet_of_their_opening(
    mini_index: tuple[Pack, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "SNIPPET_BUDGET_S", 0.0)
    engine = SearchEngine(*mini_index)
    try:
        hit = engine.search("victims", ["en"]).hits[0]
        assert hit.section_id == "intro-who"  # the ranking is the same
        assert ("en", hit.key, "text") not in engine._texts  # its text was not analysed
        assert snippet_text(list(hit.snippet)) == "Who meets [victims]"  # the title's words
        body_only = engine.search("helpline", ["en"]).hits[0]
        assert snippet_text(list(body_only.snippet)).startswith("Call the national helpline.")
        assert body_only.matched_words == ()  # the opening of its text, nothing marked
        monkeypatch.setattr(engine_module, "SNIPPET_BUDGET_S", 1.0)
        hit = engine.search("victims", ["en"]).hits[0]
        assert "[victims]" in snippet_text(list(hit.snippet))
    finally:
        engine.close()


def test_a_prefix_expands_to_its_most_frequent_terms_only(
    mini_index: tuple[Pack, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.query import Prefix

    from reader.search import budget

    ix = whoosh_index.open_dir(str(mini_index[1] / "en"))
    with ix.reader() as reader:
        every = list(Prefix("body_folded", "t")._btexts(reader))
        assert len(every) > 3
        assert budget.BoundedPrefix("body_folded", "t")._btexts(reader) == every  # under the bound
        monkeypatch.setattr(budget, "MAX_PREFIX_TERMS", 3)
        bounded = budget.BoundedPrefix("body_folded", "t")._btexts(reader)
        frequency = {text: reader.doc_frequency("body_folded", text) for text in every}
        assert (
            len(bounded) == 3
            and min(frequency[t] for t in bounded) >= sorted(frequency.values(), reverse=True)[2]
        )


def test_the_garbage_collector_waits_until_a_search_is_done(
    mini_engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    seen: list[bool] = []
    search = mini_engine._search

    def recording(*args: object) -> object:
        seen.append(gc.isenabled())
        return search(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(mini_engine, "_search", recording)
    assert mini_engine.search("victims", ["en"]).hits
    assert seen == [False] and gc.isenabled()
