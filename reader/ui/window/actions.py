"""Every command of the main window, declared once; menus and toolbar are built from the list.

An :class:`ActionSpec` says what a command is called, its keys, its tooltip and which window
method runs it. :func:`create_actions` makes the QActions (and sets them as ``<attr>`` on the
window), :func:`build_menus` and :func:`build_toolbar` lay them out from :data:`MENUS` and
:data:`TOOLBAR`, and tests read the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from reader.i18n import UI_LANGUAGES, _
from reader.ui.window.languages import language_label
from reader.ui.window.pack_import import pack_import_actions

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

Key = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    attr: str  # the window attribute that holds the QAction, e.g. "back_action"
    text: str  # translated menu text
    handler: str  # name of the window method it runs
    keys: tuple[Key, ...] = ()
    name: str = ""  # object name (tests and accessibility find the action by it)
    tip: str = ""
    checkable: bool = False
    needs_store: bool = False  # only usable when the user data file is open


def action_specs() -> list[ActionSpec]:
    """All commands, with texts in the current UI language."""
    from reader.ui.window.card_printing import card_printing_actions
    from reader.ui.window.checklists import checklist_actions
    from reader.ui.window.core_actions import core_actions  # it imports ActionSpec from here
    from reader.ui.window.editions import edition_actions  # it imports ActionSpec from here
    from reader.ui.window.person_cards import person_card_actions  # it imports ActionSpec
    from reader.ui.window.presenting import presenting_actions  # it imports ActionSpec from here
    from reader.ui.window.printing import printing_actions  # it imports ActionSpec from here
    from reader.ui.window.reading_layout import layout_actions  # it imports ActionSpec from here
    from reader.ui.window.theming import theme_actions  # it imports ActionSpec from here

    return [
        *printing_actions(),
        *card_printing_actions(),
        *core_actions(),
        *checklist_actions(),
        *presenting_actions(),
        *person_card_actions(),
        *edition_actions(),
        *pack_import_actions(),
        *theme_actions(),
        *layout_actions(),
    ]


# Menus and toolbar, by action attribute; None is a separator. "toc_action" and
# "search_toggle" are the docks' own show/hide actions; the language menus are built apart.
MENUS: list[tuple[str, list[str | None]]] = [
    (
        "file",
        [
            "copy_link_action",
            None,
            "print_action",
            "print_preview_action",
            "export_pdf_action",
            "print_cards_action",
            None,
            "export_ics_action",
            "import_ics_action",
            "export_data_action",
            "import_data_action",
            None,
            "import_pack_action",
            "rebuild_index_action",
            None,
            "quit_action",
        ],
    ),
    (
        "go",
        [
            "home_action",
            "back_action",
            "forward_action",
            None,
            "previous_action",
            "next_action",
            None,
            "bookmark_action",
            "bookmarks_action",
            "calendar_action",
            "checklist_action",
            "search_action",
            "find_action",
            "next_hit_action",
            "previous_hit_action",
        ],
    ),
    (
        "view",
        [
            "zoom_in_action",
            "zoom_out_action",
            "zoom_reset_action",
            None,
            "toc_action",
            "search_toggle",
            "note_action",
            "full_screen_action",
            None,
            "present_action",
            "present_options_action",
            "person_cards_action",
        ],
    ),
    ("help", ["shortcuts_action", "changes_action", None, "about_action"]),
]

# The toolbar: navigation on the left, the tools on the right ("toolbar_spacer" pushes them);
# zoom and find are in the menus. Icons and short labels: reading_layout.py.
TOOLBAR: list[str | None] = [
    "home_action",
    "back_action",
    "forward_action",
    None,
    "previous_action",
    "next_action",
    None,
    "bookmark_action",
    "toolbar_spacer",
    "language_box",
    None,
    "search_action",
    "calendar_action",
    "checklist_action",
    "present_action",
]


def menu_titles() -> dict[str, str]:
    return {"file": _("&File"), "go": _("&Go"), "view": _("&View"), "help": _("&Help")}


def create_actions(window: MainWindow) -> dict[str, QAction]:
    """Make every declared action, add it to the window (so its keys work everywhere)."""
    made: dict[str, QAction] = {}
    for spec in action_specs():
        action = QAction(spec.text, window)
        if spec.keys:  # without repeats: a standard key may be the same as a named one
            sequences = {QKeySequence(key).toString(): QKeySequence(key) for key in spec.keys}
            action.setShortcuts([key for text, key in sequences.items() if text])
        if spec.name:
            action.setObjectName(spec.name)
        tip = spec.tip or spec.text.replace("&", "").removesuffix("…")
        keys = action.shortcuts()
        if keys and keys[0].toString(QKeySequence.SequenceFormat.NativeText) not in tip:
            tip = f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(spec.checkable)
        action.triggered.connect(getattr(window, spec.handler))
        if spec.needs_store:
            action.setEnabled(window.store is not None)
        window.addAction(action)
        setattr(window, spec.attr, action)
        made[spec.attr] = action
    window.bookmark_action.setIconText(_("☆ Bookmark"))
    window.rebuild_index_action.setEnabled(window.search is not None)
    toc = window.toc_dock.toggleViewAction()
    toc.setText(_("Contents"))
    toc.setShortcut(QKeySequence("Ctrl+T"))
    window.toc_action = toc
    made["toc_action"] = toc
    search_toggle = window.search_dock.toggleViewAction()
    search_toggle.setText(_("Search panel"))
    made["search_toggle"] = search_toggle
    return made


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> None:
    bar = window.menuBar()
    titles = menu_titles()
    for key, entries in MENUS:
        menu = bar.addMenu(titles[key])
        _fill(menu, entries, actions)
        if key == "view":
            menu.addSeparator()
            _language_menus(window, menu)
            window.build_country_menu(menu)
            window.build_theme_menu(menu)
            window.build_text_size_menu(menu)
            menu.addSeparator()
            menu.addAction(window.problems_action)


def _fill(menu: QMenu, entries: list[str | None], actions: dict[str, QAction]) -> None:
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        else:
            menu.addAction(actions[entry])


def _language_menus(window: MainWindow, view_menu: QMenu) -> None:

    content_menu = view_menu.addMenu(_("Content language"))
    window.content_language_group = QActionGroup(window)
    for code in window.pack.languages:
        action = content_menu.addAction(language_label(code))
        action.setCheckable(True)
        action.setData(code)
        action.setChecked(code == window.content_language)
        action.triggered.connect(lambda _checked=False, c=code: window.set_content_language(c))
        window.content_language_group.addAction(action)
    ui_menu = view_menu.addMenu(_("Interface language"))
    ui_group = QActionGroup(window)
    current_ui = window.settings.ui_language or "en"
    for code in UI_LANGUAGES:
        action = ui_menu.addAction(language_label(code))
        action.setCheckable(True)
        action.setData(code)
        action.setChecked(code == current_ui)
        action.triggered.connect(
            lambda _checked=False, c=code: window.uiLanguageChangeRequested.emit(c)
        )
        ui_group.addAction(action)


def build_toolbar(window: MainWindow, actions: dict[str, QAction]) -> QToolBar:
    from reader.ui.window.reading_layout import toolbar_spacer  # it imports ActionSpec from here

    toolbar = QToolBar(_("Navigation"))
    toolbar.setObjectName("navigationToolbar")
    for entry in TOOLBAR:
        if entry is None:
            toolbar.addSeparator()
        elif entry == "language_box":
            toolbar.addWidget(window.language_box)
        elif entry == "toolbar_spacer":
            toolbar.addWidget(toolbar_spacer())
        else:
            toolbar.addAction(actions[entry])
    window.addToolBar(toolbar)
    return toolbar
