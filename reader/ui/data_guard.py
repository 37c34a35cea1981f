"""The one place where the interface reads and writes the user's data.

Every panel goes through a :class:`DataGuard` instead of calling the store directly. A store
error (a full disk, a file locked by another program past the wait, a file damaged or made
read-only while the app runs) never escapes into Qt's event loop: the guard turns it into a
:class:`DataFailure` and emits it, the window shows it in the problem bar in the user's language,
and what the user typed is kept in the failure so that it can be saved again or written to a
file. Reads that fail fall back to what the caller gives (usually "show nothing").
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from reader.userdata import UserDataError

log = logging.getLogger(__name__)

T = TypeVar("T")

# What a store call may raise when the file or the disk is at fault (UserDataError wraps the
# SQLite errors; OSError and sqlite3.Error are caught too so that nothing slips through).
DATA_ERRORS = (UserDataError, OSError, sqlite3.Error)


@dataclass(frozen=True)
class DataFailure:
    what: str  # translated: what did not happen ("Your note was not saved.")
    reason: str  # the store's message: what is wrong and where
    retry: Callable[[], bool] | None = None  # try the same change again; True if it worked


@dataclass(frozen=True)
class UnsavedText:
    """Text the user typed that is not in the file yet (a note), kept until it is saved."""

    key: str  # what it belongs to, e.g. "note:intro-who"
    label: str  # translated heading for it when written to a file
    text: str
    retry: Callable[[], bool]


class DataGuard(QObject):
    failed = Signal(object)  # DataFailure
    recovered = Signal()  # every unsaved text is saved and the last change went through

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_failure: DataFailure | None = None
        self.unsaved: dict[str, UnsavedText] = {}

    def write(
        self,
        what: str,
        change: Callable[[], object],
        *,
        key: str = "",
        unsaved_label: str = "",
        unsaved_text: str | None = None,
    ) -> bool:
        """Run ``change``; on a store error report it (and keep ``unsaved_text``), return False.

        ``key`` names what is written: a later successful write with the same key (the retry,
        or the user saving the same note again) clears the text kept for it.
        """

        def retry() -> bool:
            return self.write(
                what, change, key=key, unsaved_label=unsaved_label, unsaved_text=unsaved_text
            )

        try:
            change()
        except DATA_ERRORS as exc:
            log.warning("user data change failed: %s", exc)
            if key and unsaved_text is not None:
                self.unsaved[key] = UnsavedText(key, unsaved_label, unsaved_text, retry)
            self._report(DataFailure(what, str(exc), retry))
            return False
        if key:
            self.unsaved.pop(key, None)
        if self.last_failure is not None and not self.unsaved:
            self.last_failure = None
            self.recovered.emit()
        return True

    def forget(self, key: str) -> None:
        """The text kept for ``key`` no longer needs saving (it was replaced or discarded)."""
        self.unsaved.pop(key, None)

    def read(self, what: str, query: Callable[[], T], fallback: Callable[[], T]) -> T:
        """The result of ``query``, or of ``fallback`` after reporting a store error."""
        try:
            return query()
        except DATA_ERRORS as exc:
            log.warning("user data read failed: %s", exc)
            self._report(DataFailure(what, str(exc)))
            return fallback()

    def retry_all(self) -> bool:
        """Try the failed change and every kept text again; True if all of them went through."""
        ok = True
        failure = self.last_failure
        if failure is not None and failure.retry is not None:
            ok = failure.retry() and ok
        for unsaved in list(self.unsaved.values()):
            ok = unsaved.retry() and ok
        return ok

    def unsaved_document(self) -> str:
        """Every kept text, under its heading, as one plain-text document to save to a file."""
        return "\n\n".join(f"{u.label}\n\n{u.text}" for u in self.unsaved.values())

    def _report(self, failure: DataFailure) -> None:
        self.last_failure = failure
        self.failed.emit(failure)
