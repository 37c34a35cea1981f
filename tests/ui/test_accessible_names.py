"""Every control of the window, its panels and its dialogs has a name a screen reader reads, and
inputs and icon-only buttons have a tooltip.

The rule (also in docs/DECISIONS.md):

* A control is *named* when its ``accessibleName()`` is set, or — for a button, check box or radio
  button — when it shows a text with at least one letter or digit (that is what screen readers
  read), or when a QLabel has it as its buddy (the label's text is its name).
* A *tooltip* is required for inputs (line edits, combo boxes, spin boxes, editable text areas,
  sliders) and for buttons whose text has no letter or digit (an icon, "◀", "☆").
* Qt's own parts (object names starting with ``qt_``: dock title buttons, the toolbar's extension
  button, a line edit's clear button) and the line edit inside a combo box or spin box are the
  toolkit's, not ours, and are left out.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.content import load_pack
from reader.content.changes import changes_between
from reader.ui.changes_dialog import ChangesDialog
from reader.ui.event_dialog import EventDialog
from reader.ui.main_window import MainWindow
from reader.ui.presentation_options import PresentationOptionsDialog
from reader.ui.print_choice import PrintChoiceDialog
from tests.conftest import MINI_PACK
from tests.ui.conftest import Launcher

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSlider,
)
INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractSlider)


def _has_letters(text: str) -> bool:
    return any(ch.isalnum() for ch in text.replace("&", ""))


def _is_toolkit_part(widget: QWidget) -> bool:
    if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
        return True  # a view's header is read with the view's columns
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or parent.objectName().startswith(
            "qt_"
        ):
            return True
        if isinstance(parent, (QLineEdit, QTabBar)):  # clear button, tab scroll buttons
            return True
        parent = parent.parentWidget()
    return False


def _path(widget: QWidget) -> str:
    """Where an unnamed widget is: its ancestors' object names."""
    names = []
    parent = widget.parentWidget()
    while parent is not None and len(names) < 3:
        names.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return "in " + "/".join(names)


def _is_input(widget: QWidget) -> bool:
    if isinstance(widget, INPUTS):
        return not isinstance(widget, QLineEdit) or not widget.isReadOnly()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return False


def problems(top: QWidget) -> list[str]:
    """What breaks the rule in ``top`` and its children, as "class objectName: what"."""
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or _is_toolkit_part(widget):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        named = bool(widget.accessibleName().strip()) or _has_letters(text)
        named = named or id(widget) in buddies
        where = f"{type(widget).__name__} {widget.objectName() or text or _path(widget)}"
        if not named:
            found.append(f"{where}: no accessible name")
        icon_only = isinstance(widget, QAbstractButton) and not _has_letters(text)
        if (icon_only or _is_input(widget)) and not widget.toolTip().strip():
            found.append(f"{where}: no tooltip")
    return found


@pytest.fixture
def window(launch: Launcher) -> Iterator[MainWindow]:
    _app, window = launch()
    yield window


def test_the_rule_finds_what_it_should(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    field = QLineEdit(top)
    field.setObjectName("unnamedField")
    found = problems(top)
    assert "QLineEdit unnamedField: no accessible name" in found
    assert "QLineEdit unnamedField: no tooltip" in found
    label = QLabel("&Name", top)
    label.setBuddy(field)
    field.setToolTip("Your name")
    assert problems(top) == []


def test_main_window_and_its_panels(window: MainWindow) -> None:
    window.show_checklist()
    found = problems(window)
    assert found == []


def test_dialogs(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    dialogs: list[QDialog] = [
        PresentationOptionsDialog(window.pack, window.settings, "en", window),
        PrintChoiceDialog("Print", "Section", "Chapter", "The checklist", parent=window),
        EventDialog(window),
        window.show_keyboard_shortcuts(),
    ]
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINI_PACK, old)
    shutil.copytree(MINI_PACK, new)
    intro = new / "en" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    dialogs.append(ChangesDialog(changes_between(old, new), load_pack(new), "en", [], [], window))
    progress = QProgressDialog("Checking", "Cancel", 0, 0, window)
    progress.setObjectName("packImportProgress")
    dialogs.append(progress)
    found = []
    for dialog in dialogs:
        found += [f"{dialog.objectName()}: {p}" for p in problems(dialog)]
        dialog.close()
    assert found == []


def test_about_box(window: MainWindow, qtbot: QtBot) -> None:
    found: list[str] = []

    def inspect() -> None:
        box = window.findChild(QMessageBox, "aboutDialog")
        assert box is not None
        found.extend(problems(box))
        box.accept()

    QTimer.singleShot(0, inspect)
    window.show_about()
    assert found == []
