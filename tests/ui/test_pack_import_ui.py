"""File > Import content pack… in the real window: off the UI thread, errors said, restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QProcess, Qt, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from reader.packs.selection import choose_pack, packs_dir
from reader.paths import user_folders
from reader.ui.main_window import MainWindow
from reader.ui.window.pack_import import restart_command
from tests.packs.packfiles import make_keys, search_hits, signed_pack
from tests.ui.conftest import Launcher


def _file_menu_import(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    (action,) = [a for a in file_menu.actions() if a.objectName() == "importPack"]
    assert action.text() == "Import content pack…" and action.isEnabled()
    action.trigger()


def _start_import(
    qtbot: QtBot, window: MainWindow, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(archive), ""))
    _file_menu_import(window)
    assert window.pack_import is not None and window.pack_progress is not None
    assert window.pack_progress.isVisible()
    assert not window.import_pack_action.isEnabled()  # one import at a time


def test_import_installs_off_the_ui_thread_and_offers_restart(
    qtbot: QtBot, launch: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = make_keys(tmp_path)
    archive = signed_pack(tmp_path, keys, "2.0", "uipackword")
    _app, window = launch()
    window.pack_key_dirs = [keys.folder]
    stages: list[str] = []
    with qtbot.waitSignal(window.packImportFinished, timeout=60000) as finished:
        _start_import(qtbot, window, archive, monkeypatch)
        assert window.pack_import is not None
        worker = window.pack_import
        worker.progress.connect(lambda stage, _d, _t: stages.append(stage))
    assert finished.args == [1]
    assert worker.thread_name == "packImportThread"  # the import ran off the UI thread
    assert "Building the search index (en)" in stages
    box = window.pack_message
    assert box is not None and box.objectName() == "packInstalled" and box.isVisible()
    assert box.text() == "The new edition is installed"
    assert "Edition 2.0 of the handbook is installed (it was 1.0)" in box.informativeText()
    box.grab().save(str(tmp_path / "installed.png"))
    assert window.pack_progress is None and window.import_pack_action.isEnabled()
    assert search_hits(user_folders(), "uipackword") == ("2.0", 1)

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess, "startDetached", lambda program, args: started.append((program, args)) or True
    )
    restart = box.findChild(QPushButton, "restartNow")
    assert restart is not None
    qtbot.mouseClick(restart, Qt.MouseButton.LeftButton)
    assert started == [restart_command()]
    assert not window.isVisible()


def test_a_refused_pack_says_why_and_changes_nothing(
    qtbot: QtBot, launch: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = make_keys(tmp_path)
    archive = signed_pack(tmp_path, keys, "2.0", "uipackword")
    data = bytearray(archive.read_bytes())
    data[200] ^= 0xFF
    archive.write_bytes(bytes(data))
    _app, window = launch()
    window.pack_key_dirs = [keys.folder]
    with qtbot.waitSignal(window.packImportFinished, timeout=60000) as finished:
        _start_import(qtbot, window, archive, monkeypatch)
    assert finished.args == [0]
    box = window.pack_message
    assert box is not None and box.objectName() == "packImportError"
    assert box.icon() == QMessageBox.Icon.Warning
    assert "was not installed. The handbook in use was not changed." in box.text()
    assert "pack-2.0-uipackword.zip: the signature does not match" in box.informativeText()
    box.grab().save(str(tmp_path / "refused.png"))
    assert not choose_pack(user_folders()).installed
    assert not list(packs_dir(user_folders()).glob(".staging-*"))


class _Canceller(QObject):
    """Lives in the GUI thread; the worker waits for it (blocking queued) at each stage."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.cancelled_at = ""

    @Slot(str, int, int)
    def on_progress(self, stage: str, _done: int, _total: int) -> None:
        progress = self.window.pack_progress
        if stage.startswith("Building the search index") and progress and not self.cancelled_at:
            self.cancelled_at = stage
            (button,) = progress.findChildren(QPushButton)
            assert button.text() == "Cancel"
            button.click()  # as the user does


def test_cancel_during_the_index_build(
    qtbot: QtBot, launch: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = make_keys(tmp_path)
    archive = signed_pack(tmp_path, keys, "2.0", "uipackword")
    _app, window = launch()
    window.pack_key_dirs = [keys.folder]
    canceller = _Canceller(window)
    with qtbot.waitSignal(window.packImportFinished, timeout=60000) as finished:
        _start_import(qtbot, window, archive, monkeypatch)
        assert window.pack_import is not None
        window.pack_import.progress.connect(
            canceller.on_progress, Qt.ConnectionType.BlockingQueuedConnection
        )
    assert finished.args == [0]
    assert canceller.cancelled_at.startswith("Building the search index")
    box = window.pack_message
    assert box is not None
    assert box.text() == "The import was cancelled. The handbook in use was not changed."
    assert not choose_pack(user_folders()).installed
    assert not list(packs_dir(user_folders()).glob(".staging-*"))


def test_start_up_opens_the_installed_edition(
    qtbot: QtBot, launch: Launcher, tmp_path: Path, isolated_home: Path
) -> None:
    from reader.packs.install import import_pack
    from reader.paths import default_pack_dir

    keys = make_keys(tmp_path)
    import_pack(
        signed_pack(tmp_path, keys, "2.0", "startword"),
        user_folders().ensure(),
        key_dirs=[keys.folder],
    )
    app, window = launch(default_pack_dir(), installed_packs=True)
    assert window.pack.manifest is not None and window.pack.manifest.edition == "2.0"
    assert window.pack.root == isolated_home / "data" / "packs" / "current"
    assert app.options.shipped_index == window.pack.root / "index"
    assert window.statusBar().currentMessage() == ""
    search = app.search
    assert search is not None
    if not search.is_ready:  # set in the GUI thread: no signal can slip in between
        with qtbot.waitSignal(search.ready, timeout=60000):
            pass
    with qtbot.waitSignal(search.results, timeout=10000) as found:
        search.search("startword", ["en"])
    assert [hit.section_id for hit in found.args[1].hits] == ["intro-what"]


def test_restart_command_starts_the_same_program_with_the_same_arguments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setattr(sys, "argv", ["/x/reader/__main__.py", "--portable", "--lang", "lv"])
    assert restart_command() == (sys.executable, ["-m", "reader", "--portable", "--lang", "lv"])
    monkeypatch.setattr(sys, "argv", ["/venv/bin/strom-reader", "--lang", "lv"])
    assert restart_command() == (sys.executable, ["/venv/bin/strom-reader", "--lang", "lv"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "C:/Apps/strom-reader.exe")
    assert restart_command() == ("C:/Apps/strom-reader.exe", ["--lang", "lv"])


def test_start_up_says_why_it_falls_back_to_the_built_in_edition(
    launch: Launcher, tmp_path: Path
) -> None:
    from reader.packs.install import import_pack
    from reader.packs.selection import current_dir
    from reader.paths import default_pack_dir

    keys = make_keys(tmp_path)
    folders = user_folders().ensure()
    import_pack(signed_pack(tmp_path, keys, "2.0", "startword"), folders, key_dirs=[keys.folder])
    (current_dir(folders) / "manifest.toml").write_text("format = [", encoding="utf-8")
    _app, window = launch(default_pack_dir(), installed_packs=True)
    assert window.pack.root == default_pack_dir()
    message = window.statusBar().currentMessage()
    assert "is not used because it is damaged" in message and "manifest.toml" in message
