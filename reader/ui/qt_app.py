"""The one QApplication, named as the app (light: the early first page creates it too)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from reader import APP_ID, APP_NAME, __version__


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, or a new one named STROM Reader."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication((argv or sys.argv)[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    return app
