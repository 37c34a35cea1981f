"""Presentation mode in the real windows, offscreen: keys, blank screens, languages, sizes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from reader.content.loader import load_pack
from reader.paths import default_pack_dir
from reader.present import style
from reader.ui.presentation_window import PresentationWindow
from tests.conftest import MINI_PACK
from tests.ui.conftest import Launcher

LONG_SECTIONS = ("indicators-general", "indicators-labour", "definition", "legal")


def present(qtbot: QtBot, section: str, languages: list[str], size: tuple[int, int], **kw: object):  # type: ignore[no-untyped-def]
    window = PresentationWindow(load_pack(default_pack_dir()), section, languages, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(*size)
    window.build()
    return window


def colour_at(window: PresentationWindow, x: int, y: int) -> str:
    return QColor(window.grab().toImage().pixel(x, y)).name()


def test_f5_presents_the_current_section_and_esc_returns_where_it_got_to(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    first = window.pack.section_order()[0]
    window.open_section(first)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    shown = window.presentation
    assert shown is not None and shown.isVisible() and shown.isFullScreen()
    assert shown.section_id == first
    for _ in range(shown.slide_count):  # past the last slide: the next section
        qtbot.keyClick(shown, Qt.Key.Key_PageDown)
    following = window.pack.section_order()[1]
    assert shown.section_id == following and shown.index == 0
    with qtbot.waitSignal(shown.finished):
        qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert window.presentation is None
    assert window.current_section == following


def test_toolbar_has_the_present_button(launch: Launcher) -> None:
    _app, window = launch()
    assert window.present_action in window.toolbar.actions()
    window.present_action.trigger()
    assert window.presentation is not None


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_Space, 1),
        (Qt.Key.Key_PageDown, 1),
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_Down, 1),
        (Qt.Key.Key_End, -1),
    ],
)
def test_keys_that_go_forward(qtbot: QtBot, key: Qt.Key, expected: int) -> None:
    window = present(qtbot, "indicators-general", ["en"], (1024, 768))
    assert window.slide_count >= 3
    qtbot.keyClick(window, key)
    assert window.index == (window.slide_count - 1 if expected < 0 else expected)


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace]
)
def test_keys_that_go_back(qtbot: QtBot, key: Qt.Key) -> None:
    window = present(qtbot, "indicators-general", ["en"], (1024, 768))
    qtbot.keyClick(window, Qt.Key.Key_End)
    last = window.index
    qtbot.keyClick(window, key)
    assert window.index == last - 1
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.index == 0


def test_a_number_and_enter_jumps_and_the_footer_counts(qtbot: QtBot) -> None:
    window = present(qtbot, "indicators-general", ["en"], (1024, 768))
    qtbot.keyClicks(window, "3")
    assert window.footer_texts()[1] == "Go to slide 3"
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.index == 2
    chapter, _middle, position = window.footer_texts()
    assert chapter == "Indicators"
    assert position == f"Slide 3 of {window.slide_count}"


def test_b_and_w_blank_the_screen_and_again_return(qtbot: QtBot) -> None:
    window = present(qtbot, "definition", ["en"], (800, 600), theme="dark")
    background = style.THEMES["dark"].background
    assert colour_at(window, 2, 2) == background
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert colour_at(window, 400, 300) == "#000000"
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert colour_at(window, 2, 2) == background
    qtbot.keyClick(window, Qt.Key.Key_W)
    assert colour_at(window, 400, 300) == "#ffffff"
    qtbot.keyClick(window, Qt.Key.Key_W)
    assert colour_at(window, 2, 2) == background


@pytest.mark.parametrize("theme", sorted(style.THEMES))
def test_themes_paint_their_colours(qtbot: QtBot, theme: str) -> None:
    window = present(qtbot, "definition", ["en"], (800, 600), theme=theme)
    image = window.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, 800, 4) for y in range(0, 300, 4)}
    assert style.THEMES[theme].background in colours
    assert style.THEMES[theme].heading in colours  # the title is painted in the heading colour


def test_plus_and_minus_change_the_text_size_and_are_remembered(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    shown = window.start_presentation(window.pack.section_order()[0])
    assert shown is not None
    size = shown.pixel_size
    qtbot.keyClick(shown, Qt.Key.Key_Plus)
    assert shown.pixel_size > size
    assert app.settings.present_text_percent == 110
    for _ in range(30):
        qtbot.keyClick(shown, Qt.Key.Key_Minus)
    assert shown.pixel_size == style.minimum_pixel_size(min(shown.width(), shown.height()))


def test_two_languages_side_by_side_and_one_missing(qtbot: QtBot) -> None:
    window = present(qtbot, "indicators-general", ["en", "ru"], (1920, 1080))
    assert window.deck is not None and window.deck.shown == ("en", "ru")
    english, russian = window.slide_documents()
    assert "General signs" in english.toPlainText()
    assert "General signs" not in russian.toPlainText()
    panes = window.slide_layout().panes
    assert panes[1].x > panes[0].x
    window.resize(1080, 1920)  # portrait: one above the other
    panes = window.slide_layout().panes
    assert panes[1].y > panes[0].y


def test_second_language_without_the_section_shows_the_first_with_a_notice(
    qtbot: QtBot, mini_pack: Path
) -> None:
    path = mini_pack / "lv" / "signs.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## Darbs")], encoding="utf-8")
    pack = load_pack(mini_pack)
    assert "lv" not in pack.languages_with("signs-labour")
    window = PresentationWindow(pack, "signs-labour", ["en", "lv"])
    qtbot.addWidget(window)
    window.build()
    assert window.deck is not None and window.deck.missing == ("lv",)
    first, second = window.slide_documents()
    assert first.toPlainText() == second.toPlainText()
    assert "Not translated into Latvian" in window.footer_texts()[1]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (3840, 2160), (1080, 1920)])
@pytest.mark.parametrize("languages", [["en"], ["ru"], ["en", "ru"]])
def test_no_slide_is_clipped(qtbot: QtBot, size: tuple[int, int], languages: list[str]) -> None:
    for section in LONG_SECTIONS:
        window = present(qtbot, section, languages, size)
        assert window.pixel_size >= style.minimum_pixel_size(min(size))
        panes = window.slide_layout().panes
        for index in range(window.slide_count):
            window.go_to(index)
            for document, pane in zip(window.slide_documents(), panes, strict=True):
                height = document.documentLayout().documentSize().height()
                assert height <= pane.height, (section, index, height, pane)
                assert document.idealWidth() <= pane.width + 0.5
        window.close()


def test_present_option_opens_the_presentation_on_that_section(launch: Launcher) -> None:
    section = load_pack(MINI_PACK).section_order()[1]
    _app, window = launch(present_section=section)
    assert window.presentation is not None
    assert window.presentation.section_id == section
    assert window.current_section == section


def test_present_option_with_an_unknown_section_says_so() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--pack", str(MINI_PACK), "--present", "no-such"],
        capture_output=True,
        text=True,
        timeout=90,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 1
    assert "--present: there is no section 'no-such'" in result.stderr
    assert str(MINI_PACK) in result.stderr


SCREENS_PROGRAM = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from reader.content.loader import load_pack
from reader.settings import Settings
from reader.ui.qt_app import ensure_application
from reader.ui.main_window import MainWindow
app = ensure_application()
window = MainWindow(load_pack(Path(sys.argv[1])), Settings(present_screen=sys.argv[2]))
laptop = QGuiApplication.screens()[0]
window.setScreen(laptop)
window.move(laptop.geometry().topLeft())
window.show()
window.open_start()
shown = window.start_presentation()
geometry = shown.geometry()
print(shown.screen().name(), geometry.x(), geometry.width(), geometry.height(),
      window.screen().name(), window.isVisible(), shown.isFullScreen())
"""


