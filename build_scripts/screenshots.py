"""Render the README's screenshots offscreen into docs/screenshots/.

Usage: python build_scripts/screenshots.py

Each shot opens the real main window on the bundled pack with its own temporary settings, so the
pictures show what a new user sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# (file name, UI language, content language, section, find-in-page query, search query)
SHOTS: list[tuple[str, str, str, str, str, str]] = [
    ("reader-en.png", "en", "en", "definition-means", "", ""),
    ("reader-lv.png", "lv", "lv", "indicators-labour", "", ""),
    ("find-in-page.png", "en", "en", "identification-conversation", "interpreter", ""),
    ("search-lv.png", "lv", "lv", "identification-conversation", "", "cilveku tirdznieciba pases"),
]


def _wait(app: object, condition: Callable[[], bool], seconds: float = 60) -> None:
    """Process events until ``condition`` holds (a script, not a test: a deadline, no sleep)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)  # type: ignore[attr-defined]


def main() -> int:
    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name, ui_lang, lang, section, query, search in SHOTS:
        with tempfile.TemporaryDirectory() as home:
            os.environ["STROM_READER_HOME"] = home
            app = Application(
                LaunchOptions(default_pack_dir(), lang, ui_lang, open_section=section)
            )
            if lang not in app.pack.languages:
                print(f"skipped {name}: the pack has no {lang!r}")
                continue
            window = app.start()
            window.resize(1100, 700)
            if query:
                window.show_find()
                window.find_bar.field.setText(query)
            service, panel = app.search, window.search_panel
            if search and service is not None:
                _wait(app.qt_app, lambda s=service: s.is_ready)  # type: ignore[misc]
                window.show_search()
                panel.field.setText(search)
                panel._request_now()
                _wait(app.qt_app, lambda p=panel: p.results.topLevelItemCount() > 0)  # type: ignore[misc]
                first = panel.first_hit_item()
                if first is not None:
                    window.search_panel.results.setCurrentItem(first)
                    window.open_hit(first.data(0, 256))
            app.qt_app.processEvents()
            window.grab().save(str(out / name))
            window.close()
            app.shutdown()
            print(f"wrote {out / name}")
    calendar_shot(out / "calendar-lv.png")
    return 0


def calendar_shot(target: Path) -> None:
    """The calendar, bookmarks and a note, with a little sample user data, in Latvian."""
    import datetime as dt

    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions
    from reader.userdata import OwnEvent

    with tempfile.TemporaryDirectory() as home:
        os.environ["STROM_READER_HOME"] = home
        app = Application(
            LaunchOptions(
                default_pack_dir(), "lv", "lv", open_section="identification-conversation"
            )
        )
        store = app.store
        assert store is not None
        soon = dt.date.today() + dt.timedelta(days=4)
        store.save_event(
            OwnEvent(
                uid="training@example",
                title="Apmācība sociālajiem darbiniekiem",
                start=soon,
                start_time=dt.time(10, 0),
                end_time=dt.time(14, 0),
                place="Rīga",
            )
        )
        store.add_bookmark("event", "training@example")
        store.add_bookmark("event", "eu-anti-trafficking-day")
        store.add_bookmark("section", "identification-conversation")
        store.set_note("identification-conversation", "Tulks: vispirms zvanīt uz biroju.")
        window = app.start()
        window.resize(1300, 850)
        window.show_calendar()
        window.show_bookmarks()
        if window.calendar_panel is not None:
            window.calendar_panel.show_event("training@example")
        app.qt_app.processEvents()
        window.grab().save(str(target))
        window.close()
        app.shutdown()
        print(f"wrote {target}")


if __name__ == "__main__":
    sys.exit(main())
