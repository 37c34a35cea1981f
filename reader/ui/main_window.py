"""The main window: a thin shell that creates the panels and wires them together.

What the window does is in reader/ui/window/, one module per concern: the action registry
(actions.py), navigation, content languages, search, user data and the view state. This module
builds the panels and docks, connects their signals, and handles closing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.content.model import Pack, Problem
from reader.history import History
from reader.i18n import _, ngettext
from reader.settings import Settings
from reader.ui.about_dialog import show_about
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
from reader.ui.window.actions import build_menus, build_toolbar, create_actions
from reader.ui.window.card_printing import CardPrintingMixin
from reader.ui.window.checklists import ChecklistMixin
from reader.ui.window.country import CountryMixin
from reader.ui.window.editions import EditionsMixin
from reader.ui.window.languages import LanguagesMixin, language_label
from reader.ui.window.navigation import NavigationMixin, make_link, parse_link
from reader.ui.window.pack_import import PackImportMixin
from reader.ui.window.person_cards import PersonCardsMixin
from reader.ui.window.presenting import PresentingMixin
from reader.ui.window.printing import PrintingMixin
from reader.ui.window.reading_layout import ReadingLayoutMixin
from reader.ui.window.searching import SearchMixin
from reader.ui.window.start_page import StartPageMixin
from reader.ui.window.tab_order import TabOrderMixin
from reader.ui.window.text_size import TextSizeMixin
from reader.ui.window.theming import ThemeMixin
from reader.ui.window.user_data import UserDataMixin
from reader.ui.window.view_state import ViewStateMixin
from reader.userdata import UserStore

__all__ = ["MainWindow", "language_label", "make_link", "parse_link"]


class MainWindow(
    NavigationMixin,
    LanguagesMixin,
    SearchMixin,
    UserDataMixin,
    ViewStateMixin,
    ChecklistMixin,
    PresentingMixin,
    EditionsMixin,
    PackImportMixin,
    PrintingMixin,
    CardPrintingMixin,
    ThemeMixin,
    ReadingLayoutMixin,
    StartPageMixin,
    TextSizeMixin,
    TabOrderMixin,
    CountryMixin,
    PersonCardsMixin,
):
    def __init__(
        self,
        pack: Pack,
        settings: Settings,
        problems: list[Problem] | None = None,
        style_sheet: str = "",
        search: SearchService | None = None,
        store: UserStore | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.pack = pack
        self.settings = settings
        self.problems = problems if problems is not None else list(pack.problems)
        self.history = History.restore(settings.history)
        self.content_language = self._initial_content_language()
        self.current_section: str | None = None
        self.setWindowTitle(APP_NAME)

        self.view = ReaderView(pack.root, style_sheet)
        self.view.linkActivated.connect(self._on_link)
        self.find_bar = FindBar(self.view)
        self.find_bar.hide()
        self.language_notice = QLabel()
        self.language_notice.setObjectName("languageNotice")
        self.language_notice.setWordWrap(True)
        self.language_notice.linkActivated.connect(self._on_notice_link)
        self.language_notice.hide()
        self.data_notice = QLabel()
        self.data_notice.setObjectName("dataNotice")
        self.data_notice.setWordWrap(True)
        self.data_notice.hide()
        self.store = store
        # Every read and write of the user's data goes through the guard; its problem bar says
        # when one fails and keeps what was typed (see reader/ui/data_guard.py).
        self.data_guard = DataGuard(self)
        self.data_guard.recovered.connect(self._user_data_changed)
        self.data_problem_bar = DataProblemBar(self.data_guard)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.language_notice)
        page_layout.addWidget(self.view, 1)
        page_layout.addWidget(self.find_bar)
        self.note_editor: NoteEditor | None = None
        if store is not None:  # the note strip under the page (reading_layout.py)
            self.note_editor = NoteEditor(store, self.data_guard)
            page_layout.addWidget(self.note_editor)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.data_notice)
        layout.addWidget(self.data_problem_bar)
        layout.addWidget(page, 1)
        self.setCentralWidget(central)

        self.toc = TocPanel()
        self.toc.sectionRequested.connect(self.open_section)
        self.toc_dock = QDockWidget(_("Contents"), self)
        self.toc_dock.setObjectName("contentsDock")
        self.toc_dock.setWidget(self.toc)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.toc_dock)

        self.search = search
        self.search_panel = SearchPanel(pack)
        self.search_panel.searchRequested.connect(self._on_search_requested)
        self.search_panel.hitActivated.connect(self.open_hit)
        self.search_panel.closeRequested.connect(self.close_search)
        self.search_dock = QDockWidget(_("Search"), self)
        self.search_dock.setObjectName("searchDock")
        self.search_dock.setWidget(self.search_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.bookmarks_panel: BookmarksPanel | None = None
        self.calendar_panel: CalendarPanel | None = None
        if store is not None:
            self.bookmarks_panel = BookmarksPanel(
                pack, store, self.data_guard, self.content_language
            )
            self.bookmarks_panel.sectionRequested.connect(self.open_section)
            self.bookmarks_panel.eventRequested.connect(self.show_event)
            self.bookmarks_panel.dataChanged.connect(self._user_data_changed)
            self.bookmarks_dock = QDockWidget(_("Bookmarks"), self)
            self.bookmarks_dock.setObjectName("bookmarksDock")
            self.bookmarks_dock.setWidget(self.bookmarks_panel)
            # Below the contents rather than tabbed with them: Qt 6.11 leaves a stray, visible
            # copy of the tab bar of a second tabbed dock group (seen offscreen and in PNGs).
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.bookmarks_dock)
            self.calendar_panel = CalendarPanel(pack, store, self.data_guard, self.content_language)
            self.calendar_panel.sectionRequested.connect(self.open_section)
            self.calendar_panel.dataChanged.connect(self._user_data_changed)
            self.calendar_panel.message.connect(self._status)
            self.calendar_dock = QDockWidget(_("Calendar"), self)
            self.calendar_dock.setObjectName("calendarDock")
            self.calendar_dock.setWidget(self.calendar_panel)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.calendar_dock)
            self.tabifyDockWidget(self.search_dock, self.calendar_dock)
            self.search_dock.raise_()
            if self.note_editor is not None:
                self.note_editor.saved.connect(lambda _sid: self._refresh_bookmarks())
        self._build_checklist_dock()
        self.index_progress = QProgressBar()
        self.index_progress.setMaximumWidth(180)
        self.index_progress.hide()
        if search is not None:
            search.progress.connect(self._on_index_progress)
            search.ready.connect(self._on_search_ready)
            search.results.connect(self._on_search_results)
            if search.is_ready:
                self.search_panel.set_ready(True, "")
        else:
            self.search_panel.set_ready(False, _("no search index"))

        self.language_box = QComboBox()
        self.language_box.setObjectName("contentLanguage")
        self.language_box.setAccessibleName(_("Content language"))
        self.language_box.setToolTip(_("Language of the handbook"))
        for code in pack.languages:
            self.language_box.addItem(language_label(code), code)
        self.language_box.currentIndexChanged.connect(self._on_language_box)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.settingsChanged.emit)

        self._init_country()
        actions = create_actions(self)
        build_menus(self, actions)
        self.toolbar = build_toolbar(self, actions)
        self._style_toolbar()
        self._init_reading_layout()
        self.problem_label = QLabel()
        self.statusBar().addPermanentWidget(self.index_progress)
        self.statusBar().addPermanentWidget(self.problem_label)
        self._show_problem_count()

        self.view.apply_zoom(settings.zoom_percent)
        self._restore_geometry()
        self._select_language_box(self.content_language)
        self.toc.populate(pack, self.content_language)
        self.search_panel.set_language(self.content_language)
        self._init_theme()
        self._init_start_page()
        self._init_text_size()
        self._init_tab_order()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def show_find(self) -> None:
        self.find_bar.open_bar()

    def show_about(self) -> None:
        show_about(self, self.pack, self.content_language)

    def show_problems(self) -> None:
        if not self.problems:
            text = _("No problems were found in the content pack.")
        else:
            text = "\n".join(str(problem) for problem in self.problems[:50])
        QMessageBox.information(self, _("Content problems"), text)

    def _show_problem_count(self) -> None:
        count = len(self.problems)
        self.problem_label.setText(
            ngettext(
                "{count} problem in the content", "{count} problems in the content", count
            ).format(count=count)
            if count
            else ""
        )
        self.problems_action.setEnabled(bool(count))

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window state is saved whatever happens to the note; a note that cannot be saved
        # is offered to a file before the window goes.
        self.store_state()
        if self.note_editor is not None:
            self.note_editor.save()
        self._save_checklist_note()
        if self.data_guard.unsaved and not self.confirm_unsaved_close():
            event.ignore()
            self.settingsChanged.emit()
            return
        if self.presentation is not None:
            self.presentation.close()
        self.close_person_cards()
        self._save_timer.stop()
        self.settingsChanged.emit()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)

    def confirm_unsaved_close(self) -> bool:
        """Text that could not be saved: save it to a file, close anyway, or stay (False)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Your note is not saved"))
        box.setText(
            _(
                "A note could not be saved to your data file. Save its text to a file before"
                " closing, so that it is not lost?"
            )
        )
        box.setInformativeText(
            self.data_guard.last_failure.reason if self.data_guard.last_failure else ""
        )
        save = box.addButton(_("Save text to a file…"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return self.data_problem_bar.choose_file()
        return clicked is discard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The mouse's back and forward buttons work anywhere in the window."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            widget = watched if isinstance(watched, QWidget) else None
            if widget is not None and widget.window() is self:
                if event.button() == Qt.MouseButton.BackButton:
                    self.go_back()
                    return True
                if event.button() == Qt.MouseButton.ForwardButton:
                    self.go_forward()
                    return True
        return super().eventFilter(watched, event)
