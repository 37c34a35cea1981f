"""Start-up side by side with kiwix-desktop on one virtual screen (used by bench_startup.py).

Both programs are started the same way under one Xvfb: the time until their window is visible
(``xdotool search --onlyvisible`` polled every 10 ms) and the resident memory of the whole
process tree 3 s after the start. kiwix-desktop opens a two-page ZIM made here with
``zimwriterfs``. Peers are never dependencies of the app: where Xvfb, xdotool, kiwix-desktop or
zim-tools are missing, that part is skipped with a note saying what to install.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from xvfb import start_xvfb  # build_scripts/ is on sys.path (bench_startup.py puts it there)

POLL_S = 0.01
SETTLE_S = 3.0
TIMEOUT_S = 60.0
PAGE = '<html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


@dataclass
class Run:
    window_s: float | None
    rss_mib: float


def user_environment() -> dict[str, str]:
    """This environment as a user's desktop session has it: the user folders under HOME (no
    STROM_READER_HOME, no XDG folder overrides, so the app finds them through platformdirs as
    it does for users) and Python writing its bytecode caches (sandboxes and CI often set
    PYTHONDONTWRITEBYTECODE, which makes every start compile the app's modules again; a user's
    Python, and the bundle, do not)."""
    dropped = {"STROM_READER_HOME", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"}
    dropped |= {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}
    return {key: value for key, value in os.environ.items() if key not in dropped}


def app_command() -> list[str]:
    """``strom-reader`` as the README's quick start installs it (the console script beside this
    Python), else ``python -m reader`` (which also imports runpy, ~5 ms)."""
    script = Path(sys.executable).with_name(
        "strom-reader.exe" if os.name == "nt" else "strom-reader"
    )
    return [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]


def missing_tools(*names: str) -> list[str]:
    return [name for name in names if shutil.which(name) is None]


def tree_rss_mib(pid: int) -> float:
    rows = []
    for line in subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        if line.strip():
            child, parent, rss = map(int, line.split())
            rows.append((child, parent, rss))
    tree, grew = {pid}, True
    while grew:
        grew = False
        for child, parent, _rss in rows:
            if parent in tree and child not in tree:
                tree.add(child)
                grew = True
    return sum(rss for child, _parent, rss in rows if child in tree) / 1024


def measure(command: list[str], env: dict[str, str], title: str, cwd: Path | None = None) -> Run:
    """Start ``command``; when does a window whose name matches ``title`` show, and its RSS."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=log)
        shown = None
        try:
            while time.perf_counter() - started < TIMEOUT_S and process.poll() is None:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", title],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if found.stdout.strip():
                    shown = time.perf_counter() - started
                    break
                time.sleep(POLL_S)  # a benchmark polling another process, not a test
            if process.poll() is not None:
                log.seek(0)
                print(f"{command[0]} ended early ({process.returncode}): {log.read()[-600:]!r}")
            time.sleep(SETTLE_S)
            rss = tree_rss_mib(process.pid)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    return Run(shown, rss)


def make_zim(folder: Path) -> Path:
    """A two-page ZIM (what kiwix-desktop needs to open at all), made with zimwriterfs."""
    source = folder / "zim-source"
    source.mkdir()
    (source / "index.html").write_text(
        PAGE.format(title="Handbook", body='<h1>Handbook</h1><p>One.</p><a href="two.html">2</a>'),
        encoding="utf-8",
    )
    (source / "two.html").write_text(PAGE.format(title="Two", body="<p>Two.</p>"), "utf-8")
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    # Offscreen by argument, not by QT_QPA_PLATFORM: the environment is the programs' to come.
    _app = QGuiApplication.instance() or QGuiApplication([*sys.argv[:1], "-platform", "offscreen"])
    icon = QImage(48, 48, QImage.Format.Format_RGB32)
    icon.fill(QColor("navy"))
    icon.save(str(source / "icon.png"))
    target = folder / "peer.zim"
    subprocess.run(
        [
            "zimwriterfs",
            "--welcome=index.html",
            "--illustration=icon.png",
            "--language=eng",
            "--title=Handbook",
            "--description=Start-up benchmark",
            "--creator=bench",
            "--publisher=bench",
            "--name=bench",
            str(source),
            str(target),
        ],
        capture_output=True,
        check=True,
    )
    return target


def report(name: str, runs: list[Run]) -> tuple[float | None, float]:
    shown = [run.window_s for run in runs if run.window_s is not None]
    window = statistics.median(shown) if shown else None
    rss = statistics.median(run.rss_mib for run in runs)
    each = ", ".join(f"{s:.2f}" if s is not None else "none" for s in (r.window_s for r in runs))
    label = f"{window:.2f} s" if window is not None else "never shown"
    print(f"{name:16} window {label} (runs: {each}); tree RSS after 3 s {rss:.0f} MiB")
    return window, rss


def compare(root: Path, runs: int, program: list[str] | None = None) -> None:
    lacking = missing_tools("Xvfb", "xdotool")
    if lacking:
        print(f"side by side skipped: {', '.join(lacking)} missing (apt-get install xvfb xdotool)")
        return
    peer_lacking = missing_tools("kiwix-desktop", "zimwriterfs")
    server, display = start_xvfb(1280, 800)
    try:
        with tempfile.TemporaryDirectory() as folder:
            base = {**user_environment(), "DISPLAY": display, "HOME": folder}
            ours_env = {**base, "QT_QPA_PLATFORM": "xcb"}
            command = program or app_command()
            ours = [measure(command, ours_env, "STROM", cwd=root) for _ in range(runs)]
            print(f"\nside by side on Xvfb {display}, {runs} runs each (the first: a first start)")
            print(f"STROM Reader started as: {' '.join(command)}")
            report("STROM Reader", ours)
            # A first start has no page of a last session to paint early (reader/ui/first_paint.py);
            # the ratio is for the starts after it, as users start the app every day.
            window, rss = report("  next starts", ours[1:] or ours)
            if peer_lacking:
                print(
                    f"kiwix-desktop column skipped: {', '.join(peer_lacking)} missing"
                    " (apt-get install kiwix zim-tools)"
                )
                return
            zim = make_zim(Path(folder))
            peer_env = {
                **base,
                "QT_QPA_PLATFORM": "xcb",
                "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
            }
            peer = [
                measure(["kiwix-desktop", str(zim)], peer_env, "Kiwix|Handbook")
                for _ in range(runs)
            ]
            peer_window, peer_rss = report("kiwix-desktop", peer)
            if window and peer_window:
                print(f"ratio window: {window / peer_window:.2f}x (goal at most 0.5x)")
            print(f"ratio memory: {rss / peer_rss:.2f}x (goal at most 0.4x)")
    finally:
        server.terminate()
        server.wait(10)
