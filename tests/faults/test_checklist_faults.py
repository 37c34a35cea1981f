"""Checklist ticks and notes under the faults of the fault table, through the real window.

The same promise as for bookmarks and notes: the window stays up, the user is told, a note that
is refused stays typed, and what the app reported saved is in the file after a restart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.app import Application
from reader.ui.checklist_panel import ChecklistPanel
from reader.ui.main_window import MainWindow
from reader.userdata import UserStore
from tests.faults import injection
from tests.ui.conftest import Launcher

LONG_NOTE = "a longer note that needs pages the full disk does not have " * 120


def opened(window: MainWindow, qtbot: QtBot) -> ChecklistPanel:
    window.show_checklist()
    panel = window.checklist_panel
    assert panel is not None
    qtbot.waitUntil(window.checklist_dock.isVisible)
    return panel


def type_note(panel: ChecklistPanel, indicator_id: str, text: str) -> bool:
    item = panel.row_item(indicator_id)
    assert item is not None
    panel.tree.setCurrentItem(item)
    panel.details.editor.setPlainText(text)
    return panel.save_note()


def restart(
    launch: Launcher, app: Application, window: MainWindow
) -> tuple[Application, MainWindow]:
    window.confirm_unsaved_close = lambda: True  # type: ignore[method-assign]
    window.close()
    app.shutdown()
    return launch()


def marks(store: UserStore | None) -> dict[str, tuple[bool, str]]:
    assert store is not None
    [checklist] = store.checklists()
    return checklist.marks()


def test_disk_full_keeps_the_note_and_shows_the_tick_as_stored(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    assert app.store is not None
    case = app.store.create_checklist("Case")
    panel = opened(window, qtbot)
    assert panel.checklist is not None and panel.checklist.id == case.id
    with injection.disk_full(app.store):
        assert [c.name for c in app.store.checklists()] == ["Case", "fault-fill"]
        assert not type_note(panel, "general-no-documents", LONG_NOTE)
        assert window.data_problem_bar.isVisible()
        assert panel.details.editor.toPlainText() == LONG_NOTE
        assert not panel.set_ticked("labour-withheld-wages", True)
        item = panel.row_item("labour-withheld-wages")
        assert item is not None and item.checkState(0) == Qt.CheckState.Unchecked
    assert window.data_problem_bar.retry()  # the last refused change (the tick) and the note
    item = panel.row_item("labour-withheld-wages")
    assert item is not None and item.checkState(0) == Qt.CheckState.Checked
    app, window = restart(launch, app, window)
    assert marks(app.store) == {
        "general-no-documents": (False, LONG_NOTE),
        "labour-withheld-wages": (True, ""),
    }


def test_garbage_over_the_open_file_refuses_changes_and_keeps_the_note(
    launch: Launcher, qtbot: QtBot, tmp_path: Path
) -> None:
    app, window = launch()
    assert app.store is not None
    case = app.store.create_checklist("Case")
    app.store.set_ticked(case.id, "general-no-documents", True)
    app, window = restart(launch, app, window)  # the rows are in the file itself, not the log
    assert app.store is not None
    panel = opened(window, qtbot)
    with injection.garbage_file(app.store):
        assert not panel.set_ticked("labour-withheld-wages", True)
        item = panel.row_item("labour-withheld-wages")
        assert item is not None and item.checkState(0) == Qt.CheckState.Unchecked
        assert not type_note(panel, "general-no-documents", "typed after the damage")
        assert window.isVisible() and window.data_problem_bar.isVisible()
        saved = tmp_path / "note.txt"
        assert window.data_problem_bar.save_text_to(saved)
        assert "typed after the damage" in saved.read_text(encoding="utf-8")
    app, window = restart(launch, app, window)
    assert app.store is not None and app.store.open_report.recovered_from is not None
    panel = opened(window, qtbot)
    panel.ask_name = lambda *_args: "New case"  # type: ignore[method-assign]
    assert panel.new_checklist()  # the new file takes changes
    assert panel.set_ticked("labour-withheld-wages", True)


def test_a_read_only_file_at_start_shows_the_checklist_and_refuses_changes(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    assert app.store is not None
    case = app.store.create_checklist("Case")
    app.store.set_ticked(case.id, "general-no-documents", True)
    path = app.store.path
    window.close()
    app.shutdown()  # closed cleanly: no -wal file beside the data file
    before = path.read_bytes()
    if not injection.make_unwritable(path):
        pytest.skip("this machine can make nothing read-only for the test user")
    try:
        app, window = launch()
        assert app.store is not None
        panel = opened(window, qtbot)
        item = panel.row_item("general-no-documents")
        assert item is not None and item.checkState(0) == Qt.CheckState.Checked
        assert not panel.set_ticked("labour-withheld-wages", True)
        assert window.data_problem_bar.isVisible()
        assert not type_note(panel, "general-no-documents", "typed on a locked-down PC")
        assert panel.details.editor.toPlainText() == "typed on a locked-down PC"
        window.confirm_unsaved_close = lambda: True  # type: ignore[method-assign]
        window.close()
        app.shutdown()
        assert path.read_bytes() == before
    finally:
        injection.make_writable(path)
    app, window = launch()
    assert marks(app.store) == {"general-no-documents": (True, "")}
