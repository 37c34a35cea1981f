"""The main window: the one place that wires the panels together."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.content.model import Pack, Problem
from reader.content.pages import neighbours, render_page
from reader.content.render import INTERNAL_SCHEME
from reader.history import History
from reader.i18n import (
    UI_LANGUAGES,
    _,
    language_in_sentence,
    language_name,
    native_language_name,
    ngettext,
)
from reader.search.engine import Hit, SearchResults
from reader.settings import ZOOM_DEFAULT, ZOOM_MAX, ZOOM_MIN, Settings
from reader.ui.about_dialog import show_about
from reader.ui.bookmarks_panel import BookmarksPanel
from reader.ui.calendar_panel import CalendarPanel
from reader.ui.find_bar import FindBar
from reader.ui.home_page import HOME_ID, home_html
from reader.ui.note_editor import NoteEditor
from reader.ui.reader_view import ReaderView
from reader.ui.search_panel import SearchPanel
from reader.ui.search_service import SearchService
from reader.ui.toc_panel import TocPanel
from reader.userdata import ImportSummary, UserDataError, UserStore

ZOOM_STEP = 10
LINK_PREFIX = "strom:"


def make_link(lang: str, section_id: str) -> str:
    """A short reference to a section that ``strom-reader --open`` understands."""
    return f"{LINK_PREFIX}{lang}/{section_id}"


def parse_link(text: str) -> tuple[str | None, str]:
    """``strom:lv/definition-means`` -> ("lv", "definition-means"); a bare id -> (None, id)."""
    text = text.strip()
    if text.startswith(LINK_PREFIX):
        lang, _sep, section_id = text[len(LINK_PREFIX) :].partition("/")
        return (lang or None), section_id
    return None, text


def language_label(code: str) -> str:
    """A language as its speakers write it, with the UI language's name where that differs."""
    native = native_language_name(code)
    local = language_name(code)
    return native if native == local else f"{native} \u2014 {local}"


