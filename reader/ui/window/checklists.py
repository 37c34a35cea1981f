"""The indicators checklist in the main window: its command, its dock and saving on the way out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from reader.i18n import _
from reader.printing.documents import Marks
from reader.ui.checklist_panel import ChecklistPanel
from reader.ui.window.base import WindowBase

if TYPE_CHECKING:
    from reader.ui.window.actions import ActionSpec

CHECKLIST_WIDTH = 0.6  # of the window, when the checklist is opened
# Below this window width the contents step aside while the checklist is open (and come back
# when it closes), so that the page beside it keeps room for a heading's longest word.
ROOMY_WIDTH = 1280


def checklist_actions() -> list[ActionSpec]:
    from reader.ui.window.actions import ActionSpec

    return [
        ActionSpec(
            "checklist_action",
            _("Indicators checklist"),
            "show_checklist",
            ("Ctrl+Shift+I",),
            "checklist",
            _("Tick the indicators you see, one checklist per case (Ctrl+Shift+I)"),
            needs_store=True,
        )
    ]


class ChecklistMixin(WindowBase):
    checklist_panel: ChecklistPanel | None
    checklist_dock: QDockWidget
    checklist_action: QAction

    def _build_checklist_dock(self) -> None:
        """The checklist panel, in the right-hand tab group (hidden until it is opened)."""
        self.checklist_panel = None
        if self.store is None:
            return
        panel = ChecklistPanel(self.pack, self.store, self.data_guard, self.content_language)
        self.checklist_panel = panel
        self.checklist_dock = QDockWidget(_("Indicators checklist"), self)
        self.checklist_dock.setObjectName("checklistDock")
        self.checklist_dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist_dock)
        self.tabifyDockWidget(self.search_dock, self.checklist_dock)
        self.checklist_dock.hide()
        self.search_dock.raise_()
        settings = self.settings
        if settings.checklist_id:
            panel.choose(settings.checklist_id)
        if settings.checklist_second_language in self.pack.languages:
            panel.set_second_language(settings.checklist_second_language)
        panel.shownChanged.connect(self._remember_checklist)
        self._contents_stepped_aside = False
        self.checklist_dock.visibilityChanged.connect(self._on_checklist_visibility)

    def _on_checklist_visibility(self, visible: bool) -> None:
        """The contents that stepped aside for the checklist come back when it closes."""
        if not visible and self._contents_stepped_aside and not self.checklist_dock.isVisible():
            self._contents_stepped_aside = False
            self.toc_dock.show()

    def _remember_checklist(self) -> None:
        """Keep which checklist and second language were shown, for the next start."""
        panel = self.checklist_panel
        if panel is None:
            return
        chosen = panel.checklist.id if panel.checklist is not None else ""
        second = panel.second_lang or ""
        settings = self.settings
        if (settings.checklist_id, settings.checklist_second_language) != (chosen, second):
            settings.checklist_id = chosen
            settings.checklist_second_language = second
            self.settingsChanged.emit()

    def show_checklist(self) -> None:
        panel = self.checklist_panel
        if panel is None:
            return
        if not self.checklist_dock.isVisible():
            panel.set_language(self.content_language)
            panel.refresh()  # another window or copy of the app may have changed the file
        if self.width() < ROOMY_WIDTH and self.toc_dock.isVisible():
            self.toc_dock.hide()
            self._contents_stepped_aside = True
        self.checklist_dock.show()
        self.checklist_dock.raise_()
        wide = int(self.width() * CHECKLIST_WIDTH)
        if self.checklist_dock.width() < wide:
            self.resizeDocks([self.checklist_dock], [wide], Qt.Orientation.Horizontal)
        panel.filter_field.setFocus()

    def checklist_for_print(self) -> tuple[Marks | None, str]:
        """The checklist chosen in the panel, with what was typed last; blank when none is."""
        panel = self.checklist_panel
        if panel is None or panel.checklist is None:
            return None, ""
        panel.save_note()  # the panel keeps its copy up to date with every tick and note
        checklist = panel.checklist
        return checklist.marks(), checklist.name

    def _save_checklist_note(self) -> None:
        if self.checklist_panel is not None:
            self.checklist_panel.save_note()

    def _refresh_checklists(self) -> None:
        if self.checklist_panel is not None:
            self.checklist_panel.refresh()
