"""Render the README's screenshots of the real main window into docs/screenshots/.

Usage: python build_scripts/screenshots.py [--xvfb | --offscreen] [--sizes 1024x768,1920x1080]
                                           [--languages en,lv,ru] [--no-optimise]

The main views (start page, a reading page, search with results, calendar, checklist) at each
size in each language go to docs/screenshots/<lang>/<view>-<width>x<height>.png; the older
single shots that README sections show (reader-en.png, find-in-page.png, calendar-lv.png, ...)
are made again as well.

With --xvfb (the default when Xvfb is installed: ``apt-get install xvfb``) each size gets its
own X server on a free display, exactly that size; the window runs there on Qt's xcb platform
like on a desktop, fills the screen, and the screen is grabbed (QScreen.grabWindow(0)). Without
Xvfb the window is rendered offscreen (QWidget.grab), and the script says so.

Each view starts from fresh settings and the same small sample of user data (an own event and
a starred one, a starred section, a note, a checklist with a few ticks), so the pictures show
what a new user sees. They depend only on the pack and on today's date (the calendar's month
and the next events). The PNGs are then made smaller with optipng where it is installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xvfb import start_xvfb  # build_scripts/xvfb.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from reader.ui.app import Application
    from reader.ui.main_window import MainWindow

OUT = ROOT / "docs" / "screenshots"
SIZES = ["1024x768", "1920x1080"]
LANGUAGES = ["en", "lv", "ru"]
VIEWS = ["start", "reading", "search", "calendar", "checklist"]
READING_SECTION = "identification-conversation"
SEARCH_QUERIES = {
    "en": "passport debt employer",
    "lv": "cilveku tirdznieciba pases",
    "ru": "паспорт долг работодатель",
}
OWN_EVENT = {
    "en": ("Training for social workers", "Town hall"),
    "lv": ("Apmācība sociālajiem darbiniekiem", "Rīga"),
    "ru": ("Обучение социальных работников", "Ратуша"),
}
NOTE = {
    "en": "Interpreter: call the office first.",
    "lv": "Tulks: vispirms zvanīt uz biroju.",
    "ru": "Переводчик: сначала позвонить в офис.",
}
OWN_UID = "training@example"

# The single shots README sections show: (file, UI language, content language, section,
# find-in-page query, search query (the view's own, SEARCH_QUERIES), width, height).
SINGLE_SHOTS: list[tuple[str, str, str, str, str, str, int, int]] = [
    ("reader-en.png", "en", "en", "definition-means", "", "", 1100, 700),
    ("reader-lv.png", "lv", "lv", "indicators-labour", "", "", 1100, 700),
    ("find-in-page.png", "en", "en", READING_SECTION, "interpreter", "", 1100, 700),
    ("search-lv.png", "lv", "lv", READING_SECTION, "", SEARCH_QUERIES["lv"], 1100, 700),
]


# ----------------------------------------------------------------------------- in the window


def _wait(app: Any, condition: Callable[[], bool], seconds: float = 120) -> bool:
    """Process events until ``condition`` holds (a script, not a test: a deadline, no sleep)."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return True


def _settle(app: Any, window: MainWindow) -> None:
    """Let the window be shown, laid out and painted (a few passes of the event loop)."""
    handle = window.windowHandle()
    _wait(app, lambda: handle is not None and handle.isExposed(), 10)
    for _ in range(5):
        app.processEvents()
        _wait(app, lambda: False, 0.05)


def _seed(app: Application, lang: str) -> None:
    """The same small sample of user data in every language."""
    from reader.userdata import OwnEvent

    store = app.store
    if store is None:
        return
    title, place = OWN_EVENT[lang]
    soon = dt.date.today() + dt.timedelta(days=4)
    store.save_event(
        OwnEvent(
            uid=OWN_UID,
            title=title,
            start=soon,
            start_time=dt.time(10, 0),
            end_time=dt.time(14, 0),
            place=place,
        )
    )
    store.add_bookmark("event", OWN_UID)
    store.add_bookmark("event", "eu-anti-trafficking-day")
    store.add_bookmark("section", READING_SECTION)
    store.set_note(READING_SECTION, NOTE[lang])
    edition = app.pack.edition(lang)
    if edition is not None and edition.indicators:
        ids = [indicator.id for indicator in edition.indicators]
        case = store.create_checklist("2026-014")
        for indicator_id in ids[0:3] + ids[12:14]:
            store.set_ticked(case.id, indicator_id, True)


def _show_view(app: Application, window: MainWindow, view: str, lang: str) -> None:
    """Bring ``view`` up through the window's own commands."""
    if view == "start":
        window.go_home()
    elif view == "search":
        service = app.search
        if service is not None and _wait(app.qt_app, lambda: service.is_ready):
            window.show_search()
            window.search_panel.field.setText(SEARCH_QUERIES[lang])
            panel = window.search_panel
            _wait(app.qt_app, lambda: panel.results.topLevelItemCount() > 0, 30)
            first = panel.first_hit_item()
            if first is not None:
                panel.results.setCurrentItem(first)
                window.open_hit(first.data(0, 256))
    elif view == "calendar":
        window.show_calendar()
        if window.calendar_panel is not None:
            window.calendar_panel.show_event(OWN_UID)
    elif view == "checklist":
        window.show_checklist()


