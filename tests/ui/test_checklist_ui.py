"""The indicators checklist in the real window, offscreen: ticks, notes, filters, two languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.ui.checklist_panel import ChecklistPanel
from reader.ui.main_window import MainWindow
from reader.ui.window.actions import MENUS, TOOLBAR
from reader.userdata import UserStore
from tests.faults import injection
from tests.ui.conftest import Launcher

DEBT_EN = """
[[indicator]]
id = "general-debt"
category = "general"
text = "The person has a debt that they cannot pay off."
explanation = "Travel, housing and fines are added to the debt."
"""
DEBT_LV = """
[[indicator]]
id = "general-debt"
category = "general"
text = "Cilvēkam ir parāds, ko viņš nespēj atmaksāt."
explanation = "Ceļš, mājoklis un sodi tiek pieskaitīti parādam."
"""


@pytest.fixture
def debt_pack(mini_pack: Path) -> Path:
    """The mini pack with a third indicator whose Latvian text has diacritics to forgive."""
    for lang, extra in (("en", DEBT_EN), ("lv", DEBT_LV)):
        path = mini_pack / lang / "indicators.toml"
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return mini_pack


def open_checklist(window: MainWindow, qtbot: QtBot) -> ChecklistPanel:
    QTest.keySequence(window, "Ctrl+Shift+I")
    panel = window.checklist_panel
    assert panel is not None
    qtbot.waitUntil(window.checklist_dock.isVisible)
    return panel


def new_checklist(panel: ChecklistPanel, name: str) -> None:
    panel.ask_name = lambda *_args: name  # type: ignore[method-assign]
    assert panel.new_checklist()


def shown_ids(panel: ChecklistPanel) -> list[str]:
    return list(panel.tree.rows)


def store_of(window: MainWindow) -> UserStore:
    assert window.store is not None
    return window.store


def test_opened_by_keys_toolbar_and_menu_with_the_names_reminder(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    assert "checklist_action" in TOOLBAR
    assert "checklist_action" in dict(MENUS)["go"]
    assert window.checklist_action in window.toolbar.actions()
    assert not window.checklist_dock.isVisible()  # not in the way until it is asked for
    panel = open_checklist(window, qtbot)
    assert panel.reminder.isVisible()
    assert "names" in panel.reminder.text()
    assert panel.filter_field.hasFocus()
    assert panel.summary.text().startswith("No checklist yet")
    # Without a checklist the indicators can be read but not ticked.
    item = panel.row_item("general-no-documents")
    assert item is not None and not item.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_ticking_with_the_keyboard_is_saved_per_checklist(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    new_checklist(panel, "Case 1")
    item = panel.row_item("labour-withheld-wages")
    assert item is not None
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    QTest.keyClick(panel.tree, Qt.Key.Key_Space)
    store = store_of(window)
    [case1] = store.checklists()
    assert case1.marks() == {"labour-withheld-wages": (True, "")}
    assert panel.summary.text().startswith("1 of 2 indicators ticked")
    assert item.parent() is not None and "(1 of 1 ticked)" in item.parent().text(0)

    new_checklist(panel, "Case 2")  # a second checklist starts blank
    assert panel.checklist is not None and panel.checklist.name == "Case 2"
    item = panel.row_item("labour-withheld-wages")
    assert item is not None and item.checkState(0) == Qt.CheckState.Unchecked
    panel.checklist_box.setCurrentIndex(panel.checklist_box.findText("Case 1"))
    item = panel.row_item("labour-withheld-wages")
    assert item is not None and item.checkState(0) == Qt.CheckState.Checked
    panel.tree.setCurrentItem(item)
    QTest.keyClick(panel.tree, Qt.Key.Key_Space)  # untick
    again = store.checklist(case1.id)
    assert again is not None and again.marks() == {}


def test_a_typed_note_is_saved_and_shown_again(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    panel = open_checklist(window, qtbot)
    new_checklist(panel, "Case 1")
    item = panel.row_item("general-no-documents")
    assert item is not None
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    assert "Someone else keeps the passport" in panel.details.explanation.text()
    QTest.keyClick(panel.tree, Qt.Key.Key_Return)  # Enter: write the note
    assert panel.details.editor.hasFocus()
    with qtbot.waitSignal(panel.details.saved, timeout=5000):
        QTest.keyClicks(panel.details.editor, "Passport kept by the employer")
    checklist = panel.checklist
    assert checklist is not None
    stored = store_of(window).checklist(checklist.id)
    assert stored is not None
    assert stored.marks() == {"general-no-documents": (False, "Passport kept by the employer")}
    assert item.text(1) == "Passport kept by the employer"
    # Typed just before closing: saved on the way out.
    panel.details.editor.insertPlainText(" · again")
    window.close()
    app.shutdown()
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    item = panel.row_item("general-no-documents")
    assert item is not None
    panel.tree.setCurrentItem(item)
    assert panel.details.editor.toPlainText() == "Passport kept by the employer · again"


def test_filters_by_category_ticked_and_text_without_diacritics(
    launch: Launcher, qtbot: QtBot, debt_pack: Path
) -> None:
    _app, window = launch(pack=debt_pack, content_language="lv")
    panel = open_checklist(window, qtbot)
    new_checklist(panel, "Lieta 7")
    assert panel.lang == "lv"
    assert shown_ids(panel) == ["general-no-documents", "general-debt", "labour-withheld-wages"]
    panel.category_box.setCurrentIndex(panel.category_box.findData("labour"))
    assert shown_ids(panel) == ["labour-withheld-wages"]
    panel.category_box.setCurrentIndex(0)
    panel.set_ticked("general-no-documents", True)
    panel.only_ticked.click()
    assert shown_ids(panel) == ["general-no-documents"]
    item = panel.row_item("general-no-documents")
    assert item is not None
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    QTest.keyClick(panel.tree, Qt.Key.Key_Space)  # unticked: it leaves the "only ticked" list
    qtbot.waitUntil(lambda: shown_ids(panel) == [])
    panel.set_ticked("general-no-documents", True)
    qtbot.waitUntil(lambda: shown_ids(panel) == ["general-no-documents"])
    panel.only_ticked.click()
    QTest.keyClicks(panel.filter_field, "PARADS")
    assert shown_ids(panel) == ["general-debt"]
    item = panel.row_item("general-debt")
    assert item is not None and "parāds" in item.text(0)
    panel.filter_field.clear()
    QTest.keyClicks(panel.filter_field, "no such words")
    assert shown_ids(panel) == []
    assert panel.summary.text().endswith("0 shown")


def test_a_second_language_is_shown_side_by_side(
    launch: Launcher, qtbot: QtBot, debt_pack: Path
) -> None:
    _app, window = launch(pack=debt_pack, content_language="lv")
    panel = open_checklist(window, qtbot)
    assert panel.tree.columnCount() == 2
    panel.set_second_language("en")
    assert panel.tree.columnCount() == 3
    assert panel.tree.headerItem().text(0).startswith("Latviešu")
    assert panel.tree.headerItem().text(1).startswith("English")
    item = panel.row_item("general-debt")
    assert item is not None
    assert item.text(0) == "Cilvēkam ir parāds, ko viņš nespēj atmaksāt."
    assert item.text(1) == "The person has a debt that they cannot pay off."
    panel.tree.setCurrentItem(item)
    assert panel.details.second_explanation.isVisible()
    assert "added to the debt" in panel.details.second_explanation.text()
    # The filter looks at both languages.
    QTest.keyClicks(panel.filter_field, "fines")
    assert shown_ids(panel) == ["general-debt"]
    panel.set_second_language(None)
    assert panel.tree.columnCount() == 2


def test_an_indicator_the_handbook_dropped_keeps_its_tick_and_note(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    store = store_of(window)
    case = store.create_checklist("Old case")
    store.set_ticked(case.id, "general-removed-in-edition-2", True)
    store.set_indicator_note(case.id, "general-removed-in-edition-2", "seen in 2025")
    window.close()
    app.shutdown()
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    item = panel.row_item("general-removed-in-edition-2")
    assert item is not None
    assert "no longer in the handbook" in item.text(0)
    assert item.parent() is not None and item.parent().text(0).startswith("No longer")
    assert item.checkState(0) == Qt.CheckState.Checked and item.text(1) == "seen in 2025"
    panel.category_box.setCurrentIndex(panel.category_box.findData("labour"))
    assert "general-removed-in-edition-2" in shown_ids(panel)  # never hidden by a category
    assert panel.marks()["general-removed-in-edition-2"] == (True, "seen in 2025")


def test_rename_reset_and_delete_ask_first(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    new_checklist(panel, "Case 1")
    store = store_of(window)
    panel.set_ticked("general-no-documents", True)
    panel.ask_name = lambda *_args: "Case 1b"  # type: ignore[method-assign]
    assert panel.rename_checklist()
    assert [c.name for c in store.checklists()] == ["Case 1b"]
    assert panel.checklist_box.currentText() == "Case 1b"
    asked: list[str] = []

    def refuse(title: str, text: str) -> bool:
        asked.append(text)
        return False

    panel.confirm = refuse  # type: ignore[method-assign]
    assert not panel.reset_checklist() and not panel.delete_checklist()
    assert len(asked) == 2 and all("Case 1b" in text for text in asked)
    [kept] = store.checklists()
    assert kept.marks() == {"general-no-documents": (True, "")}
    panel.confirm = lambda *_args: True  # type: ignore[method-assign]
    assert panel.reset_checklist()
    [reset] = store.checklists()
    assert reset.marks() == {} and reset.name == "Case 1b"
    assert panel.delete_checklist()
    assert store.checklists() == []
    assert panel.checklist is None and not panel.delete_button.isEnabled()


@pytest.mark.parametrize("fault", ["read-only file", "locked database"])
def test_a_refused_tick_or_note_is_reported_kept_and_saved_on_try_again(
    launch: Launcher, qtbot: QtBot, fault: str
) -> None:
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    new_checklist(panel, "Case 1")
    store = store_of(window)
    faults = {"read-only file": injection.read_only_file, "locked database": injection.locked}
    bar = window.data_problem_bar
    with faults[fault](store):
        assert not panel.set_ticked("labour-withheld-wages", True)
        assert bar.isVisible() and "tick was not saved" in bar.label.text()
        item = panel.row_item("labour-withheld-wages")
        assert item is not None and item.checkState(0) == Qt.CheckState.Unchecked  # as in the file
        assert window.isVisible()
    assert bar.retry()
    assert not bar.isVisible()
    item = panel.row_item("labour-withheld-wages")
    assert item is not None and item.checkState(0) == Qt.CheckState.Checked
    with faults[fault](store):
        item = panel.row_item("general-no-documents")
        assert item is not None
        panel.tree.setCurrentItem(item)
        panel.details.editor.insertPlainText("typed while the file refuses")
        assert not panel.save_note()
        assert "note in the checklist was not saved" in bar.label.text()
        assert panel.details.editor.toPlainText() == "typed while the file refuses"
        assert [u.text for u in window.data_guard.unsaved.values()] == [
            "typed while the file refuses"
        ]
    assert bar.retry()
    assert not bar.isVisible() and not window.data_guard.unsaved
    [case] = store.checklists()
    assert case.marks() == {
        "labour-withheld-wages": (True, ""),
        "general-no-documents": (False, "typed while the file refuses"),
    }
    item = panel.row_item("general-no-documents")
    assert item is not None and item.text(1) == "typed while the file refuses"


def test_an_import_shows_the_imported_checklists(
    launch: Launcher, qtbot: QtBot, tmp_path: Path
) -> None:
    with UserStore(tmp_path / "other.sqlite3") as other:
        case = other.create_checklist("From the other PC")
        other.set_ticked(case.id, "general-no-documents", True)
        other.export_json(tmp_path / "export.json")
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    assert window.import_data(tmp_path / "export.json") is not None
    assert panel.checklist_box.currentText() == "From the other PC"
    item = panel.row_item("general-no-documents")
    assert item is not None and item.checkState(0) == Qt.CheckState.Checked


def test_the_checklist_and_second_language_shown_are_remembered_across_restart(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    panel = open_checklist(window, qtbot)
    new_checklist(panel, "Case 12")
    new_checklist(panel, "Case 13")
    first, last = store_of(window).checklists()[0], store_of(window).checklists()[-1]
    assert panel.choose(last.id)  # not the one a start would show by itself
    panel.second_box.setCurrentIndex(panel.second_box.findData("lv"))
    assert (panel.checklist and panel.checklist.id, panel.second_lang) == (last.id, "lv")
    window.close()

    _app2, again = launch(ui_language=None)
    shown = open_checklist(again, qtbot)
    assert shown.checklist is not None and shown.checklist.id == last.id
    assert shown.second_lang == "lv"
    # A remembered checklist that was deleted meanwhile: the first one is shown instead.
    store_of(again).delete_checklist(last.id)
    again.close()
    _app3, third = launch(ui_language=None)
    left = open_checklist(third, qtbot)
    assert left.checklist is not None and left.checklist.id == first.id


def test_in_a_narrow_window_the_contents_step_aside_for_the_checklist(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.toc_dock.isVisible()
    open_checklist(window, qtbot)
    assert not window.toc_dock.isVisible()
    qtbot.waitUntil(lambda: window.centralWidget().width() >= 360)  # room for the page
    window.checklist_dock.close()
    qtbot.waitUntil(window.toc_dock.isVisible)  # back when the checklist closes
