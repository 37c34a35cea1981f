"""Every widget that draws with colours of its own takes them from the theme, and redraws.

Month grid (today, event and bookmarked days), the what-changed diff, the table of contents'
missing sections, the search results' HTML and the page's search hits, in light, dark and high
contrast; the high-contrast palette keeps disabled text readable (reader/contrast.py).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

from reader.content import load_pack
from reader.content.changes import changes_between
from reader.contrast import TEXT_MINIMUM, contrast_ratio
from reader.themes import THEMES
from reader.ui.changes_dialog import ChangesDialog
from reader.ui.search_panel import HTML_ROLE, SELECTED_HTML_ROLE
from reader.ui.theme import apply_to_application, palette_for
from reader.ui.toc_panel import MISSING_ROLE
from tests.conftest import MINI_PACK
from tests.ui.conftest import Launcher

KEYS = ["light", "dark", "contrast"]
Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@pytest.fixture(autouse=True)
def light_afterwards() -> Iterator[None]:
    yield
    apply_to_application("light")


def pixel(image: object, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()  # type: ignore[attr-defined]


def formats(browser: QTextBrowser) -> list[tuple[str, QTextCharFormat]]:
    """(text, format) of every fragment of the browser's document."""
    found = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            found.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return found


def test_month_grid_days_in_every_theme(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.show_calendar()  # panels open when used
    panel = window.calendar_panel
    assert panel is not None
    grid = panel.grid
    today = dt.date.today()
    other = today.replace(day=1) if today.day != 1 else today.replace(day=2)
    for key in KEYS:
        window.set_theme(key)
        colours = THEMES[key]
        # The real panel's days, then one event day and one bookmarked day drawn by the grid.
        grid.show_month(today.year, today.month, {other}, set(), today)
        cell = grid.button_for(today)
        event_cell = grid.button_for(other)
        assert cell is not None and event_cell is not None
        qtbot.waitUntil(cell.isVisible)
        image = cell.grab().toImage()
        assert pixel(image, 0, image.height() // 2) == colours.today, key
        event_image = event_cell.grab().toImage()
        middle = (event_image.width() // 2, 3)
        assert pixel(event_image, *middle) == colours.event_bg, key
        grid.show_month(today.year, today.month, {other}, {other}, today)
        marked = event_cell.grab().toImage()
        assert pixel(marked, *middle) == colours.bookmark_bg, key
    # A theme change alone redraws the grid it shows.
    window.set_theme("light")
    window.set_theme("contrast")
    image = cell.grab().toImage()
    assert pixel(image, 0, image.height() // 2) == THEMES["contrast"].today


def _changed_pack(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINI_PACK, old)
    shutil.copytree(MINI_PACK, new)
    signs = new / "en" / "signs.md"
    text = signs.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line and not line.startswith("#"))
    signs.write_text(text.replace(first, "Quite new words stand here now."), encoding="utf-8")
    manifest = new / "manifest.toml"
    manifest.write_text(
        re.sub(r'edition = "[^"]*"', 'edition = "9.0"', manifest.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    return old, new


def test_diff_view_added_and_removed_in_every_theme(qtbot: QtBot, tmp_path: Path) -> None:
    old, new = _changed_pack(tmp_path)
    changes = changes_between(old, new)
    dialog = ChangesDialog(changes, load_pack(new), "en", [], [])
    qtbot.addWidget(dialog)
    changed = dialog.tree.topLevelItem(1)  # added, changed, removed
    assert changed is not None and changed.childCount() == 1
    dialog.tree.setCurrentItem(changed.child(0))
    for key in KEYS:
        apply_to_application(key)  # the dialog redraws on the theme signal
        colours = THEMES[key]
        parts = formats(dialog.detail)
        inserted = [(t, f) for t, f in parts if f.fontUnderline()]
        deleted = [(t, f) for t, f in parts if f.fontStrikeOut()]
        assert any("Quite new words" in t for t, _f in inserted), key
        assert deleted, key
        for _text, fmt in inserted:
            assert fmt.foreground().color().name() == colours.added_text, key
            assert fmt.background().color().name() == colours.added_bg, key
        for _text, fmt in deleted:
            assert fmt.foreground().color().name() == colours.removed_text, key
            assert fmt.background().color().name() == colours.removed_bg, key


def test_contents_muted_items_follow_the_theme(launch: Launcher, mini_pack: Path) -> None:
    path = mini_pack / "lv" / "signs.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## Darbs")], encoding="utf-8")
    _app, window = launch(pack=mini_pack, content_language="lv")
    missing = [item for item in window.toc._items.values() if item.data(0, MISSING_ROLE)]
    assert len(missing) == 1
    for key in KEYS:
        window.set_theme(key)
        colours = THEMES[key]
        assert missing[0].foreground(0).color().name() == colours.muted, key
        assert missing[0].font(0).italic()  # not by colour alone
        assert contrast_ratio(colours.muted, colours.base) >= TEXT_MINIMUM


def test_search_results_and_page_hits_follow_the_theme(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    assert app.search is not None
    qtbot.waitUntil(lambda: app.search is not None and app.search.is_ready, timeout=30_000)
    with qtbot.waitSignal(app.search.results, timeout=10_000):
        window.search_panel.field.setText("signs")
    qtbot.waitUntil(lambda: window.search_panel.first_hit_item() is not None)
    item = window.search_panel.first_hit_item()
    assert item is not None
    window.search_panel.results.itemActivated.emit(item, 0)
    assert window.view.match_count >= 1
    for key in KEYS:
        window.set_theme(key)
        colours = THEMES[key]
        rich = str(item.data(0, HTML_ROLE))
        assert f"background-color:{colours.mark_bg}; color:{colours.mark_text}" in rich, key
        assert "#ffe066" not in rich or colours.mark_bg == "#ffe066"
        selected = str(item.data(0, SELECTED_HTML_ROLE))
        assert colours.muted not in selected or colours.muted == colours.highlighted_text
        window.view.highlight_words(["signs"])
        hits = window.view.extraSelections()
        assert hits and all(
            hit.format.background().color().name() == colours.mark_bg for hit in hits
        ), key


def test_high_contrast_disabled_text_in_the_palette(launch: Launcher) -> None:
    _app, window = launch()
    window.set_theme("contrast")
    palette = QApplication.palette()
    background = palette.color(Group.Disabled, Role.Window).name()
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        disabled = palette.color(Group.Disabled, role).name()
        assert contrast_ratio(disabled, background) >= TEXT_MINIMUM, role
        assert disabled != palette.color(Group.Active, role).name(), role  # still looks disabled
    button_bg = palette.color(Group.Disabled, Role.Button).name()
    assert contrast_ratio(palette.color(Group.Disabled, Role.ButtonText).name(), button_bg) >= 4.5
    # The style sheet also draws disabled controls with a dashed edge (enabled: solid).
    assert "dashed" in QApplication.instance().styleSheet()  # type: ignore[union-attr]
    assert palette_for(THEMES["contrast"]).color(Group.Disabled, Role.Text).name() == "#c0c0c0"