def _grab(app: Application, window: MainWindow, target: Path, xcb: bool) -> None:
    from PySide6.QtGui import QGuiApplication

    if app.search is not None:  # no "Preparing search" in the picture
        service = app.search
        _wait(app.qt_app, lambda: service.is_ready)
    window.statusBar().clearMessage()
    _settle(app.qt_app, window)
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0) if xcb and screen is not None else window.grab()
    target.parent.mkdir(parents=True, exist_ok=True)
    picture.save(str(target), "PNG", 0)  # quality 0: the strongest zlib compression
    print(f"wrote {target.relative_to(ROOT)} ({picture.width()}x{picture.height()})")


def _open(home: Path, ui_lang: str, lang: str, section: str) -> Application:
    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions

    (home / "config" / "settings.json").unlink(missing_ok=True)  # fresh settings each shot
    os.environ["STROM_READER_HOME"] = str(home)
    return Application(LaunchOptions(default_pack_dir(), lang, ui_lang, open_section=section))


def render_size(width: int, height: int, languages: list[str], xcb: bool, singles: bool) -> None:
    """Every view in every language at one size (run inside the display of that size)."""
    with tempfile.TemporaryDirectory(prefix="strom-shots-") as folder:
        for lang in languages:
            home = Path(folder) / lang  # one home per language: the index is built once
            seeded = False
            for view in VIEWS:
                app = _open(home, lang, lang, READING_SECTION)
                if lang not in app.pack.languages:
                    print(f"skipped {lang}: not in the pack")
                    app.shutdown()
                    break
                if not seeded:
                    _seed(app, lang)
                    seeded = True
                window = app.start()
                window.setGeometry(0, 0, width, height)  # no window manager: no frame
                _show_view(app, window, view, lang)
                _grab(app, window, OUT / lang / f"{view}-{width}x{height}.png", xcb)
                window.close()
                app.shutdown()
        if singles:
            single_shots(Path(folder) / "singles")


def single_shots(home: Path) -> None:
    """The pictures that README sections show, at their own sizes (the window's contents)."""
    for name, ui_lang, lang, section, query, search, width, height in SINGLE_SHOTS:
        app = _open(home / lang, ui_lang, lang, section)
        window = app.start()
        window.setGeometry(0, 0, width, height)
        if query:
            window.show_find()
            window.find_bar.field.setText(query)
        if search:
            _show_view(app, window, "search", lang)
        _grab(app, window, OUT / name, xcb=False)
        window.close()
        app.shutdown()
    calendar_home = home / "calendar"
    app = _open(calendar_home, "lv", "lv", READING_SECTION)
    _seed(app, "lv")
    window = app.start()
    window.setGeometry(0, 0, 1300, 850)
    window.show_calendar()
    window.show_bookmarks()
    if window.calendar_panel is not None:
        window.calendar_panel.show_event(OWN_UID)
    _grab(app, window, OUT / "calendar-lv.png", xcb=False)
    window.close()
    app.shutdown()


# ----------------------------------------------------------------------------- the displays


def run_size(size: str, languages: list[str], xvfb: bool, singles: bool) -> int:
    width, height = (int(part) for part in size.split("x"))
    env = dict(os.environ)
    command = [sys.executable, __file__, "--child", size, "--languages", ",".join(languages)]
    if singles:
        command.append("--singles")
    server = None
    if xvfb:
        server, display = start_xvfb(width, height)
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        command.append("--xcb")
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


def optimise(paths: list[Path]) -> None:
    """pngquant (a 256-colour palette, which UI pictures survive unchanged to the eye: about a
    third of the size), then optipng (lossless); each only where it is installed (Debian:
    apt-get install pngquant optipng)."""
    files = [str(path) for path in paths]
    quant = shutil.which("pngquant")
    if quant is None:
        print("note: pngquant is not installed; PNGs keep all their colours")
    else:
        for name in files:  # exit 98/99: no gain or not good enough, the file stays as it is
            subprocess.run(
                [
                    quant,
                    "--quality",
                    "70-95",
                    "--speed",
                    "1",
                    "--strip",
                    "--force",
                    "--skip-if-larger",
                    "--ext",
                    ".png",
                    name,
                ],
                check=False,
            )
    tool = shutil.which("optipng")
    if tool is None:
        print("note: optipng is not installed; PNGs left as they are")
        return
    subprocess.run([tool, "-quiet", "-o2", "-strip", "all", *files], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--xvfb", action="store_true", help="run under Xvfb (default if installed)")
    mode.add_argument("--offscreen", action="store_true", help="render offscreen")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--no-optimise", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--xcb", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--singles", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    languages = [lang for lang in args.languages.split(",") if lang]
    if args.child:
        width, height = (int(part) for part in args.child.split("x"))
        render_size(width, height, languages, args.xcb, args.singles)
        return 0
    xvfb = not args.offscreen and (args.xvfb or shutil.which("Xvfb") is not None)
    if args.xvfb and shutil.which("Xvfb") is None:
        print("note: Xvfb is not installed (apt-get install xvfb); rendering offscreen instead")
        xvfb = False
    elif not xvfb:
        print("note: rendering offscreen (QWidget.grab), not on a real X display")
    sizes = [size for size in args.sizes.split(",") if size]
    started = time.monotonic()
    for number, size in enumerate(sizes):
        code = run_size(size, languages, xvfb, singles=number == len(sizes) - 1)
        if code:
            return code
    pngs = sorted(OUT.rglob("*.png"))
    if not args.no_optimise:
        optimise(pngs)
    total = sum(path.stat().st_size for path in pngs)
    print(
        f"{len(pngs)} PNGs in {OUT.relative_to(ROOT)}: {total / 1e6:.2f} MB,"
        f" {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
