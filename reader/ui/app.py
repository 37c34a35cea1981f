"""Start the application: QApplication, translations, the pack, settings and the main window."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox

from reader import i18n, paths
from reader.content.loader import load_pack
from reader.content.model import Pack
from reader.packs.selection import choose_pack
from reader.settings import Settings, SettingsStore
from reader.ui import crash_handler, first_paint
from reader.ui.home_page import HOME_ID
from reader.ui.main_window import MainWindow, parse_link
from reader.ui.qt_app import ensure_application
from reader.ui.search_service import SearchService
from reader.userdata import UserDataError, UserStore, default_store_path

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"
FIRST_PAGE_DELAY_MS = 1500  # how long a page stays open before it becomes the early page


@dataclass
class LaunchOptions:
    pack_dir: Path
    content_language: str | None = None
    ui_language: str | None = None
    open_section: str | None = None
    present_section: str | None = None  # --present: start presenting this section
    portable: bool = False
    shipped_index: Path | None = None
    #: Open an imported edition from the user data folder when usable (no --pack given).
    installed_packs: bool = False


def system_ui_language() -> str:
    """The first of the system's preferred languages that the app has, else English."""
    return i18n.pick_language(QLocale.system().uiLanguages(), i18n.UI_LANGUAGES)


def app_icon() -> QIcon:
    """The app icon (resources/strom-reader.png, drawn by build_scripts/make_icon.py)."""
    return QIcon(str(paths.resources_dir() / "strom-reader.png"))


def style_sheet() -> str:
    path = paths.resources_dir() / "reader.css"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


class LaunchError(Exception):
    """A start option that cannot be followed (e.g. --present with an unknown section)."""


