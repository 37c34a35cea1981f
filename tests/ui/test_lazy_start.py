"""The first page is shown before the search engine (Whoosh) and the .ics code (icalendar) load.

Run in a fresh interpreter: the test process itself has imported everything long before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI_PACK

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from reader.ui.app import Application, LaunchOptions
app = Application(LaunchOptions(pack_dir=Path(sys.argv[1]), ui_language="en"))
window = app.start()
before = sorted(m for m in ("whoosh.index", "icalendar") if m in sys.modules)
shown = window.isVisible() and bool(window.view.toPlainText())
loop = QEventLoop()
app.search.ready.connect(lambda *_: loop.quit())
QTimer.singleShot(60_000, loop.quit)
loop.exec()
print(json.dumps({"before": before, "shown": shown, "ready": app.search.is_ready,
                  "after": "whoosh.index" in sys.modules}))
window.close()
app.shutdown()
"""


def test_first_page_is_shown_before_whoosh_and_icalendar_load(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STROM_READER_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(MINI_PACK)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["shown"]
    assert report["before"] == []  # nothing of either before the first page
    assert report["ready"] and report["after"]  # search still gets ready, after it
