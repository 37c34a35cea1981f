"""What every part of the main window can rely on: its widgets, signals and shared helpers.

The main window is assembled from mixins (navigation, search, user data, window state), each in
its own module. They all derive from :class:`WindowBase`, which declares the attributes that
``MainWindow.__init__`` creates and the few methods one part calls on another, so each part is
type-checked on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMainWindow, QProgressBar

from reader.content.country_records import CountryRecord
from reader.content.model import Pack, Problem
from reader.history import History
from reader.settings import Settings

if TYPE_CHECKING:
    from reader.ui.bookmarks_panel import BookmarksPanel
    from reader.ui.calendar_panel import CalendarPanel
    from reader.ui.data_guard import DataGuard
    from reader.ui.data_problem_bar import DataProblemBar
    from reader.ui.find_bar import FindBar
    from reader.ui.note_editor import NoteEditor
    from reader.ui.reader_view import ReaderView
    from reader.ui.search_panel import SearchPanel
    from reader.ui.search_service import SearchService
    from reader.ui.toc_panel import TocPanel
    from reader.userdata import UserStore


class WindowBase(QMainWindow):
    sectionOpened = Signal(str, str)  # section id, language
    uiLanguageChangeRequested = Signal(str)
    settingsChanged = Signal()
    # Signals must be declared here: PySide6 ignores those of the mixins. 1 installed, 0 not.
    packImportFinished = Signal(int)  # an import ended; its message box is open (pack_import.py)

    # Created by MainWindow.__init__ ------------------------------------------------------------
    pack: Pack
    settings: Settings
    problems: list[Problem]
    history: History
    content_language: str
    current_section: str | None
    store: UserStore | None
    search: SearchService | None
    view: ReaderView
    find_bar: FindBar
    language_notice: QLabel
    data_notice: QLabel
    data_guard: DataGuard
    data_problem_bar: DataProblemBar
    problem_label: QLabel
    index_progress: QProgressBar
    language_box: QComboBox
    toc: TocPanel
    toc_dock: QDockWidget
    search_panel: SearchPanel
    search_dock: QDockWidget
    note_editor: NoteEditor | None
    bookmarks_panel: BookmarksPanel | None
    bookmarks_dock: QDockWidget
    calendar_panel: CalendarPanel | None
    calendar_dock: QDockWidget
    content_language_group: QActionGroup
    _save_timer: QTimer

    # Created from the action registry (reader.ui.window.actions) ------------------------------
    back_action: QAction
    forward_action: QAction
    previous_action: QAction
    next_action: QAction
    zoom_in_action: QAction
    zoom_out_action: QAction
    zoom_reset_action: QAction
    find_action: QAction
    search_action: QAction
    next_hit_action: QAction
    previous_hit_action: QAction
    home_action: QAction
    bookmark_action: QAction
    calendar_action: QAction
    bookmarks_action: QAction
    rebuild_index_action: QAction
    export_ics_action: QAction
    import_ics_action: QAction
    export_data_action: QAction
    import_data_action: QAction
    copy_link_action: QAction
    toc_action: QAction
    full_screen_action: QAction
    problems_action: QAction
    about_action: QAction
    quit_action: QAction

    # Shared helpers -------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _schedule_save(self) -> None:
        self._save_timer.start()

    # Implemented by the parts ---------------------------------------------------------------
    def open_section(self, section_id: str, lang: str | None = None, record: bool = True) -> bool:
        raise NotImplementedError

    def _show_home(self, record: bool) -> None:
        raise NotImplementedError

    def _refresh_start_page(self) -> None:
        raise NotImplementedError

    def _on_start_link(self, url: QUrl) -> None:
        raise NotImplementedError

    def _switch_language(self, lang: str) -> None:
        raise NotImplementedError

    def my_country(self) -> str:
        raise NotImplementedError

    def country_record(self) -> CountryRecord | None:
        raise NotImplementedError

    def _sync_user_data(self, section_id: str | None) -> None:
        raise NotImplementedError

    def show_error(self, title: str, text: str) -> None:
        raise NotImplementedError

    def fit_panel(self, dock: QDockWidget) -> None:
        raise NotImplementedError

    def _save_checklist_note(self) -> None:
        raise NotImplementedError

    def _refresh_checklists(self) -> None:
        raise NotImplementedError
