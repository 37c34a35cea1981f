"""The action registry (reader/ui/window/actions.py and the feature modules' *_actions()).

Menus and toolbar are built from it in the real window; every action must have a translated
text in every UI language, keys no other action has, and a handler that triggering reaches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from babel.messages import pofile
from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader import i18n
from reader.ui.main_window import MainWindow
from reader.ui.window.actions import MENUS, TOOLBAR, ActionSpec, action_specs, menu_titles
from tests.ui.conftest import Launcher

# Entries of MENUS/TOOLBAR that are not specs: the docks' own toggles and the language box.
NOT_SPECS = {"toc_action", "search_toggle", "language_box", "toolbar_spacer"}


def _action(window: MainWindow, entry: str) -> QAction:
    """The QAction of a MENUS/TOOLBAR entry (the search dock's toggle is not a window attr)."""
    if entry == "search_toggle":
        return window.search_dock.toggleViewAction()
    action = getattr(window, entry)
    assert isinstance(action, QAction), entry
    return action


class _Recorder:
    """A stand-in catalog: every text becomes a token, so a formatted text still names its msgid."""

    def __init__(self) -> None:
        self.msgids: list[str] = []

    def gettext(self, message: str) -> str:
        self.msgids.append(message)
        return f"\u27e6{len(self.msgids) - 1}\u27e7"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular)


@pytest.fixture
def recorded_specs(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """attr -> msgid of each spec's text (and of the menu titles, as "menu:<key>")."""
    recorder = _Recorder()
    monkeypatch.setattr(i18n, "_translations", recorder)
    texts = {spec.attr: spec.text for spec in action_specs()}
    texts.update({f"menu:{key}": title for key, title in menu_titles().items()})
    found = {}
    for attr, text in texts.items():
        assert text.count("\u27e6") == 1, f"{attr}: its text is not one translated message"
        index = int(text.split("\u27e6")[1].split("\u27e7")[0])
        found[attr] = recorder.msgids[index]
    yield found


def _catalog_problems(msgids: dict[str, str]) -> list[str]:
    problems = []
    for lang in i18n.UI_LANGUAGES:
        if lang == i18n.SOURCE_LANGUAGE:
            continue
        path = i18n.catalog_path(lang)
        with path.open("rb") as handle:
            catalog = pofile.read_po(handle, locale=lang)
        for attr, msgid in msgids.items():
            message = catalog.get(msgid)
            if message is None or not message.string or message.fuzzy:
                what = "missing" if message is None else "fuzzy" if message.fuzzy else "empty"
                problems.append(f"{path.name} [{lang}] {attr}: {msgid!r} is {what}")
    return problems


def test_every_action_text_is_translated_in_every_ui_language(
    recorded_specs: dict[str, str],
) -> None:
    assert len(recorded_specs) >= 30
    problems = _catalog_problems(recorded_specs)
    assert problems == [], f"{len(problems)} untranslated:\n" + "\n".join(problems)


def _resolved(spec: ActionSpec) -> set[str]:
    """The keys the window gives the action (as create_actions sets them), as portable text."""
    keys = {QKeySequence(key).toString() for key in spec.keys}
    return {key for key in keys if key}


def test_no_two_actions_are_declared_with_the_same_keys(launch: Launcher) -> None:
    _app, window = launch()  # standard keys resolve through the running platform's theme
    owner: dict[str, str] = {}
    for spec in action_specs():
        for key in _resolved(spec):
            assert key not in owner, f"{key}: {owner.get(key)} and {spec.attr}"
            owner[key] = spec.attr
    others = {
        key.toString(): name
        for name in ("toc_action", "search_toggle")
        for key in _action(window, name).shortcuts()
    }
    assert not set(others) & set(owner), set(others) & set(owner)
    assert len(owner) >= 25


def test_menus_and_toolbar_refer_to_declared_actions(launch: Launcher) -> None:
    specs = {spec.attr for spec in action_specs()}
    entries = [entry for _key, items in MENUS for entry in items if entry] + [
        entry for entry in TOOLBAR if entry
    ]
    unknown = [entry for entry in entries if entry not in specs | NOT_SPECS]
    assert unknown == []
    _app, window = launch()
    in_menus: set[int] = set()
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            in_menus.add(id(action))
            if action.menu() is not None:
                menus.append(action.menu())
    for _key, items in MENUS:
        for entry in items:
            if entry:
                assert id(_action(window, entry)) in in_menus, entry
    on_toolbar = {id(action) for action in window.toolbar.actions()}
    for entry in TOOLBAR:
        if entry and entry not in NOT_SPECS:
            assert id(_action(window, entry)) in on_toolbar, entry


def test_every_action_reaches_its_handler(
    launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = action_specs()
    reached: list[str] = []
    for spec in specs:
        assert callable(getattr(MainWindow, spec.handler, None)), spec.handler

        def record(_self: Any, *_args: Any, name: str = spec.handler) -> None:
            reached.append(name)

        # Recorded, not run: several handlers open modal dialogs (print, files, quit).
        monkeypatch.setattr(MainWindow, spec.handler, record)
    _app, window = launch()
    for spec in specs:
        action: QAction = getattr(window, spec.attr)
        assert action.receivers(SIGNAL("triggered(bool)")) > 0, spec.attr
        action.setEnabled(True)
        before = len(reached)
        action.trigger()
        assert reached[before:] == [spec.handler], spec.attr
