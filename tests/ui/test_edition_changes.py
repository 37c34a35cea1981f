"""What changed in a new edition, in the real window: two small editions made from content/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from reader.content import load_pack
from reader.content.changes import pack_identity, word_diff
from reader.paths import default_pack_dir, user_folders
from reader.themes import THEMES
from reader.ui.app import Application, LaunchOptions
from reader.ui.changes_dialog import ChangesDialog
from reader.ui.diff_view import diff_html, readable_parts
from reader.ui.main_window import MainWindow
from reader.ui.window.editions import PREVIOUS_SNAPSHOT, SEEN_SNAPSHOT

CHAPTERS = ["about", "introduction", "principles"]
LANGUAGES = ["en", "de"]


def _small_pack(target: Path) -> Path:
    """A real two-language pack: three chapters of the handbook, copied."""
    source = default_pack_dir()
    manifest = (source / "manifest.toml").read_text(encoding="utf-8")
    manifest = re.sub(r"languages = \[.*?\]", 'languages = ["en", "de"]', manifest)
    chapters = ", ".join(f'"{c}"' for c in CHAPTERS)
    manifest = re.sub(r"chapters = \[.*?\]", f"chapters = [{chapters}]", manifest, flags=re.S)
    target.mkdir()
    (target / "manifest.toml").write_text(manifest, encoding="utf-8")
    for lang in LANGUAGES:
        (target / lang).mkdir()
        shutil.copy(source / lang / "pack.toml", target / lang)
        for chapter in CHAPTERS:
            shutil.copy(source / lang / f"{chapter}.md", target / lang)
    return target


def _drop_section(path: Path, section_id: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"{{#{section_id}}}" in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def _change_first_sentence(path: Path, section_id: str, new: str) -> str:
    """Replace the first paragraph line of a section; returns the line it replaced."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"{{#{section_id}}}" in line)
    index = next(i for i in range(start + 1, len(lines)) if lines[i].strip())
    old = lines[index]
    lines[index] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return old.strip()


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    old = _small_pack(tmp_path / "old")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    for lang in LANGUAGES:
        _drop_section(new / lang / "principles.md", "principles-child")
    _change_first_sentence(
        new / "en" / "principles.md",
        "principles-victim-centred",
        "Victims come first, always and everywhere.",
    )
    with (new / "en" / "principles.md").open("a", encoding="utf-8") as stream:
        stream.write("\n## Working with interpreters {#principles-interpreters}\n\nUse one.\n")
    _change_first_sentence(new / "de" / "introduction.md", "introduction-local", "Neu.")
    manifest = new / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(re.sub(r'edition = "[^"]*"', 'edition = "2.0"', text), encoding="utf-8")
    return old, new


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[object]:
    """Start the real app on a pack and wait until its new-edition check has finished."""
    running: list[tuple[Application, MainWindow]] = []

    def run(pack: Path) -> tuple[Application, MainWindow, bool]:
        for app, window in running:
            window.close()
            app.shutdown()
        running.clear()
        app = Application(LaunchOptions(pack_dir=pack, ui_language="en"))
        window = app.start()  # the check is queued for after the first paint, not yet run
        qtbot.addWidget(window)
        assert window.edition_check is not None
        with qtbot.waitSignal(window.edition_check.checked, timeout=60_000) as blocker:
            pass
        running.append((app, window))
        return app, window, bool(blocker.args[0])

    yield run
    for app, window in running:
        window.close()
        app.shutdown()


def _children(dialog: ChangesDialog, group: int) -> list[QTreeWidgetItem]:
    top = dialog.tree.topLevelItem(group)
    assert top is not None
    return [top.child(i) for i in range(top.childCount())]


def _ids(dialog: ChangesDialog, group: int) -> list[str]:
    return [str(item.data(0, Qt.ItemDataRole.UserRole + 1)) for item in _children(dialog, group)]


def test_new_edition_offers_what_changed_once(
    editions: tuple[Path, Path], start: object, qtbot: QtBot
) -> None:
    old, new = editions
    run = start  # type: ignore[assignment]
    app, window, offered = run(old)
    assert not offered and window.edition_notice is None  # first start: nothing to compare
    assert not window.changes_action.isEnabled()
    assert app.store is not None
    app.store.add_bookmark("section", "principles-child")
    app.store.set_note("principles-child", "Call the child protection office first.")
    old_title = load_pack(old).section("en", "principles-child").title  # type: ignore[union-attr]

    app, window, offered = run(new)
    assert offered
    notice = window.edition_notice
    assert notice is not None and notice.isVisible()
    assert "new edition of the handbook (2.0): 3 sections changed" in notice.label.text()
    qtbot.mouseClick(notice.show_button, Qt.MouseButton.LeftButton)
    dialog = window.changes_dialog
    assert dialog is not None and dialog.isVisible() and not notice.isVisible()
    assert dialog.language == "en"
    assert _ids(dialog, 0) == ["principles-interpreters"]
    assert _ids(dialog, 1) == ["principles-victim-centred"]
    assert _ids(dialog, 2) == ["principles-child"]
    assert "3 sections added" not in dialog.summary.text()
    assert "1 section added, 1 changed, 1 removed" in dialog.summary.text()

    # The removed section: its old title, the bookmark and the note's text, kept.
    dialog.tree.setCurrentItem(_children(dialog, 2)[0])
    shown = dialog.detail.toPlainText()
    assert old_title in shown and "Removed in this edition" in shown
    assert "Bookmarked on" in shown and "Call the child protection office first." in shown
    assert not dialog.open_button.isEnabled()

    # The changed section: the diff marks the new sentence and the old one differently.
    dialog.tree.setCurrentItem(_children(dialog, 1)[0])
    assert "Victims come first" in dialog.detail.toPlainText()
    rich = dialog.detail.toHtml()
    assert "underline" in rich and "line-through" in rich
    with qtbot.waitSignal(window.sectionOpened) as opened:
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert opened.args == ["principles-victim-centred", "en"]
    assert "Victims come first" in window.view.toPlainText()

    # German: its own lists; opening a section switches the reader to German.
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("de"))
    assert _ids(dialog, 0) == [] and _ids(dialog, 2) == ["principles-child"]
    assert _ids(dialog, 1) == ["introduction-local"]
    dialog.tree.setCurrentItem(_children(dialog, 1)[0])
    with qtbot.waitSignal(window.sectionOpened) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["introduction-local", "de"] and window.content_language == "de"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # The bookmark and note are still in the store after all this.
    assert app.store is not None and app.store.is_bookmarked("section", "principles-child")

    app, window, offered = run(new)  # the same edition again: nothing offered
    assert not offered and window.edition_notice is None
    assert window.changes_action.isEnabled()  # but Help > What changed still shows it
    window.changes_action.trigger()
    again = window.changes_dialog
    assert again is not None and _ids(again, 2) == ["principles-child"]


def test_a_damaged_snapshot_does_not_stop_the_start(
    editions: tuple[Path, Path], start: object
) -> None:
    old, new = editions
    run = start  # type: ignore[assignment]
    run(old)
    cache = user_folders().cache
    (cache / SEEN_SNAPSHOT).write_text('{"format": 1, "languages": ', encoding="utf-8")
    _app, window, offered = run(new)
    assert not offered and window.current_section  # a page is shown
    assert "cannot be shown" in window.statusBar().currentMessage()
    assert "damaged" in window.statusBar().currentMessage()
    assert SEEN_SNAPSHOT in window.statusBar().currentMessage()
    assert not (cache / PREVIOUS_SNAPSHOT).exists()
    assert window.settings.seen_pack_identity == pack_identity(load_pack(new))
    _app, window, offered = run(new)  # the damaged file was replaced: starts are quiet again
    assert not offered and window.statusBar().currentMessage() == ""


def test_the_diff_reads_as_phrases_and_keeps_both_texts() -> None:
    old = "Work must protect the person, not only solve a case. Then act."
    new = "Work must always protect the person first. Then act."
    parts = readable_parts(word_diff(old, new))
    assert "".join(p.text for p in parts if p.kind != "insert") == old
    assert "".join(p.text for p in parts if p.kind != "delete") == new
    assert [p.text for p in parts if p.kind == "delete"] == [", not only solve a case"]
    assert [p.text for p in parts if p.kind == "insert"] == [" always", " first"]
    rich = diff_html(word_diff(old, new), THEMES["light"])
    assert "text-decoration:line-through" in rich and "text-decoration:underline" in rich
    assert "case</span> <span" in rich  # old and new phrase apart also as plain text
