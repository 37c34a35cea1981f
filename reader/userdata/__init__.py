"""The user's own data (bookmarks, notes, own events, checklists) in one SQLite file. No Qt."""

from pathlib import Path

from reader.paths import Folders
from reader.userdata.store import (
    MIGRATIONS,
    Bookmark,
    Checklist,
    ImportSummary,
    Mark,
    Note,
    OpenReport,
    OwnEvent,
    UserDataError,
    UserStore,
    new_event_uid,
)

USERDATA_FILE = "userdata.sqlite3"


def default_store_path(folders: Folders) -> Path:
    """Where the user data file lives for this run."""
    return folders.data / USERDATA_FILE


__all__ = [
    "MIGRATIONS",
    "USERDATA_FILE",
    "Bookmark",
    "Checklist",
    "ImportSummary",
    "Mark",
    "Note",
    "OpenReport",
    "OwnEvent",
    "UserDataError",
    "UserStore",
    "default_store_path",
    "new_event_uid",
]