class MainWindow(QMainWindow):
    sectionOpened = Signal(str, str)  # section id, language
    uiLanguageChangeRequested = Signal(str)
    settingsChanged = Signal()

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
        self.language_notice.setStyleSheet("background:#fff4d6; padding:6px;")
        self.language_notice.linkActivated.connect(self._on_notice_link)
        self.language_notice.hide()
        self.data_notice = QLabel()
        self.data_notice.setObjectName("dataNotice")
        self.data_notice.setWordWrap(True)
        self.data_notice.setStyleSheet("background:#fde2e1; padding:6px;")
        self.data_notice.hide()
        self.store = store
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.language_notice)
        page_layout.addWidget(self.view)
        page_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(page)
        self.note_editor: NoteEditor | None = None
        if store is not None:
            self.note_editor = NoteEditor(store)
            self.splitter.addWidget(self.note_editor)
            self.splitter.setStretchFactor(0, 5)
            self.splitter.setStretchFactor(1, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.data_notice)
        layout.addWidget(self.splitter)
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
        self.search_panel.closeRequested.connect(self.view.setFocus)
        self.search_dock = QDockWidget(_("Search"), self)
        self.search_dock.setObjectName("searchDock")
        self.search_dock.setWidget(self.search_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.bookmarks_panel: BookmarksPanel | None = None
        self.calendar_panel: CalendarPanel | None = None
        if store is not None:
            self.bookmarks_panel = BookmarksPanel(pack, store, self.content_language)
            self.bookmarks_panel.sectionRequested.connect(self.open_section)
            self.bookmarks_panel.eventRequested.connect(self.show_event)
            self.bookmarks_panel.dataChanged.connect(self._user_data_changed)
            self.bookmarks_dock = QDockWidget(_("Bookmarks"), self)
            self.bookmarks_dock.setObjectName("bookmarksDock")
            self.bookmarks_dock.setWidget(self.bookmarks_panel)
            # Below the contents rather than tabbed with them: Qt 6.11 leaves a stray, visible
            # copy of the tab bar of a second tabbed dock group (seen offscreen and in PNGs).
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.bookmarks_dock)
            self.calendar_panel = CalendarPanel(pack, store, self.content_language)
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

        self._build_actions()
        self._build_menus_and_toolbar()
        self.problem_label = QLabel()
        self.statusBar().addPermanentWidget(self.index_progress)
        self.statusBar().addPermanentWidget(self.problem_label)
        self._show_problem_count()

        self.view.apply_zoom(settings.zoom_percent)
        self._restore_geometry()
        self._select_language_box(self.content_language)
        self.toc.populate(pack, self.content_language)
        self.search_panel.set_language(self.content_language)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    # Setup ------------------------------------------------------------------------------------
    def _initial_content_language(self) -> str:
        langs = self.pack.languages
        for candidate in (
            self.settings.content_language,
            self.settings.ui_language,
            self.pack.source_language,
        ):
            if candidate in langs:
                return candidate
        return langs[0] if langs else self.pack.source_language

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence] | None = None,
        name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
        if name:
            action.setObjectName(name)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.back_action = self._action(
            _("Back"), self.go_back, [key(key.StandardKey.Back)], "back", _("Go back (Alt+Left)")
        )
        self.forward_action = self._action(
            _("Forward"),
            self.go_forward,
            [key(key.StandardKey.Forward)],
            "forward",
            _("Go forward (Alt+Right)"),
        )
        self.previous_action = self._action(
            _("Previous section"),
            self.previous_section,
            [key("Ctrl+PgUp")],
            "previousSection",
            _("Previous section (Ctrl+Page Up)"),
        )
        self.next_action = self._action(
            _("Next section"),
            self.next_section,
            [key("Ctrl+PgDown")],
            "nextSection",
            _("Next section (Ctrl+Page Down)"),
        )
        self.zoom_in_action = self._action(
            _("Zoom in"),
            self.zoom_in,
            [key(key.StandardKey.ZoomIn), key("Ctrl+=")],
            "zoomIn",
            _("Larger text (Ctrl++)"),
        )
        self.zoom_out_action = self._action(
            _("Zoom out"),
            self.zoom_out,
            [key(key.StandardKey.ZoomOut)],
            "zoomOut",
            _("Smaller text (Ctrl+-)"),
        )
        self.zoom_reset_action = self._action(
            _("Actual size"), self.zoom_reset, [key("Ctrl+0")], "zoomReset", _("Normal text size")
        )
        self.find_action = self._action(
            _("Find in page…"),
            self.show_find,
            [key(key.StandardKey.Find)],
            "find",
            _("Find in this page"),
        )
        self.search_action = self._action(
            _("Search…"),
            self.show_search,
            [key("Ctrl+K"), key("Ctrl+Shift+F")],
            "search",
            _("Search the handbook (Ctrl+K)"),
        )
        self.next_hit_action = self._action(
            _("Next highlight"), self.next_highlight, [key("F3")], "nextHit"
        )
        self.previous_hit_action = self._action(
            _("Previous highlight"), self.previous_highlight, [key("Shift+F3")], "previousHit"
        )
        self.home_action = self._action(
            _("Home"), self.go_home, [key("Alt+Home")], "home", _("Start page (Alt+Home)")
        )
        self.bookmark_action = self._action(
            _("Bookmark this section"),
            self.toggle_section_bookmark,
            [key("Ctrl+D")],
            "bookmarkSection",
            _("Star this section (Ctrl+D)"),
        )
        self.bookmark_action.setCheckable(True)
        self.bookmark_action.setIconText(_("☆ Bookmark"))
        self.calendar_action = self._action(
            _("Calendar"), self.show_calendar, [key("Ctrl+Shift+E")], "calendar"
        )
        self.bookmarks_action = self._action(
            _("Bookmarks and notes"), self.show_bookmarks, [key("Ctrl+B")], "bookmarks"
        )
        self.rebuild_index_action = self._action(
            _("Rebuild search index"), self.rebuild_search_index, name="rebuildIndex"
        )
        self.rebuild_index_action.setEnabled(self.search is not None)
        self.export_ics_action = self._action(_("Export calendar (.ics)…"), self._export_ics)
        self.import_ics_action = self._action(_("Import calendar (.ics)…"), self._import_ics)
        self.export_data_action = self._action(_("Export my data…"), self.choose_export_data)
        self.import_data_action = self._action(_("Import my data…"), self.choose_import_data)
        for action in (
            self.bookmark_action,
            self.calendar_action,
            self.bookmarks_action,
            self.export_ics_action,
            self.import_ics_action,
            self.export_data_action,
            self.import_data_action,
        ):
            action.setEnabled(self.store is not None)
        self.copy_link_action = self._action(
            _("Copy link to this section"), self.copy_link, [key("Ctrl+Shift+L")], "copyLink"
        )
        self.toc_action = self.toc_dock.toggleViewAction()
        self.toc_action.setText(_("Contents"))
        self.toc_action.setShortcut(key("Ctrl+T"))
        self.full_screen_action = self._action(
            _("Full screen"), self.toggle_full_screen, [key(key.StandardKey.FullScreen), key("F11")]
        )
        self.full_screen_action.setCheckable(True)
        self.problems_action = self._action(_("Content problems…"), self.show_problems)
        self.about_action = self._action(_("About {app}").format(app=APP_NAME), self.show_about)
        self.quit_action = self._action(_("Quit"), self.close, [key(key.StandardKey.Quit)], "quit")

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self.copy_link_action)
        file_menu.addSeparator()
        for action in (
            self.export_ics_action,
            self.import_ics_action,
            self.export_data_action,
            self.import_data_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.rebuild_index_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go_menu = bar.addMenu(_("&Go"))
        for action in (self.home_action, self.back_action, self.forward_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        for action in (self.previous_action, self.next_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        for action in (
            self.bookmark_action,
            self.bookmarks_action,
            self.calendar_action,
            self.search_action,
            self.find_action,
            self.next_hit_action,
            self.previous_hit_action,
        ):
            go_menu.addAction(action)
        view_menu = bar.addMenu(_("&View"))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.toc_action)
        search_toggle = self.search_dock.toggleViewAction()
        search_toggle.setText(_("Search panel"))
        view_menu.addAction(search_toggle)
        view_menu.addAction(self.full_screen_action)
        view_menu.addSeparator()
        self.content_language_menu = view_menu.addMenu(_("Content language"))
        self.content_language_group = QActionGroup(self)
        for code in self.pack.languages:
            action = self.content_language_menu.addAction(language_label(code))
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == self.content_language)
            action.triggered.connect(lambda _checked=False, c=code: self.set_content_language(c))
            self.content_language_group.addAction(action)
        self.ui_language_menu = view_menu.addMenu(_("Interface language"))
        ui_group = QActionGroup(self)
        current_ui = self.settings.ui_language or "en"
        for code in UI_LANGUAGES:
            action = self.ui_language_menu.addAction(language_label(code))
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == current_ui)
            action.triggered.connect(
                lambda _checked=False, c=code: self.uiLanguageChangeRequested.emit(c)
            )
            ui_group.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.problems_action)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(_("Navigation"))
        toolbar.setObjectName("navigationToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.home_action,
            self.back_action,
            self.forward_action,
            self.previous_action,
            self.next_action,
        ):
            toolbar.addAction(action)
        toolbar.addAction(self.bookmark_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.language_box)
        toolbar.addSeparator()
        for action in (
            self.zoom_out_action,
            self.zoom_in_action,
            self.find_action,
            self.search_action,
            self.calendar_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    # Navigation -------------------------------------------------------------------------------
    def open_section(self, section_id: str, lang: str | None = None, record: bool = True) -> bool:
        """Show ``section_id`` (in ``lang`` if given); returns whether the pack knows the id."""
        if lang and lang != self.content_language and lang in self.pack.languages:
            self._switch_language(lang)
        if section_id == HOME_ID:
            self._show_home(record)
            return True
        if self.pack.chapter_of(section_id) is None:
            self.statusBar().showMessage(
                _("There is no section “{section}” in this handbook.").format(section=section_id),
                8000,
            )
            return False
        page = render_page(self.pack, self.content_language, section_id)
        self.view.show_page(page.html)
        self.language_notice.hide()
        self.current_section = section_id
        if record:
            self.history.visit(section_id)
        self.toc.select(section_id)
        self._sync_user_data(section_id)
        self.setWindowTitle(f"{page.title} \u2014 {APP_NAME}")
        self._update_navigation()
        self.find_bar.refresh()
        self.settings.last_section = section_id
        self.settings.history = self.history.entries()[-50:]
        self._schedule_save()
        self.sectionOpened.emit(section_id, self.content_language)
        return True

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _show_home(self, record: bool) -> None:
        last = self.settings.last_section or None
        self.view.show_page(home_html(self.pack, self.store, self.content_language, last))
        self.language_notice.hide()
        self.current_section = HOME_ID
        if record:
            self.history.visit(HOME_ID)
        self.toc.clearSelection()
        self._sync_user_data(None)
        self.setWindowTitle(APP_NAME)
        self._update_navigation()
        self.sectionOpened.emit(HOME_ID, self.content_language)

    def go_home(self) -> None:
        self.open_section(HOME_ID)

    def _sync_user_data(self, section_id: str | None) -> None:
        """Bookmark star and note pane follow the page shown."""
        has_section = section_id is not None and self.store is not None
        self.bookmark_action.setEnabled(has_section)
        self._show_bookmark_state(
            bool(section_id and self.store and self.store.is_bookmarked("section", section_id))
        )
        if self.note_editor is not None:
            self.note_editor.setEnabled(section_id is not None)
            if section_id is not None:
                self.note_editor.show_section(section_id)

    def toggle_section_bookmark(self) -> None:
        section = self.current_section
        if self.store is None or not section or section == HOME_ID:
            return
        if self.store.is_bookmarked("section", section):
            self.store.remove_bookmark("section", section)
            self._status(_("Bookmark removed."))
        else:
            self.store.add_bookmark("section", section)
            self._status(_("Section bookmarked."))
        self._show_bookmark_state(self.store.is_bookmarked("section", section))
        self._refresh_bookmarks()

    def _show_bookmark_state(self, marked: bool) -> None:
        self.bookmark_action.setChecked(marked)
        self.bookmark_action.setIconText(_("★ Bookmarked") if marked else _("☆ Bookmark"))

    def _refresh_bookmarks(self) -> None:
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.refresh()

    def _user_data_changed(self) -> None:
        self._refresh_bookmarks()
        if self.calendar_panel is not None:
            self.calendar_panel.refresh()
        if self.current_section == HOME_ID:
            self._show_home(False)
        elif self.current_section and self.store is not None:
            self._show_bookmark_state(self.store.is_bookmarked("section", self.current_section))

    def show_calendar(self) -> None:
        if self.calendar_panel is not None:
            self.calendar_dock.show()
            self.calendar_dock.raise_()
            self.calendar_panel.agenda.setFocus()

    def show_bookmarks(self) -> None:
        if self.bookmarks_panel is not None:
            self.bookmarks_dock.show()
            self.bookmarks_dock.raise_()
            self.bookmarks_panel.filter_field.setFocus()

    def show_event(self, uid: str) -> None:
        if self.calendar_panel is not None:
            self.show_calendar()
            self.calendar_panel.show_event(uid)

    def _export_ics(self) -> None:
        if self.calendar_panel is not None:
            self.calendar_panel.choose_export()

    def _import_ics(self) -> None:
        if self.calendar_panel is not None:
            self.calendar_panel.choose_import()

    def export_data(self, path: Path) -> int | None:
        if self.store is None:
            return None
        if self.note_editor is not None:
            self.note_editor.save()
        try:
            count = self.store.export_json(path)
        except (OSError, UserDataError) as exc:
            self.show_error(_("Your data was not exported"), str(exc))
            return None
        self._status(
            ngettext(
                "{count} item exported to {file}", "{count} items exported to {file}", count
            ).format(count=count, file=path)
        )
        return count

    def import_data(self, path: Path) -> ImportSummary | None:
        if self.store is None:
            return None
        if self.note_editor is not None:
            self.note_editor.save()
        try:
            summary = self.store.import_json(path)
        except (OSError, UserDataError) as exc:
            self.show_error(_("Your data was not imported"), str(exc))
            return None
        self._status(
            _("Imported: {added} new, {updated} updated, {unchanged} already here.").format(
                added=summary.added, updated=summary.updated, unchanged=summary.unchanged
            )
        )
        self._user_data_changed()
        if self.current_section and self.current_section != HOME_ID:
            self._sync_user_data(self.current_section)
        return summary

    def choose_export_data(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export my data"), "strom-reader-data.json", _("Data files (*.json)")
        )
        if name:
            self.export_data(Path(name))

    def choose_import_data(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import my data"), "", _("Data files (*.json)")
        )
        if name:
            self.import_data(Path(name))

    def show_error(self, title: str, text: str) -> None:
        """Errors about files and data: a message box (tests replace this method)."""
        QMessageBox.warning(self, title, text)

    def show_data_notice(self, text: str) -> None:
        self.data_notice.setText(text)
        self.data_notice.show()

    def open_start(self) -> None:
        """Open the last section read, or the first one."""
        order = self.pack.section_order()
        target = self.settings.last_section if self.settings.last_section in order else None
        if target is None and order:
            target = order[0]
        if target is not None:
            self.open_section(target, record=self.history.current != target)
        else:
            self.view.show_page(self._empty_pack_html())

    def _empty_pack_html(self) -> str:
        lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in self.problems[:20])
        heading = html.escape(_("The handbook could not be opened"))
        intro = html.escape(_("These problems were found in the content pack:"))
        return f"<h1>{heading}</h1><p>{intro}</p><ul>{lines}</ul>"

    def go_back(self) -> None:
        target = self.history.back()
        if target is not None:
            self.open_section(target, record=False)

    def go_forward(self) -> None:
        target = self.history.forward()
        if target is not None:
            self.open_section(target, record=False)

    def previous_section(self) -> None:
        if self.current_section:
            before = neighbours(self.pack, self.current_section)[0]
            if before:
                self.open_section(before)

    def next_section(self) -> None:
        if self.current_section:
            after = neighbours(self.pack, self.current_section)[1]
            if after:
                self.open_section(after)

    def _update_navigation(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())
        before, after = (
            neighbours(self.pack, self.current_section)
            if self.current_section and self.current_section != HOME_ID
            else (None, None)
        )
        self.previous_action.setEnabled(before is not None)
        self.next_action.setEnabled(after is not None)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == INTERNAL_SCHEME:
            target = url.path()
            lang = parse_qs(url.query()).get("lang", [None])[0]
            if target.startswith("indicator-"):
                return
            self.open_section(target, lang)
            return
        address = url.toString()
        QGuiApplication.clipboard().setText(address.removeprefix("mailto:"))
        self.statusBar().showMessage(
            _(
                "{address} is outside the handbook and was not opened. "
                "The address is copied: paste it into your browser when you are online."
            ).format(address=address),
            10000,
        )

    # Languages --------------------------------------------------------------------------------
    def set_content_language(self, lang: str) -> None:
        """Show the handbook in ``lang`` and stay on the same section."""
        if lang not in self.pack.languages or lang == self.content_language:
            return
        self._switch_language(lang)
        if self.current_section:
            self.open_section(self.current_section, record=False)

    def _switch_language(self, lang: str) -> None:
        self.content_language = lang
        self.settings.content_language = lang
        self._select_language_box(lang)
        for action in self.content_language_group.actions():
            action.setChecked(action.data() == lang)
        self.toc.populate(self.pack, lang)
        self.search_panel.set_language(lang)
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.set_language(lang)
        if self.calendar_panel is not None:
            self.calendar_panel.set_language(lang)
        self._schedule_save()

    def _select_language_box(self, lang: str) -> None:
        index = self.language_box.findData(lang)
        if index >= 0 and index != self.language_box.currentIndex():
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(index)
            self.language_box.blockSignals(False)

    def _on_language_box(self, index: int) -> None:
        code = self.language_box.itemData(index)
        if isinstance(code, str):
            self.set_content_language(code)

    # Search -----------------------------------------------------------------------------------
    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_field()

    def _on_search_requested(self, text: str, scope: str, kind: str, chapter: str) -> None:
        if self.search is None:
            return
        langs = self.pack.languages if scope == "all" else [self.content_language]
        if not text.strip():
            self.search_panel.show_results(SearchResults(query=""), self.content_language)
            return
        self.search.search(text, langs, kind or None, chapter or None)

    def _on_search_results(self, number: int, results: object) -> None:
        if self.search is None or number != self.search.latest_request:
            return  # a newer search has been asked for; these results are stale
        assert isinstance(results, SearchResults)
        self.search_panel.show_results(results, self.content_language)

    def _on_index_progress(self, done: int, total: int, lang: str) -> None:
        self.index_progress.show()
        self.index_progress.setRange(0, max(total, 1))
        self.index_progress.setValue(done)
        self.index_progress.setToolTip(_("Preparing the search index"))
        self.search_panel.set_indexing(done, total, lang)

    def _on_search_ready(self, ok: int, message: str) -> None:
        self.index_progress.hide()
        self.search_panel.set_ready(ok, message)
        if ok and message:
            self.statusBar().showMessage(_("The search index was rebuilt."), 5000)

    def rebuild_search_index(self) -> None:
        """Build the index again in the background (the reader stays usable meanwhile)."""
        if self.search is not None:
            self.search_panel.set_indexing(0, len(self.pack.languages), "")
            self.search.rebuild()

    def open_hit(self, hit: object) -> None:
        """Open a search hit: its section, every hit word highlighted, the first one shown."""
        assert isinstance(hit, Hit)
        reader_lang = self.content_language
        self.open_section(hit.section_id, hit.lang)
        count = self.view.highlight_words(list(hit.matched_words))
        if hit.anchor:
            self.view.scrollToAnchor(hit.anchor)
        elif count:
            self.view.step_match(True)
        if hit.lang != reader_lang and self.pack.section(reader_lang, hit.section_id):
            text = html.escape(
                _("This result is in {language}.").format(language=language_in_sentence(hit.lang))
            )
            link_text = html.escape(
                _("Show this section in {language}").format(
                    language=language_in_sentence(reader_lang)
                )
            )
            link = f"section:{hit.section_id}?lang={reader_lang}"
            self.language_notice.setText(f'{text} <a href="{link}">{link_text}</a>')
            self.language_notice.show()

    def _on_notice_link(self, link: str) -> None:
        self._on_link(QUrl(link))

    def next_highlight(self) -> None:
        self.view.step_match(True)
        self.find_bar.sync_count()

    def previous_highlight(self) -> None:
        self.view.step_match(False)
        self.find_bar.sync_count()

    # Zoom -------------------------------------------------------------------------------------
    @property
    def zoom_percent(self) -> int:
        return self.view.zoom_percent

    def set_zoom(self, percent: int) -> None:
        percent = max(ZOOM_MIN, min(ZOOM_MAX, percent))
        self.view.apply_zoom(percent)
        self.settings.zoom_percent = percent
        self.zoom_in_action.setEnabled(percent < ZOOM_MAX)
        self.zoom_out_action.setEnabled(percent > ZOOM_MIN)
        self.statusBar().showMessage(_("Zoom: {percent} %").format(percent=percent), 2000)
        self._schedule_save()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_percent + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_percent - ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(ZOOM_DEFAULT)

    # Other commands ---------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.open_bar()

    def copy_link(self) -> str | None:
        if not self.current_section:
            return None
        link = make_link(self.content_language, self.current_section)
        QGuiApplication.clipboard().setText(link)
        self.statusBar().showMessage(_("Link copied: {link}").format(link=link), 5000)
        return link

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

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

    # State ------------------------------------------------------------------------------------
    def _schedule_save(self) -> None:
        self._save_timer.start()

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.settings.window_geometry)))
        else:
            self.resize(1100, 750)
        if self.settings.window_state:
            self.restoreState(QByteArray(base64.b64decode(self.settings.window_state)))

    def store_state(self) -> Settings:
        """Copy the window's state into the settings object and return it."""
        self.settings.window_geometry = base64.b64encode(self.saveGeometry().data()).decode()
        self.settings.window_state = base64.b64encode(self.saveState().data()).decode()
        self.settings.content_language = self.content_language
        self.settings.zoom_percent = self.zoom_percent
        if self.current_section and self.current_section != HOME_ID:
            self.settings.last_section = self.current_section
        self.settings.history = self.history.entries()[-50:]
        return self.settings

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.note_editor is not None:
            self.note_editor.save()
        self.store_state()
        self._save_timer.stop()
        self.settingsChanged.emit()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)

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
