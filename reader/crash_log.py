"""Crash logs: the traceback of an error nobody caught, written where IT staff can find it.

A crash log goes to ``logs/`` in the user data folder (with ``--portable``, beside the program),
one file per crash, the newest :data:`KEEP` kept. Writing one never raises: if that folder
cannot be written, the system's temporary folder is used, and failing that nothing is written.
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from reader import APP_NAME, __version__

log = logging.getLogger(__name__)

KEEP = 20
PREFIX = "crash-"


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, when: dt.datetime
) -> str:
    lines = [
        f"{APP_NAME} {__version__} crash report",
        f"time (UTC): {when.isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"executable: {sys.executable}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_crash_log(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    folder: Path,
) -> Path | None:
    """Write the report to ``folder`` (or the temp folder); the file written, or None."""
    when = dt.datetime.now(dt.UTC)
    text = crash_report(exc_type, exc, tb, when)
    name = f"{PREFIX}{when.strftime('%Y%m%d-%H%M%S-%f')}.txt"
    for place in (folder, Path(tempfile.gettempdir()) / "strom-reader-logs"):
        try:
            place.mkdir(parents=True, exist_ok=True)
            path = place / name
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            log.error("cannot write a crash log to %s: %s", place, error)
            continue
        prune(place)
        return path
    return None


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the newest ``keep`` crash logs in ``folder``."""
    try:
        logs = sorted(folder.glob(f"{PREFIX}*.txt"))
        for old in logs[:-keep]:
            old.unlink()
    except OSError as error:
        log.warning("cannot tidy the crash logs in %s: %s", folder, error)