@pytest.mark.parametrize(("chosen", "expected"), [("", "projector"), ("laptop", "laptop")])
def test_slides_go_to_the_second_screen_unless_another_is_chosen(
    tmp_path: Path, chosen: str, expected: str
) -> None:
    import json
    import os

    screens = [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
        {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080},
    ]
    for screen in screens:
        screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "STROM_READER_HOME": str(tmp_path / "home"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCREENS_PROGRAM, str(MINI_PACK), chosen],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=True,
    )
    name, x, width, height, window_screen, visible, full = result.stdout.split()
    assert name == expected
    size = {"laptop": ("0", "1366", "768"), "projector": ("1366", "1920", "1080")}[expected]
    assert (x, width, height) == size
    assert window_screen == "laptop" and visible == "True" and full == "True"


def test_settings_dialog_choices_are_used_and_saved(launch: Launcher, qtbot: QtBot) -> None:
    from reader.ui.presentation_options import PresentationOptionsDialog

    app, window = launch()
    dialog = PresentationOptionsDialog(
        window.pack, window.settings, window.content_language, window
    )
    qtbot.addWidget(dialog)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("contrast"))
    dialog.second_box.setCurrentIndex(dialog.second_box.findData("lv"))
    dialog.size_box.setValue(130)
    dialog.apply()
    app.save_settings()
    saved = app.settings_store.load()
    assert (saved.present_theme, saved.present_second_language) == ("contrast", "lv")
    assert saved.present_text_percent == 130
    shown = window.start_presentation(window.pack.section_order()[0])
    assert shown is not None and shown.deck is not None
    assert shown.deck.shown == ("en", "lv") and shown.theme_key == "contrast"
    assert shown.text_percent == 130


