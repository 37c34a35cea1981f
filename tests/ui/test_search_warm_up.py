"""The search thread warms up in steps after the index is ready; searches do not wait for all."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.content import load_pack
from reader.ui.search_service import SearchService


def test_warm_up_analyses_the_content_languages_texts_and_searches_go_on(
    qtbot: QtBot, mini_pack: Path, tmp_path: Path
) -> None:
    pack = load_pack(mini_pack)
    service = SearchService(pack, tmp_path / "cache", tmp_path / "none", ("xx", "lv", "en"))
    found: list[object] = []
    service.results.connect(lambda _number, results: found.append(results))
    try:
        with qtbot.waitSignals([service.ready, service.warmed], timeout=60_000):
            service.start()
        engine = service.worker.engine
        assert engine is not None
        cached_langs = {lang for lang, _key, _part in engine._texts}
        assert cached_langs == {"lv"}  # the first candidate the pack has; not every language
        assert {"en", "lv"} <= set(engine._searchers)
        with qtbot.waitSignal(service.results, timeout=10_000):
            service.search("cietušie", ["lv"])
        assert found and found[-1].hits  # type: ignore[attr-defined]
    finally:
        service.stop()


def test_a_search_asked_for_during_the_warm_up_is_answered(
    qtbot: QtBot, mini_pack: Path, tmp_path: Path
) -> None:
    pack = load_pack(mini_pack)
    service = SearchService(pack, tmp_path / "cache", tmp_path / "none", ("en",))
    answered: list[int] = []
    service.results.connect(lambda number, _results: answered.append(number))
    service.ready.connect(lambda _ok, _message: service.search("victims", ["en"]))
    try:
        with qtbot.waitSignals([service.results, service.warmed], timeout=60_000):
            service.start()
        assert answered == [1]
    finally:
        service.stop()
