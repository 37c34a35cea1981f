"""The window when the user's data file refuses a change: told, nothing typed is lost.

The faults themselves (read-only file, lock held by another program, ...) are in
tests/faults/injection.py; the full table of data kinds and faults is tests/faults/.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.settings import SettingsStore
from reader.userdata import UserStore
from tests.faults import injection
from tests.ui.conftest import Launcher


def test_a_note_the_file_refuses_stays_typed_and_is_saved_on_try_again(launch: Launcher) -> None:
    app, window = launch()
    assert app.store is not None and window.note_editor is not None
    window.open_section("intro-who")
    with injection.read_only_file(app.store):
        window.note_editor.editor.setPlainText("call the shelter first")
        assert not window.note_editor.save()
        bar = window.data_problem_bar
        assert bar.isVisible()
        assert "Your note was not saved." in bar.label.text()
        assert "readonly" in bar.label.text()  # the store's reason, naming the file
        assert bar.save_button.isVisible() and bar.retry_button.isVisible()
        window.open_section("intro")  # leaving the section does not drop the text
        window.open_section("intro-who")
        assert window.note_editor.editor.toPlainText() == "call the shelter first"
    assert bar.retry()
    note = app.store.note("intro-who")
    assert note is not None and note.text == "call the shelter first"
    assert not bar.isVisible() and window.data_guard.unsaved == {}


def test_a_locked_file_does_not_stop_the_bookmark_star_or_the_window(launch: Launcher) -> None:
    app, window = launch()
    assert app.store is not None
    window.open_section("signs-labour")
    with injection.locked(app.store):
        window.toggle_section_bookmark()
        assert not window.bookmark_action.isChecked()
        assert window.data_problem_bar.isVisible()
        assert "locked" in window.data_problem_bar.label.text()
    window.toggle_section_bookmark()
    assert app.store.is_bookmarked("section", "signs-labour")
    assert not window.data_problem_bar.isVisible()


def test_calendar_and_bookmark_panel_changes_are_guarded(launch: Launcher) -> None:
    app, window = launch()
    assert app.store is not None and window.calendar_panel is not None
    assert window.bookmarks_panel is not None
    app.store.add_bookmark("section", "intro")
    window.bookmarks_panel.refresh()
    panel = window.bookmarks_panel
    with injection.read_only_file(app.store):
        panel.tree.setCurrentItem(panel.items("section")[0])
        panel.remove_current()
        assert "The bookmark was not removed." in window.data_problem_bar.label.text()
        assert len(panel.items("section")) == 1
    assert app.store.is_bookmarked("section", "intro")


def test_closing_with_an_unsaved_note_offers_it_and_still_saves_the_window_state(
    launch: Launcher, tmp_path: Path, isolated_home: Path
) -> None:
    app, window = launch()
    assert app.store is not None and window.note_editor is not None
    window.open_section("intro-who")
    asked: list[str] = []
    saved_to = tmp_path / "kept-note.txt"

    def save_and_close() -> bool:
        asked.append(window.data_guard.unsaved_document())
        return window.data_problem_bar.save_text_to(saved_to)

    window.confirm_unsaved_close = save_and_close  # type: ignore[method-assign]
    with injection.read_only_file(app.store):
        window.note_editor.editor.setPlainText("typed, then the file went read-only")
        window.close()
    assert asked and "typed, then the file went read-only" in asked[0]
    assert "typed, then the file went read-only" in saved_to.read_text(encoding="utf-8")
    assert not window.isVisible()
    app.shutdown()
    settings = SettingsStore(next(isolated_home.rglob("settings.json"))).load()
    assert settings.last_section == "intro-who"


def test_cancel_on_close_keeps_the_window_open(launch: Launcher) -> None:
    app, window = launch()
    assert app.store is not None and window.note_editor is not None
    window.open_section("intro-who")
    window.confirm_unsaved_close = lambda: False  # type: ignore[method-assign]
    with injection.read_only_file(app.store):
        window.note_editor.editor.setPlainText("not yet saved")
        assert not window.close()
        assert window.isVisible()
    window.confirm_unsaved_close = lambda: True  # type: ignore[method-assign]


def test_partly_recovered_file_says_how_much_came_back_and_where_the_old_one_is(
    launch: Launcher, isolated_home: Path
) -> None:
    path = isolated_home / "data" / "userdata.sqlite3"
    with UserStore(path) as store:
        for i in range(40):
            store.add_bookmark("section", f"section-{i:03d}")
        store.set_note("intro", "still readable")
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [(root,)] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_bookmarks_1'"
    ).fetchall()
    conn.close()
    with path.open("r+b") as handle:  # destroy the bookmarks index, keep the tables
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    app, window = launch()
    assert app.store is not None and app.store.open_report.recovered_from is not None
    notice = window.data_notice.text()
    assert window.data_notice.isVisible()
    assert "41 item(s) could be recovered" in notice
    assert str(app.store.open_report.recovered_from) in notice
    assert "empty" not in notice


def test_a_note_is_written_once_and_exactly_as_typed(launch: Launcher) -> None:
    app, window = launch()
    store = app.store
    assert store is not None and window.note_editor is not None
    writes: list[str] = []
    real_set_note = store.set_note

    def counting_set_note(section_id: str, text: str) -> object:
        writes.append(text)
        return real_set_note(section_id, text)

    store.set_note = counting_set_note  # type: ignore[method-assign, assignment]
    window.open_section("intro-who")
    window.note_editor.editor.setPlainText("ends with a newline\n")
    assert window.note_editor.save()
    window.open_section("intro")
    window.open_section("intro-who")
    window.open_section("intro")
    assert writes == ["ends with a newline\n"]  # switching sections does not rewrite it
    window.open_section("intro-who")
    window.note_editor.editor.setPlainText("ends with a newline\n  ")
    window.open_section("intro")
    note = store.note("intro-who")
    assert note is not None and note.text == "ends with a newline\n  "  # trailing space kept
    window.open_section("intro-who")
    window.note_editor.editor.setPlainText("   \n")
    window.open_section("intro")
    assert store.note("intro-who") is None  # blank means no note
    assert writes == ["ends with a newline\n", "ends with a newline\n  ", ""]
