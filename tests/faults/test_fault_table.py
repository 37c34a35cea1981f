"""The fault table: each kind of user data under each fault, through the real window.

For every pair the window stays up, the user is told in the problem bar, and once the fault is
gone everything the app reported saved is in the file after a restart. The table with the
outcome of each pair is in docs/DECISIONS.md ("What a fault costs").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from reader.ui.app import Application
from reader.ui.main_window import MainWindow
from reader.userdata import OwnEvent, UserStore
from tests.faults import injection
from tests.ui.conftest import Launcher

SECTION = "intro-who"
Fault = Callable[[UserStore], AbstractContextManager[None]]


# What the user does for each kind of data; True if the app reported it saved.
def write_note(window: MainWindow, label: str) -> bool:
    window.open_section(SECTION)
    assert window.note_editor is not None
    window.note_editor.editor.setPlainText(label)
    return window.note_editor.save()


def write_bookmark(window: MainWindow, label: str) -> bool:
    window.open_section(label)
    window.toggle_section_bookmark()
    return window.bookmark_action.isChecked()


def write_event(window: MainWindow, label: str) -> bool:
    assert window.calendar_panel is not None
    event = OwnEvent(uid=f"{label}@test", title=label, start=dt.date(2031, 3, 4))
    return window.calendar_panel.save_event(event)


# Whether the file holds it.
def has_note(store: UserStore, label: str) -> bool:
    note = store.note(SECTION)
    return note is not None and note.text == label


def has_bookmark(store: UserStore, label: str) -> bool:
    return store.is_bookmarked("section", label)


def has_event(store: UserStore, label: str) -> bool:
    return store.own_event(f"{label}@test") is not None


KINDS = {
    # The second note is long: on a full disk it needs room the file does not have.
    "note": (write_note, has_note, ("a first note", "a longer second note " * 300)),
    "bookmark": (write_bookmark, has_bookmark, ("intro", "signs-labour")),
    "own event": (write_event, has_event, ("first", "second")),
}
FAULTS: dict[str, Fault] = {
    "read-only file": injection.read_only_file,
    "locked database": injection.locked,
    "disk full": injection.disk_full,
}


def restart(
    launch: Launcher, app: Application, window: MainWindow
) -> tuple[Application, MainWindow]:
    window.confirm_unsaved_close = lambda: True  # type: ignore[method-assign]
    window.close()
    app.shutdown()
    return launch()


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_nothing_reported_saved_is_lost(launch: Launcher, kind: str, fault: str) -> None:
    write, has, (before, during) = KINDS[kind]
    app, window = launch()
    assert app.store is not None
    assert write(window, before)

    with FAULTS[fault](app.store):
        assert not write(window, during)
        assert window.isVisible()
        bar = window.data_problem_bar
        assert bar.isVisible() and "not" in bar.label.text()
        if kind == "note":  # what was typed stays in the editor and is kept to save later
            assert window.note_editor is not None
            assert window.note_editor.editor.toPlainText() == during
            assert [u.text for u in window.data_guard.unsaved.values()] == [during]

    assert bar.retry()  # "Try again" once the fault is gone
    assert not bar.isVisible()
    app, window = restart(launch, app, window)
    assert app.store is not None
    if kind == "note":  # one note per section: the retried text replaced the first one
        assert has(app.store, during)
    else:
        assert has(app.store, before) and has(app.store, during)


@pytest.mark.parametrize("kind", list(KINDS))
def test_garbage_written_over_the_open_file(launch: Launcher, kind: str, tmp_path: Path) -> None:
    """Another program destroys the file: the app notices at the next write instead of saying
    "saved" into a file that is gone, keeps a note's text, and starts a fresh file next time."""
    write, has, (before, during) = KINDS[kind]
    app, window = launch()
    assert app.store is not None and write(window, before)
    app, window = restart(launch, app, window)  # the rows are in the file itself, not the log
    assert app.store is not None
    with injection.garbage_file(app.store):
        assert not write(window, during)
        assert window.isVisible() and window.data_problem_bar.isVisible()
        if kind == "note":
            saved = tmp_path / "note.txt"
            assert window.data_problem_bar.save_text_to(saved)
            assert during in saved.read_text(encoding="utf-8")
    app, window = restart(launch, app, window)
    assert app.store is not None and app.store.open_report.recovered_from is not None
    assert window.data_notice.isVisible()
    assert write(window, during) and has(app.store, during)  # the new file takes changes


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_data_at_start(launch: Launcher, isolated_home: Path, what: str) -> None:
    """A data file (or folder) that cannot be written when the app starts, as on a locked-down
    PC or a write-protected USB stick: the user is told, what is there stays."""
    app, window = launch()
    assert app.store is not None and write_bookmark(window, "intro")
    path = app.store.path if what == "file" else app.store.path.parent
    app, window = restart(launch, app, window)
    window.close()
    app.shutdown()  # closed cleanly: no -wal file left beside the data file
    if not injection.make_unwritable(path):
        pytest.skip("this machine can make nothing read-only for the test user")
    try:
        app, window = launch()
        assert window.isVisible()
        if app.store is None:  # the folder: the file cannot even be opened for writing
            assert (
                window.data_notice.isVisible() and "cannot be opened" in window.data_notice.text()
            )
        else:
            assert not write_bookmark(window, "signs-labour")
            assert window.data_problem_bar.isVisible()
            assert has_bookmark(app.store, "intro")
        window.close()
        app.shutdown()
    finally:
        injection.make_writable(path)
    app, window = launch()
    assert app.store is not None and has_bookmark(app.store, "intro")
