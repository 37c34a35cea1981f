"""The About dialog: what the app is, the pack's title and edition, and the licences."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from reader import APP_NAME, __version__
from reader.content.model import Pack
from reader.i18n import _, format_date


def about_text(pack: Pack, lang: str) -> str:
    parts = [f"<h2>{html.escape(APP_NAME)}</h2>"]
    parts.append(
        "<p>"
        + html.escape(_("Version {version}").format(version=__version__))
        + "</p><p>"
        + html.escape(
            _(
                "An offline handbook for municipal staff on preventing and combating "
                "trafficking in human beings. It never connects to the network."
            )
        )
        + "</p>"
    )
    if pack.manifest is not None:
        edition = _("Edition {edition}").format(edition=pack.manifest.edition)
        if pack.manifest.date is not None:
            edition += ", " + format_date(pack.manifest.date)
        parts.append(f"<p><b>{html.escape(pack.title(lang))}</b><br>{html.escape(edition)}</p>")
    parts.append(
        "<p><small>"
        + html.escape(
            _(
                "The handbook is an independent adaptation written for this app, organised like "
                "the STROM guidelines for municipalities. It is not the official text."
            )
        )
        + "</small></p>"
    )
    return "".join(parts)


def show_about(parent: QWidget, pack: Pack, lang: str) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle(_("About {app}").format(app=APP_NAME))
    box.setText(about_text(pack, lang))
    box.setIcon(QMessageBox.Icon.Information)
    box.exec()
