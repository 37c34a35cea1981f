"""The window laid out around reading: the page in the centre, panels that open when used.

On first start only the contents are open beside the page. Search (Ctrl+K), bookmarks, calendar
and checklist open when their command is used and close with Esc or their close button; which
ones were open is kept in the saved window state (a state saved by an older layout, which had
search and bookmarks always open, is not restored: the first-start layout is shown instead).
The note is a strip under the page that opens into its editor (Ctrl+Shift+N). The toolbar shows
icons (reader/ui/icons.py) that are redrawn in the text colour whenever the palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLayout,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader.i18n import _
from reader.ui.icons import ICON_SIZE, themed_icon
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase

STATE_VERSION = 2  # of QMainWindow.saveState: 0 was the layout with search and bookmarks open
CONTENTS_WIDTH = 260  # px, the contents panel on first start
PANEL_SHARE = 0.36  # of the window at most, for search or the calendar when they open
PANEL_WIDTH = 440  # px at most, for the same
LANGUAGE_BOX_WIDTH = 170  # px at most
BOX_CHARACTERS = 8  # a drop-down list in a panel is at least this wide, whatever its entries
TOOLBAR_SPACER = "toolbar_spacer"

# Toolbar actions and their icon (resources/icons/<name>.svg).
ICONS: dict[str, str] = {
    "home_action": "house",
    "back_action": "arrow-left",
    "forward_action": "arrow-right",
    "previous_action": "chevron-left",
    "next_action": "chevron-right",
    "bookmark_action": "star",
    "search_action": "search",
    "calendar_action": "calendar-days",
    "checklist_action": "list-checks",
    "present_action": "presentation",
    "bookmarks_action": "bookmark",
    "note_action": "square-pen",
}
# These show a short label beside the icon; the others show the icon, with the tooltip.
LABELLED = ("search_action", "calendar_action", "checklist_action", "present_action")


def layout_actions() -> list[ActionSpec]:
    return [
        ActionSpec(
            "note_action",
            _("Note on this section"),
            "toggle_note",
            ("Ctrl+Shift+N",),
            "toggleNote",
            checkable=True,
            needs_store=True,
        )
    ]


def short_labels() -> dict[str, str]:
    """The labels shown beside the icons, as short as the toolbar needs them."""
    return {
        "search_action": _("Search"),
        "calendar_action": _("Calendar"),
        "checklist_action": _("Checklist"),
        "present_action": _("Present"),
    }


def toolbar_spacer() -> QWidget:
    spacer = QWidget()
    spacer.setObjectName("toolbarSpacer")
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return spacer


def narrow_boxes(panel: QWidget) -> None:
    """Drop-down lists in a panel no longer take their width from their longest entry.

    A chapter title or a language name with its English name made the search and checklist
    panels wider than a 1024-pixel screen leaves beside the page (the window grew past the
    screen). The list that drops down still shows the entries in full.
    """
    for box in panel.findChildren(QComboBox):
        if box.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow:
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(BOX_CHARACTERS)
            # QComboBox keeps its minimum size hint from before; a style change drops it.
            QApplication.sendEvent(box, QEvent(QEvent.Type.StyleChange))
    for layout in panel.findChildren(QLayout):  # their cached minimum widths are stale
        layout.invalidate()


class ReadingLayoutMixin(WindowBase):
    note_action: QAction
    toolbar: QToolBar
    checklist_dock: QDockWidget

    def _right_docks(self) -> list[QDockWidget]:
        names = ("search_dock", "calendar_dock", "checklist_dock")
        return [
            dock for name in names if isinstance(dock := getattr(self, name, None), QDockWidget)
        ]

    def _panel_docks(self) -> list[QDockWidget]:
        """The docks that open when used (all but the contents)."""
        bookmarks = getattr(self, "bookmarks_dock", None)
        return [*self._right_docks(), *([bookmarks] if isinstance(bookmarks, QDockWidget) else [])]

    def _init_reading_layout(self) -> None:
        """Esc closes a panel; the first-start layout is set (a saved state may replace it)."""
        for dock in self._panel_docks():
            narrow_boxes(dock)
            shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), dock)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=dock: self.close_panel(d))
        self.default_layout()
        if self.note_editor is not None:
            self.note_editor.expandedChanged.connect(self._note_toggled)
            self.note_editor.set_expanded(self.settings.note_open, focus=False)
            self.view.columnChanged.connect(self.note_editor.align_with)
            self.note_editor.align_with(
                round(self.view.document().rootFrame().frameFormat().leftMargin())
            )

    def _note_toggled(self, expanded: bool) -> None:
        self.note_action.setChecked(expanded)
        self.settings.note_open = expanded
        self._schedule_save()

    def default_layout(self) -> None:
        for dock in self._panel_docks():
            dock.hide()
        self.toc_dock.show()
        self.resizeDocks([self.toc_dock], [CONTENTS_WIDTH], Qt.Orientation.Horizontal)

    def fit_panel(self, dock: QDockWidget) -> None:
        """A panel that opens leaves the page most of the window (the checklist asks for more)."""
        wanted = min(int(self.width() * PANEL_SHARE), PANEL_WIDTH)
        if dock.width() > wanted:
            self.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)

    def close_panel(self, dock: QDockWidget) -> None:
        dock.close()
        self.view.setFocus()

    def close_search(self) -> None:
        self.close_panel(self.search_dock)

    def toggle_note(self) -> None:
        editor = self.note_editor
        if editor is not None:
            editor.set_expanded(not editor.expanded)
            if not editor.expanded:
                self.view.setFocus()

    # Toolbar -----------------------------------------------------------------------------------
    def _style_toolbar(self) -> None:
        bar = self.toolbar
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.setIconSize(ICON_SIZE)
        bar.setMovable(False)
        self.language_box.setMaximumWidth(LANGUAGE_BOX_WIDTH)
        labels = short_labels()
        for attr, label in labels.items():
            action = getattr(self, attr, None)
            if isinstance(action, QAction):
                action.setIconText(label)
        for attr in LABELLED:
            action = getattr(self, attr, None)
            button = bar.widgetForAction(action) if isinstance(action, QAction) else None
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._paint_icons()

    def _paint_icons(self) -> None:
        """Draw the icons in the palette's text colour (light, dark, high contrast)."""
        palette = self.palette()
        ink = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText).name()
        off = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
        if getattr(self, "_icon_ink", None) == (ink, off):
            return
        self._icon_ink = (ink, off)
        for attr, name in ICONS.items():
            action = getattr(self, attr, None)
            if isinstance(action, QAction):
                action.setIcon(themed_icon(name, ink, off, filled_on=action.isCheckable()))
        if self.note_editor is not None:
            self.note_editor.toggle.setIcon(themed_icon("square-pen", ink, off))

    def changeEvent(self, event: QEvent) -> None:
        changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if changed and hasattr(self, "toolbar"):
            self._paint_icons()
        super().changeEvent(event)
