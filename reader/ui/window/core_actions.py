"""The window's own commands (navigation, zoom, search, user data, window): their ActionSpecs.

Features with a module of their own (printing, checklists, presenting, editions, pack import,
themes) declare theirs there; :func:`reader.ui.window.actions.action_specs` puts them together.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from reader import APP_NAME
from reader.i18n import _
from reader.ui.window.actions import ActionSpec


def core_actions() -> list[ActionSpec]:
    """The commands that belong to no single feature, with texts in the current UI language."""
    std = QKeySequence.StandardKey
    return [
        ActionSpec(
            "back_action", _("Back"), "go_back", (std.Back,), "back", _("Go back (Alt+Left)")
        ),
        ActionSpec(
            "forward_action",
            _("Forward"),
            "go_forward",
            (std.Forward,),
            "forward",
            _("Go forward (Alt+Right)"),
        ),
        ActionSpec(
            "previous_action",
            _("Previous section"),
            "previous_section",
            ("Ctrl+PgUp",),
            "previousSection",
            _("Previous section (Ctrl+Page Up)"),
        ),
        ActionSpec(
            "next_action",
            _("Next section"),
            "next_section",
            ("Ctrl+PgDown",),
            "nextSection",
            _("Next section (Ctrl+Page Down)"),
        ),
        ActionSpec(
            "zoom_in_action",
            _("Zoom in"),
            "zoom_in",
            (std.ZoomIn, "Ctrl+="),
            "zoomIn",
            _("Larger text (Ctrl++)"),
        ),
        ActionSpec(
            "zoom_out_action",
            _("Zoom out"),
            "zoom_out",
            (std.ZoomOut,),
            "zoomOut",
            _("Smaller text (Ctrl+-)"),
        ),
        ActionSpec(
            "zoom_reset_action",
            _("Actual size"),
            "zoom_reset",
            ("Ctrl+0",),
            "zoomReset",
            _("Normal text size"),
        ),
        ActionSpec(
            "find_action",
            _("Find in page…"),
            "show_find",
            (std.Find,),
            "find",
            _("Find in this page"),
        ),
        ActionSpec(
            "search_action",
            _("Search…"),
            "show_search",
            ("Ctrl+K", "Ctrl+Shift+F"),
            "search",
            _("Search the handbook (Ctrl+K)"),
        ),
        ActionSpec("next_hit_action", _("Next highlight"), "next_highlight", ("F3",), "nextHit"),
        ActionSpec(
            "previous_hit_action",
            _("Previous highlight"),
            "previous_highlight",
            ("Shift+F3",),
            "previousHit",
        ),
        ActionSpec(
            "home_action", _("Home"), "go_home", ("Alt+Home",), "home", _("Start page (Alt+Home)")
        ),
        ActionSpec(
            "bookmark_action",
            _("Bookmark this section"),
            "toggle_section_bookmark",
            ("Ctrl+D",),
            "bookmarkSection",
            _("Star this section (Ctrl+D)"),
            checkable=True,
            needs_store=True,
        ),
        ActionSpec(
            "calendar_action",
            _("Calendar"),
            "show_calendar",
            ("Ctrl+Shift+E",),
            "calendar",
            needs_store=True,
        ),
        ActionSpec(
            "bookmarks_action",
            _("Bookmarks and notes"),
            "show_bookmarks",
            ("Ctrl+B",),
            "bookmarks",
            needs_store=True,
        ),
        ActionSpec(
            "rebuild_index_action",
            _("Rebuild search index"),
            "rebuild_search_index",
            name="rebuildIndex",
        ),
        ActionSpec(
            "export_ics_action",
            _("Export calendar (.ics)…"),
            "_export_ics",
            name="exportIcs",
            needs_store=True,
        ),
        ActionSpec(
            "import_ics_action",
            _("Import calendar (.ics)…"),
            "_import_ics",
            name="importIcs",
            needs_store=True,
        ),
        ActionSpec(
            "export_data_action",
            _("Export my data…"),
            "choose_export_data",
            name="exportData",
            needs_store=True,
        ),
        ActionSpec(
            "import_data_action",
            _("Import my data…"),
            "choose_import_data",
            name="importData",
            needs_store=True,
        ),
        ActionSpec(
            "copy_link_action",
            _("Copy link to this section"),
            "copy_link",
            ("Ctrl+Shift+L",),
            "copyLink",
        ),
        ActionSpec(
            "full_screen_action",
            _("Full screen"),
            "toggle_full_screen",
            (std.FullScreen, "F11"),
            "fullScreen",
            checkable=True,
        ),
        ActionSpec(
            "problems_action", _("Content problems…"), "show_problems", name="contentProblems"
        ),
        ActionSpec(
            "about_action", _("About {app}").format(app=APP_NAME), "show_about", name="about"
        ),
        ActionSpec("quit_action", _("Quit"), "close", (std.Quit, "Ctrl+Q"), "quit"),
    ]
