"""Help > Keyboard shortcuts lists every command with keys; no two commands share a key."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from reader.ui.shortcuts_dialog import ShortcutsDialog, key_text
from reader.ui.window.actions import action_specs, menu_titles
from tests.ui.conftest import Launcher

NATIVE = QKeySequence.SequenceFormat.NativeText


def test_every_action_with_keys_is_listed_under_its_menu(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.findChild(QAction, "keyboardShortcuts").trigger()
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    rows = dialog.rows()
    listed = {(command, keys) for _group, command, keys in rows}
    with_keys = 0
    for spec in action_specs():
        action: QAction = getattr(window, spec.attr)
        if action.shortcuts():
            with_keys += 1
            assert (action.text().replace("&", ""), key_text(action)) in listed, spec.attr
    assert with_keys >= 20
    groups = [group for group, _command, _keys in rows]
    assert menu_titles()["go"].replace("&", "") in groups
    assert ("Go", "Search…", "Ctrl+K, Ctrl+Shift+F") in rows
    assert ("Help", "Keyboard shortcuts", "F1") in rows
    presenting = [(command, keys) for group, command, keys in rows if group == "Presentation mode"]
    assert any("Space" in keys and "PgDown" in keys for _command, keys in presenting)
    assert any(keys == "Esc" for _command, keys in presenting)


def test_no_two_actions_share_a_shortcut(launch: Launcher) -> None:
    _app, window = launch()
    owner: dict[str, str] = {}
    for action in set(window.findChildren(QAction)) | set(window.actions()):
        for key in action.shortcuts():
            text = key.toString(NATIVE)
            assert text not in owner, f"{text}: {owner.get(text)} and {action.text()}"
            owner[text] = action.text()
    assert len(owner) >= 25


def test_every_action_has_a_text_and_a_tooltip_with_its_keys(launch: Launcher) -> None:
    _app, window = launch()
    for spec in action_specs():
        action: QAction = getattr(window, spec.attr)
        assert spec.text.strip(), spec.attr
        assert action.toolTip().strip(), spec.attr
        keys = action.shortcuts()
        if keys:
            assert keys[0].toString(NATIVE) in action.toolTip(), spec.attr
