"""Every command can be reached from the keyboard: from a menu (Alt+letter, then arrows) or by
its own keys, and Help > Keyboard shortcuts lists every command that has keys."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QWidgetAction
from pytestqt.qtbot import QtBot

from reader.ui.shortcuts_dialog import key_text
from reader.ui.window.actions import action_specs
from tests.ui.conftest import Launcher


def menu_actions(menu: QMenu) -> list[QAction]:
    """The actions of a menu and of all its submenus."""
    found: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found += menu_actions(sub)
        elif not action.isSeparator():
            found.append(action)
    return found


def test_every_command_is_in_a_menu_or_has_keys(launch: Launcher) -> None:
    _app, window = launch()
    bar = window.menuBar()
    titles = [action.text() for action in bar.actions()]
    letters = [title[title.index("&") + 1].lower() for title in titles if "&" in title]
    assert len(letters) == len(titles) >= 4, titles  # every top menu opens with Alt+letter
    assert len(set(letters)) == len(letters), titles
    in_menus = {id(action) for top in bar.actions() for action in menu_actions(top.menu())}
    specs = action_specs()
    assert len(specs) >= 30
    unreachable = [
        spec.attr
        for spec in specs
        if id(getattr(window, spec.attr)) not in in_menus
        and not getattr(window, spec.attr).shortcuts()
    ]
    assert unreachable == []
    # What the toolbar offers is in the menus too: at 200 % text the toolbar may overflow.
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    for action in toolbar.actions():
        if action.isSeparator() or isinstance(action, QWidgetAction):
            continue  # the language box: View > Content language holds the same choice
        assert id(action) in in_menus, action.text()


def test_the_shortcuts_dialog_lists_every_action_with_keys(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    dialog = window.show_keyboard_shortcuts()
    qtbot.waitExposed(dialog)
    listed = {(command, keys) for _group, command, keys in dialog.rows()}
    every = set(window.actions()) | {a for a in window.findChildren(QAction) if a.shortcuts()}
    with_keys = [action for action in every if key_text(action)]
    assert len(with_keys) >= 25
    missing = [
        action.text()
        for action in with_keys
        if (action.text().replace("&", ""), key_text(action)) not in listed
    ]
    assert missing == []
    dialog.close()