class Application:
    """Owns the settings and the window; rebuilds the window when the UI language changes."""

    def __init__(self, options: LaunchOptions) -> None:
        self.options = options
        self.qt_app = ensure_application()
        self.qt_app.setWindowIcon(app_icon())
        self.folders = paths.user_folders(options.portable).ensure()
        self.settings_store = SettingsStore(self.folders.config / SETTINGS_FILE)
        self.settings: Settings = self.settings_store.load()
        if options.ui_language:
            self.settings.ui_language = i18n.normalize(options.ui_language)
        if not self.settings.ui_language:
            self.settings.ui_language = system_ui_language()
        if options.content_language:
            self.settings.content_language = options.content_language
        self.pack_notice = ""  # why an installed edition is not used
        if options.installed_packs:
            choice = choose_pack(self.folders, options.pack_dir)
            self.pack: Pack = choice.pack
            self.pack_notice = choice.notice
            if choice.installed:
                options.shipped_index = choice.index
        else:
            self.pack = load_pack(options.pack_dir)
        for problem in self.pack.problems:
            log.warning("%s", problem)
        self._qt_translator: QTranslator | None = None
        self.window: MainWindow | None = None
        self.search: SearchService | None = None
        self.store: UserStore | None = None
        self.store_error = ""  # why the user data could not be opened, in the UI language
        i18n.install(self.settings.ui_language)  # the store's messages speak the UI language
        try:
            self.store = UserStore(default_store_path(self.folders))
        except (OSError, UserDataError) as exc:  # e.g. a read-only data folder
            log.error("user data cannot be opened: %s", exc)
            self.store_error = str(exc)
        self.qt_app.aboutToQuit.connect(self.shutdown)
        self._first_page_timer = QTimer(singleShot=True, interval=FIRST_PAGE_DELAY_MS)
        self._first_page_timer.timeout.connect(self.save_first_page)

    def install_translations(self) -> None:
        lang = self.settings.ui_language
        i18n.install(lang)
        if self._qt_translator is not None:
            self.qt_app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        translator = QTranslator(self.qt_app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if lang != "en" and translator.load(f"qtbase_{lang}", folder):
            self.qt_app.installTranslator(translator)
            self._qt_translator = translator

    def build_window(self, start_search: bool = True) -> MainWindow:
        """The window; with ``start_search`` False the caller starts the search service later
        (:meth:`start` does so after the first page: its thread imports Whoosh)."""
        self.install_translations()
        if self.search is None and self.pack.manifest is not None:
            first = (self.settings.content_language, self.settings.ui_language)
            self.search = SearchService(
                self.pack,
                self.folders.cache,
                self.options.shipped_index,
                (*first, self.pack.source_language),
            )
        if start_search and self.search is not None:
            self.search.start()
        window = MainWindow(
            self.pack,
            self.settings,
            style_sheet=style_sheet(),
            search=self.search,
            store=self.store,
        )
        notice = self._data_notice()
        if notice:
            window.show_data_notice(notice)
        window.set_edition_files(self.folders.cache)
        if self.pack_notice:
            window.statusBar().showMessage(self.pack_notice)
        window.user_folders = self.folders  # where File > Import content pack installs
        window.settingsChanged.connect(self.save_settings)
        window.uiLanguageChangeRequested.connect(self.change_ui_language)
        # The early page of the next start follows the page read, once the reader stays on it
        # (so it is there after a crash or a kill too, not only after a clean close).
        window.sectionOpened.connect(lambda *_: self._first_page_timer.start())
        self.window = window
        return window

    def start(self) -> MainWindow:
        present_lang, present = (None, None)
        if self.options.present_section:
            present_lang, present = parse_link(self.options.present_section)
            if self.pack.chapter_of(present) is None:
                raise LaunchError(
                    f"--present: there is no section {present!r} in the handbook at"
                    f" {self.options.pack_dir}"
                    " (File > Copy link to this section shows a section's id)"
                )
        window = self.build_window(start_search=False)
        window.show()
        lang, section = (present_lang, present)
        if self.options.open_section and not present:
            lang, section = parse_link(self.options.open_section)
        if not (section and window.open_section(section, lang or self.options.content_language)):
            window.open_start()
        first_paint.hand_over(window)  # the early page of the last session, if one was shown
        # After the first page is painted: the search index, and has the handbook changed?
        if self.search is not None:
            QTimer.singleShot(0, self.search.start)
        QTimer.singleShot(0, window.check_new_edition)
        if self.pack.manifest is None:
            QMessageBox.critical(
                window,
                i18n._("The handbook could not be opened"),
                "\n".join(str(p) for p in self.pack.problems[:10]),
            )
        if present:
            window.start_presentation(present)
        return window

    def change_ui_language(self, lang: str) -> None:
        """Rebuild the window in the new language, on the same section and with the same state."""
        old = self.window
        if old is None or lang == self.settings.ui_language:
            return
        old.store_state()
        self.settings.ui_language = lang
        self.save_settings()
        section = old.current_section
        old.settingsChanged.disconnect(self.save_settings)
        old.close()
        old.deleteLater()
        window = self.build_window()
        window.show()
        if section:
            window.open_section(section, record=False)
        else:
            window.open_start()

    def _data_notice(self) -> str:
        """What the user must know about their data file at start, or "" if all is well."""
        if self.store is None:
            return i18n._(
                "Your bookmarks, notes and own events cannot be opened, so nothing you mark or"
                " write now can be saved. The handbook and search work as usual. Reason: {reason}"
            ).format(reason=self.store_error)
        if self.store.open_report.recovered_from is not None:
            return self.store.open_report.message  # how much was recovered, where the old file is
        return ""

    def shutdown(self) -> None:
        """Stop the search thread (it may be building the index) and close the user data."""
        self._first_page_timer.stop()
        if self.search is not None:
            self.search.stop()
            self.search = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def save_first_page(self) -> None:
        """Keep the page the next start opens, for :mod:`reader.ui.first_paint` (or forget it)."""
        path = first_paint.snapshot_path(self.folders.cache)
        window = self.window
        if (
            window is None
            or not window.current_section
            or not paths.early_cache_is_right(self.folders)
        ):
            first_paint.forget_snapshot(path)  # also: a cache the early page would not look in
            return
        if (
            window.current_section == HOME_ID
            and self.settings.last_section in self.pack.section_order()
        ):
            first_paint.forget_snapshot(path)  # the next start opens the last section, not this
            return
        first_paint.write_snapshot(path, *first_paint.snapshot_of(window))

    def save_settings(self) -> None:
        try:
            self.settings_store.save(self.settings)
        except OSError as exc:
            log.error("cannot save settings to %s: %s", self.settings_store.path, exc)


def run(options: LaunchOptions) -> int:
    application = Application(options)
    crash_handler.install(application.folders.data / "logs")
    try:
        application.start()
    except LaunchError:
        application.shutdown()
        raise
    code = application.qt_app.exec()
    application.shutdown()
    application.save_settings()
    application.save_first_page()
    return int(code)
