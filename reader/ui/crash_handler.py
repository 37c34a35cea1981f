"""Errors nobody caught: logged to a file and shown in a short dialog, not lost on a console.

On Windows the windowed app has no console at all, so without this an error in a slot would
leave no trace. :func:`install` replaces ``sys.excepthook`` and ``threading.excepthook`` and
installs a Qt message handler (Qt's critical and fatal messages go to the crash log, the rest
to the normal log). The app keeps running after an error in a slot when it can.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reader.crash_log import write_crash_log
from reader.i18n import _

log = logging.getLogger(__name__)


class QtMessageError(Exception):
    """A critical or fatal message from Qt, logged like an uncaught error."""


def show_crash_dialog(parent: QWidget | None, log_path: Path | None) -> None:
    """Tell the user; tests replace this (``CrashHandler.show``)."""
    if log_path is not None:
        where = _("The details are in {file}. Please send this file to your IT support.").format(
            file=log_path
        )
    else:
        where = _("The details could not be written to a file.")
    QMessageBox.critical(
        parent,
        _("Something went wrong"),
        _("STROM Reader met an error it did not expect. It keeps running if it can.")
        + "\n\n"
        + where,
    )


class CrashHandler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.show: Callable[[QWidget | None, Path | None], None] = show_crash_dialog
        self.logs: list[Path | None] = []
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> CrashHandler:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        qInstallMessageHandler(self._qt_message)
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous
        qInstallMessageHandler(None)

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = write_crash_log(exc_type, exc, tb, folder=self.folder)
        self.logs.append(path)
        log.error("uncaught error, logged to %s", path, exc_info=(exc_type, exc, tb))
        if self._showing:  # an error while the dialog is open (or in it): log only
            return
        if threading.current_thread() is not threading.main_thread():
            return  # widgets belong to the GUI thread; the log is written
        self._showing = True
        try:
            app = QApplication.instance()
            parent = app.activeWindow() if isinstance(app, QApplication) else None
            self.show(parent, path)
        except Exception:  # the dialog itself failed: the log is written, nothing more to do
            log.exception("cannot show the crash dialog")
        finally:
            self._showing = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _qt_message(self, kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            error = QtMessageError(message)
            path = write_crash_log(QtMessageError, error, None, folder=self.folder)
            self.logs.append(path)
            log.error("Qt: %s (logged to %s)", message, path)
        elif kind == QtMsgType.QtWarningMsg:
            log.warning("Qt: %s", message)
        else:
            log.debug("Qt: %s", message)


def install(folder: Path) -> CrashHandler:
    return CrashHandler(folder).install()
