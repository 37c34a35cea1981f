"""Help > Keyboard shortcuts: every command that has keys, by menu, and the presentation keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import _
from reader.ui.person_card_window import card_keys
from reader.ui.presentation_window import ENTER_KEYS, NEXT_KEYS, PREVIOUS_KEYS

if TYPE_CHECKING:
    from reader.ui.window.base import WindowBase

Group = tuple[str, list[tuple[str, str]]]  # title, (command, keys)


def key_text(action: QAction) -> str:
    """The action's keys as the user types them, e.g. "Ctrl+K, Ctrl+Shift+F"."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(key.toString(native) for key in action.shortcuts() if not key.isEmpty())


def _keys(keys: set[Qt.Key] | list[Qt.Key]) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(QKeySequence(key).toString(native) for key in sorted(keys, key=int))


def presentation_keys() -> list[tuple[str, str]]:
    """The keys of the presentation window (reader/ui/presentation_window.py keyPressEvent)."""
    enter = _keys(ENTER_KEYS)
    return [
        (_("Next slide (at the last slide: the next section)"), _keys(NEXT_KEYS)),
        (_("Previous slide (at the first: the previous section)"), _keys(PREVIOUS_KEYS)),
        (_("First, last slide of the section"), _keys([Qt.Key.Key_Home, Qt.Key.Key_End])),
        (_("Go to a slide"), _("a number, then {keys}").format(keys=enter)),
        (_("Black screen; the same key again returns"), "B, ."),
        (_("White screen; the same key again returns"), "W"),
        (_("Larger, smaller text"), "+, -"),
        (_("Leave the presentation"), _keys([Qt.Key.Key_Escape])),
    ]


def shortcut_groups(window: WindowBase) -> list[Group]:
    """Every window action with keys, grouped by the menu that holds it, then the slide keys."""
    from reader.ui.window.actions import MENUS, menu_titles

    titles = menu_titles()
    groups: list[Group] = []
    listed: set[int] = set()
    for key, entries in MENUS:
        rows = []
        for attr in entries:
            action = getattr(window, attr, None) if attr else None
            if isinstance(action, QAction) and key_text(action):
                rows.append((action.text().replace("&", ""), key_text(action)))
                listed.add(id(action))
        if rows:
            groups.append((titles[key].replace("&", ""), rows))
    others = [
        (action.text().replace("&", ""), key_text(action))
        for action in window.actions()
        if key_text(action) and id(action) not in listed
    ]
    if others:
        groups.append((_("Other"), others))
    groups.append((_("Presentation mode"), presentation_keys()))
    groups.append((_("Cards shown to the person"), card_keys()))
    return groups


class ShortcutsDialog(QDialog):
    def __init__(self, groups: list[Group], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsList")
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setHeaderLabels([_("Command"), _("Keys")])
        self.tree.setRootIsDecorated(False)
        for title, rows in groups:
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for command, keys in rows:
                QTreeWidgetItem(group, [command, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 600)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every line, for tests and screen readers alike."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            assert group is not None
            for child in range(group.childCount()):
                item = group.child(child)
                assert item is not None
                found.append((group.text(0), item.text(0), item.text(1)))
        return found
