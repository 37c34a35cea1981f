"""The user's own data: bookmarks, notes, own events and checklists, in one SQLite file.

Nothing the user saved may be lost, so:

- the file is in WAL mode with ``synchronous=FULL``: a change is on disk when its call returns,
  and a crash or power cut at any moment leaves the file consistent;
- every change is one transaction (``BEGIN IMMEDIATE``), so two windows or two running copies of
  the app on the same file wait for each other (``busy_timeout``) instead of losing writes;
- ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` takes a database from version
  N to N + 1, each step in its own transaction;
- a file that is not a database or fails ``PRAGMA quick_check`` is never overwritten: it is moved
  aside to a timestamped backup next to it, whatever can still be read from it is copied into the
  new file, and :attr:`UserStore.open_report` tells the user what happened and where the old file
  is. A file from a newer version of the app is refused, not "repaired".

The parts live beside this module: :mod:`~reader.userdata.records` (the data and its rules),
:mod:`~reader.userdata.schema`, :mod:`~reader.userdata.connection` (opening and transactions),
:mod:`~reader.userdata.recovery`, :mod:`~reader.userdata.bookmarks`,
:mod:`~reader.userdata.notes`, :mod:`~reader.userdata.events`,
:mod:`~reader.userdata.checklists`, :mod:`~reader.userdata.transfer` and
:mod:`~reader.userdata.export_format` with :mod:`~reader.userdata.checklist_format` (the JSON
file). Import from here or from
:mod:`reader.userdata`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reader.atomic_files import write_atomically
from reader.i18n import _, ngettext
from reader.userdata.bookmarks import BookmarkStore
from reader.userdata.checklists import Checklist, ChecklistStore, Mark
from reader.userdata.connection import BUSY_TIMEOUT_MS, DamagedDatabaseError
from reader.userdata.events import EventStore
from reader.userdata.export_format import EXPORT_FORMAT, EXPORT_VERSION, MAX_JSON_BYTES
from reader.userdata.notes import NoteStore
from reader.userdata.records import (
    BOOKMARK_KINDS,
    LOCAL_UID_SUFFIX,
    MAX_YEAR,
    MIN_YEAR,
    Bookmark,
    ImportSummary,
    Note,
    OpenReport,
    OwnEvent,
    UserDataError,
    event_problem,
    new_event_uid,
    utc_now,
)
from reader.userdata.recovery import RecoveringStore
from reader.userdata.schema import MIGRATIONS, SCHEMA_V1, run_script
from reader.userdata.transfer import TransferStore

log = logging.getLogger(__name__)

__all__ = [
    "BOOKMARK_KINDS",
    "BUSY_TIMEOUT_MS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "LOCAL_UID_SUFFIX",
    "MAX_JSON_BYTES",
    "MAX_YEAR",
    "MIGRATIONS",
    "MIN_YEAR",
    "SCHEMA_V1",
    "Bookmark",
    "Checklist",
    "ImportSummary",
    "Mark",
    "Note",
    "OpenReport",
    "OwnEvent",
    "UserDataError",
    "UserStore",
    "event_problem",
    "new_event_uid",
    "run_script",
    "utc_now",
    "write_atomically",
]


class UserStore(
    BookmarkStore, NoteStore, EventStore, ChecklistStore, TransferStore, RecoveringStore
):
    """Bookmarks, notes, own events and checklists of one user, in one SQLite file.

    Every method is safe to call from any thread; each change is one transaction.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        try:
            self._conn = self._open_checked()
        except DamagedDatabaseError as damaged:
            backup = self._move_aside()
            try:
                self._conn = self._open_checked()
            except DamagedDatabaseError as again:
                raise UserDataError(
                    _("Cannot start a new user data file at {path}: {reason}").format(
                        path=self.path, reason=again.detail
                    )
                ) from again
            recovered = self._salvage(backup)
            what_happened = _(
                "The file with your bookmarks, notes and own events ({path}) was damaged "
                "({reason}). It was moved to {backup} and a new file was started."
            ).format(path=self.path, reason=damaged.detail, backup=backup)
            if recovered:
                outcome = ngettext(
                    "{count} item(s) could be recovered from the damaged file.",
                    "{count} item(s) could be recovered from the damaged file.",
                    recovered,
                ).format(count=recovered)
            else:
                outcome = _(
                    "Nothing could be read from the damaged file; it is kept there in case it"
                    " can be repaired."
                )
            message = f"{what_happened} {outcome}"
            self.open_report = OpenReport(backup, message)
            log.warning(message)
