"""Country boxes in the real window, offscreen: the chosen country's box in the right sections,
in the content language, following View > My country, chosen on first start from the locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.window import country
from tests.content.country_packs import pack_with_countries
from tests.ui.conftest import Launcher


def page_text(window: MainWindow) -> str:
    return window.view.toPlainText()


def menu_action(window: MainWindow, code: str) -> QAction:
    action = window.findChild(QAction, f"country_{code}")
    assert action is not None, code
    return action


@pytest.fixture
def country_pack(tmp_path: Path) -> Path:
    return pack_with_countries(tmp_path / "pack")


def test_first_start_takes_the_country_of_the_locale_and_shows_its_box(
    launch: Launcher, country_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(country, "system_locale_name", lambda: "ru_LV")
    _app, window = launch(country_pack, content_language="en")
    assert window.settings.my_country == "LV"
    assert menu_action(window, "LV").isChecked()
    window.open_section("intro-who")
    text = page_text(window)
    assert "Country information: Latvia" in text
    assert "TESTIDENTEN" in text and "+371 28612120" in text
    assert "Confirm before use (checked December 1, 2026)." in text
    window.open_section("intro-what")
    assert "TESTREFLEN" in page_text(window) and "TESTIDENTEN" not in page_text(window)
    window.open_section("signs-labour")  # a section without a box
    assert "Country information" not in page_text(window)
    window.set_content_language("lv")
    window.open_section("intro-who")
    assert "TESTIDENTLV" in page_text(window) and "TESTIDENTEN" not in page_text(window)


def test_a_locale_outside_the_region_shows_no_box(
    launch: Launcher, country_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(country, "system_locale_name", lambda: "en_GB")
    _app, window = launch(country_pack, content_language="en")
    assert window.settings.my_country == "none"
    assert menu_action(window, "none").isChecked()
    window.open_section("intro-who")
    assert "Country information" not in page_text(window)


def test_the_menu_changes_the_box_and_the_choice_is_remembered(
    launch: Launcher, country_pack: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(country, "system_locale_name", lambda: "lv_LV")
    app, window = launch(country_pack, content_language="en")
    window.open_section("intro-who")
    assert "TESTIDENTEN" in page_text(window)
    with qtbot.waitSignal(window.settingsChanged, timeout=3000):
        menu_action(window, "EE").trigger()
    # Estonia has no record in this pack: the box says so instead of showing Latvia's.
    text = page_text(window)
    assert "Country information: Estonia" in text and "EE.toml: there is no record" in text
    assert "TESTIDENTEN" not in text
    with qtbot.waitSignal(window.settingsChanged, timeout=3000):
        menu_action(window, "none").trigger()
    assert "Country information" not in page_text(window)
    assert app.settings_store.load().my_country == "none"
    window.close()
    monkeypatch.setattr(country, "system_locale_name", lambda: "lv_LV")
    _app2, again = launch(country_pack, content_language="en")
    assert again.settings.my_country == "none"  # the choice, not the locale, wins
    assert menu_action(again, "none").isChecked()


def test_the_menu_names_the_countries_in_the_interface_language(
    launch: Launcher, country_pack: Path
) -> None:
    app, window = launch(country_pack, ui_language="lv")
    try:
        assert menu_action(window, "DE").text() == "Vācija"
        assert menu_action(window, "LV").text() == "Latvija"
        assert len(window.country_group.actions()) == 12
    finally:
        # Application leaves Qt's own Latvian translator installed; later tests read key names.
        if app._qt_translator is not None:
            app.qt_app.removeTranslator(app._qt_translator)


def test_a_broken_record_shows_what_it_has(
    launch: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = pack_with_countries(
        tmp_path / "broken", {'name_en = "Social Integration State Agency"\n': ""}
    )
    monkeypatch.setattr(country, "system_locale_name", lambda: "lv_LV")
    _app, window = launch(root, content_language="en")
    window.open_section("intro-who")
    text = page_text(window)
    assert "Missing in the country record: referral.name_en." in text
    assert "+371 28612120" in text


def test_a_reader_in_latvia_reading_russian_sees_latvias_box_in_russian(
    launch: Launcher, default_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.content import load_pack

    monkeypatch.setattr(country, "system_locale_name", lambda: "ru_LV")
    _app, window = launch(default_pack, content_language="ru")
    record = load_pack(default_pack).countries.records["LV"]  # type: ignore[union-attr]
    window.open_section("definition-elements")
    text = page_text(window)
    assert "Латвия" in text and "Krimināllikums" in text
    assert record.texts["ru"]["summary"] in " ".join(text.split())
    window.open_section("identification-referral")
    assert "Sociālās integrācijas valsts aģentūra" in page_text(window)
    assert "+371 28612120" in page_text(window)
    window.open_section("assistance-children")
    assert record.texts["ru"]["municipality"] in " ".join(page_text(window).split())
    window.open_section("sources-contacts")
    assert "https://likumi.lv/ta/en/en/id/308253" in page_text(window)
    window.set_my_country("SE")
    window.open_section("identification-referral")
    assert "Швеция" in page_text(window) and "020-390 000" in page_text(window)
    assert "+371 28612120" not in page_text(window)
