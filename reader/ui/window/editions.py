"""A new edition of the handbook: the check at start, the notice bar and "What changed".

After the first page is painted, :meth:`EditionsMixin.check_new_edition` runs
:func:`reader.content.changes.changes_since_seen` on a worker thread (snapshotting the full
handbook renders every section, about a second; starting the same edition again only hashes the
source). When the edition is new, a notice bar above the page offers the changes dialog; Help >
What changed in this edition shows the last comparison at any time, from the two snapshots kept
in the cache. A damaged snapshot is reported in the log and the status bar; the start goes on.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from reader.content.changes import (
    PackChanges,
    SnapshotError,
    changes_since_seen,
    last_changes,
    pack_identity,
)
from reader.content.model import Pack
from reader.i18n import _, ngettext
from reader.ui.changes_dialog import ChangesDialog
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase
from reader.userdata.records import Bookmark, Note

log = logging.getLogger(__name__)
SEEN_SNAPSHOT = "last-seen-edition.json"
PREVIOUS_SNAPSHOT = "previous-edition.json"


def edition_actions() -> list[ActionSpec]:
    return [
        ActionSpec(
            "changes_action",
            _("What changed in this edition…"),
            "show_changes",
            name="whatChanged",
            tip=_("Sections added, changed and removed since the edition you had before"),
        )
    ]


class EditionCheck(QObject):
    """Runs the check off the UI thread; its result arrives on the UI thread (queued)."""

    checked = Signal(bool)  # the start-up check finished; True when changes were offered
    done = Signal(object, str, str)  # PackChanges | None, identity to remember, problem text

    def run(self, pack: Pack, seen: Path, seen_identity: str, previous: Path) -> None:
        threading.Thread(
            target=self._work, args=(pack, seen, seen_identity, previous), daemon=True
        ).start()

    def _work(self, pack: Pack, seen: Path, seen_identity: str, previous: Path) -> None:
        changes: PackChanges | None = None
        identity, problem = seen_identity, ""
        try:
            changes, identity = changes_since_seen(pack, seen, seen_identity, previous)
        except SnapshotError as exc:  # the current snapshot was saved before this was raised
            problem = str(exc)
            identity = pack_identity(pack)
        except OSError as exc:  # e.g. a cache folder that cannot be written
            problem = f"{seen}: {exc}"
        except Exception as exc:  # never stop the start over "what changed"
            log.exception("the new-edition check failed")
            problem = f"{seen}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window was closed while the check ran
            self.done.emit(changes, identity, problem)


class EditionNotice(QFrame):
    """The non-modal bar above the page: "This is a new edition… — Show what changed"."""

    showRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("editionNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # theme colours
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.show_button = QPushButton(_("&Show what changed"))
        self.show_button.setObjectName("showChanges")
        self.show_button.clicked.connect(self.showRequested.emit)
        close = QToolButton()
        close.setText("×")
        close.setObjectName("closeEditionNotice")
        close.setAccessibleName(_("Close this notice"))
        close.setToolTip(_("Close this notice"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(close)


class EditionsMixin(WindowBase):
    # The signals are on EditionCheck: PySide6 mis-orders a window's signals and slots when a
    # second mixin of the same base declares signals of its own.
    changes_action: QAction
    edition_check: EditionCheck | None = None
    edition_notice: EditionNotice | None = None
    changes_dialog: ChangesDialog | None = None
    _edition_cache: Path | None = None
    _last_changes: PackChanges | None = None

    def set_edition_files(self, cache: Path) -> None:
        """Where the snapshots live; the Help entry is usable once an earlier edition was kept."""
        self._edition_cache = cache
        self.changes_action.setEnabled((cache / PREVIOUS_SNAPSHOT).is_file())
        self.edition_check = EditionCheck(self)
        self.edition_check.done.connect(lambda c, i, p: self._on_edition_checked(c, i, p))

    def check_new_edition(self) -> None:
        """Once, after the first paint: has the handbook changed since the last start?"""
        cache, check = self._edition_cache, self.edition_check
        if cache is None or check is None:
            return
        if self.pack.manifest is None:
            check.checked.emit(False)
            return
        check.run(
            self.pack,
            cache / SEEN_SNAPSHOT,
            self.settings.seen_pack_identity,
            cache / PREVIOUS_SNAPSHOT,
        )

    def _on_edition_checked(self, changes: PackChanges | None, identity: str, problem: str) -> None:
        if problem:
            log.warning("what changed in this edition cannot be shown: %s", problem)
            self._status(
                _("What changed in this edition cannot be shown: {problem}").format(problem=problem)
            )
        if identity != self.settings.seen_pack_identity:
            self.settings.seen_pack_identity = identity
            self.settingsChanged.emit()
        offered = changes is not None and not changes.empty
        if changes is not None and offered:
            self._last_changes = changes
            self.changes_action.setEnabled(True)
            self._show_edition_notice(changes)
        if self.edition_check is not None:
            self.edition_check.checked.emit(offered)

    def _show_edition_notice(self, changes: PackChanges) -> None:
        if self.edition_notice is None:
            self.edition_notice = EditionNotice()
            self.edition_notice.showRequested.connect(self.show_changes)
            central = self.centralWidget()
            layout = central.layout() if central is not None else None
            if isinstance(layout, QVBoxLayout):  # above the data notices and the page
                layout.insertWidget(0, self.edition_notice)
        lang = self.content_language if self.content_language in changes.languages else ""
        count = changes.languages[lang].count if lang else 0
        if not count:
            count = max(c.count for c in changes.languages.values())
        if changes.old_edition == changes.new_edition:  # same name, corrected text
            text = ngettext(
                "The text of the handbook was updated: {count} section changed.",
                "The text of the handbook was updated: {count} sections changed.",
                count,
            )
        else:
            text = ngettext(
                "This is a new edition of the handbook ({edition}): {count} section changed.",
                "This is a new edition of the handbook ({edition}): {count} sections changed.",
                count,
            )
        self.edition_notice.label.setText(text.format(edition=changes.new_edition, count=count))
        self.edition_notice.show()

    def show_changes(self) -> None:
        """Help > What changed in this edition (and the notice's button)."""
        changes = self._last_changes
        if changes is None and self._edition_cache is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                changes = last_changes(
                    self._edition_cache / PREVIOUS_SNAPSHOT, self._edition_cache / SEEN_SNAPSHOT
                )
            except SnapshotError as exc:
                log.warning("what changed cannot be shown: %s", exc)
                self.show_error(_("What changed in this edition"), str(exc))
                return
            finally:
                QApplication.restoreOverrideCursor()
            self._last_changes = changes
        if changes is None:
            QMessageBox.information(
                self,
                _("What changed in this edition"),
                _("There is no earlier edition to compare with: this is the first one you have."),
            )
            return
        if self.edition_notice is not None:
            self.edition_notice.hide()
        if self.changes_dialog is not None:
            self.changes_dialog.close()
        self.changes_dialog = ChangesDialog(
            changes, self.pack, self.content_language, *self._marks(), parent=self
        )
        self.changes_dialog.sectionRequested.connect(self.open_section)
        self.changes_dialog.show()

    def _marks(self) -> tuple[list[Bookmark], list[Note]]:
        store = self.store
        if store is None:
            return [], []
        return self.data_guard.read(
            _("Your bookmarks and notes could not be read."),
            lambda: (store.bookmarks("section"), store.notes()),
            lambda: ([], []),
        )
