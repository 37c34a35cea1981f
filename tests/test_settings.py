from __future__ import annotations

import json
from pathlib import Path

from reader.history import History
from reader.settings import SETTINGS_VERSION, ZOOM_MAX, Settings, SettingsStore


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(ui_language="lv", content_language="de", zoom_percent=130)
    settings.history = ["intro", "intro-who"]
    store.save(settings)
    loaded = store.load()
    assert loaded == settings
    assert json.loads(store.path.read_text(encoding="utf-8"))["version"] == SETTINGS_VERSION
    assert list(tmp_path.iterdir()) == [store.path]  # no temporary file left behind


def test_damaged_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"zoom_percent": 120,\n  oops', encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.problems and "settings file is damaged" in store.problems[0]
    assert f"{path}:2:" in store.problems[0]


def test_wrong_types_and_ranges(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {"zoom_percent": "big", "ui_language": 5, "history": [1], "content_language": "lv"}
        ),
        encoding="utf-8",
    )
    store = SettingsStore(path)
    settings = store.load()
    assert settings.zoom_percent == 100 and settings.ui_language == "" and settings.history == []
    assert settings.content_language == "lv"
    assert len(store.problems) == 3
    path.write_text(json.dumps({"zoom_percent": 10_000}), encoding="utf-8")
    assert SettingsStore(path).load().zoom_percent == ZOOM_MAX


def test_history_back_and_forward() -> None:
    history = History()
    for page in ("a", "b", "c"):
        history.visit(page)
    assert history.back() == "b" and history.back() == "a" and history.back() is None
    assert history.forward() == "b"
    history.visit("d")
    assert not history.can_go_forward()
    assert history.entries() == ["a", "b", "d"]
    assert History.restore(["a", "b"]).back() == "a"