def test_bad_sections_still_present_whole(qtbot: QtBot, mini_pack: Path) -> None:
    """A table too wide for the screen, a huge table and a very long word: nothing is cut off."""
    path = mini_pack / "en" / "intro.md"
    columns = 40
    wide = "| " + " | ".join(f"column{i}" for i in range(columns)) + " |\n"
    wide += "|" + "---|" * columns + "\n" + "| " + " | ".join("x" * columns) + " |\n"
    huge = "| a | b |\n|---|---|\n" + "".join(f"| {i} | {'word ' * 12} |\n" for i in range(150))
    long_word = "y" * 4000
    text = path.read_text(encoding="utf-8")
    lead, rest = text.split("\n## ", 1)  # into the chapter's lead section, "intro"
    bad = f"{lead}\n\n{wide}\n\n{huge}\n\n{long_word}\n\n## {rest}"
    path.write_text(bad, encoding="utf-8")
    window = PresentationWindow(load_pack(mini_pack), "intro", ["en"])
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.build()
    pane = window.slide_layout().panes[0]
    shrunk = 0
    seen = ""
    for index in range(window.slide_count):
        window.go_to(index)
        (document,) = window.slide_documents()
        factor = document.scale_for(pane)
        shrunk += factor < 1
        height = document.documentLayout().documentSize().height()
        assert height * factor <= pane.height + 0.5
        assert document.idealWidth() * factor <= pane.width + 0.5
        seen += document.toPlainText()
    assert shrunk == 1  # only the table that is too wide is shown smaller
    assert "149" in seen and seen.count("y") >= len(long_word)


def test_neighbouring_sections_are_cut_while_idle(qtbot: QtBot) -> None:
    window = present(qtbot, "definition", ["en"], (1024, 768))
    window.show()
    pack_order = window.pack.section_order()
    position = pack_order.index("definition")
    before, after = pack_order[position - 1], pack_order[position + 1]
    qtbot.waitUntil(lambda: after in window._cut_cache and before in window._cut_cache)
    prepared = window._cut_cache[after]
    window.go_to(window.slide_count - 1)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.section_id == after and window.deck is prepared
    qtbot.keyClick(window, Qt.Key.Key_Plus)  # another text size: cut again, not the old slides
    assert window.deck is not prepared
