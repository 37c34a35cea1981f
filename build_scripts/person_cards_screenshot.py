"""Render View > Show to the person at 1024x768 into docs/screenshots/ for the README.

Usage: python build_scripts/person_cards_screenshot.py [--offscreen]

The real main window on the bundled pack, a reader in Latvia (View > My country: Latvia): the
language picker (person-cards-picker.png), the first English card (person-card-en.png) and the
Arabic hotline card with Latvia's number, right to left (person-card-ar.png). Under Xvfb (the
default when it is installed) the card window runs full screen on a 1024x768 X screen and the
screen is grabbed; otherwise the window is rendered offscreen at that size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from xvfb import start_xvfb  # build_scripts/xvfb.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1024, 768
COUNTRY = "LV"


def _settle(app: Any, seconds: float = 0.3) -> None:
    """A few passes of the event loop, so the window is shown, laid out and painted."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _save(picture: Any, name: str) -> Path:
    target = OUT / name
    picture.save(str(target), "PNG", 0)
    print(f"wrote {target.relative_to(ROOT)} ({picture.width()}x{picture.height()})")
    return target


def render(xcb: bool) -> list[Path]:
    from PySide6.QtGui import QGuiApplication

    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions

    made = []
    with tempfile.TemporaryDirectory() as home:
        os.environ["STROM_READER_HOME"] = home
        app = Application(LaunchOptions(default_pack_dir(), "en", "en"))
        window = app.start()
        window.resize(WIDTH, HEIGHT)
        window.set_my_country(COUNTRY)
        picker = window.show_person_cards()
        assert picker is not None
        _settle(app.qt_app)
        made.append(_save(picker.grab(), "person-cards-picker.png"))
        picker.reject()
        cards = window.open_person_cards("en")
        assert cards is not None
        if not xcb:  # offscreen there is no real screen of this size to fill
            cards.showNormal()
            cards.resize(WIDTH, HEIGHT)
        _settle(app.qt_app, 0.6)
        screen = QGuiApplication.primaryScreen()

        def grab() -> Any:
            return screen.grabWindow(0) if xcb else cards.grab()

        made.append(_save(grab(), "person-card-en.png"))
        cards.set_language("ar")
        cards.go_to(len(cards.cards) - 1)  # the hotline card, with Latvia's number
        _settle(app.qt_app)
        made.append(_save(grab(), "person-card-ar.png"))
        cards.close()
        window.close()
        app.shutdown()
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offscreen", action="store_true", help="render offscreen")
    parser.add_argument("--child", choices=["xcb", "offscreen"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        render(args.child == "xcb")
        return 0
    env = dict(os.environ)
    server = None
    use_xvfb = not args.offscreen and shutil.which("Xvfb") is not None
    if use_xvfb:
        server, display = start_xvfb(WIDTH, HEIGHT)
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        print("note: rendering offscreen (QWidget.grab), not on a real X display")
        env["QT_QPA_PLATFORM"] = "offscreen"
    child = "xcb" if use_xvfb else "offscreen"
    try:
        command = [sys.executable, __file__, "--child", child]
        code = subprocess.run(command, env=env, cwd=ROOT, check=False).returncode
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    if code == 0:
        from screenshots import optimise  # build_scripts/screenshots.py, next to this script

        optimise(sorted(OUT.glob("person-card*.png")))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
