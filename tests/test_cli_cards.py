"""``strom-reader cards-pdf``: the cards as a PDF for pre-printing, run as a separate process."""

from __future__ import annotations

from pathlib import Path

from reader.content.cards import CARD_LANGUAGES, hotline_number, read_cards
from reader.content.countries import load_countries
from tests.printing.pdf_pages import read_pdf, squash
from tests.test_cli import run_cli
from tests.test_cli_errors import assert_one_line_error

CONTENT = Path(__file__).resolve().parents[1] / "content"


def test_every_language_by_default_with_112_and_no_police_card(
    isolated_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "cards.pdf"
    result = run_cli("--pack", str(CONTENT), "cards-pdf", str(target), home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert f"{len(CARD_LANGUAGES)} page(s) written to {target}" in result.stdout
    assert "hotline 112" in result.stdout
    pages = read_pdf(target)
    assert len(pages) == len(CARD_LANGUAGES)
    assert all(abs(p.width - 595) <= 1 and abs(p.height - 842) <= 1 for p in pages)
    english = read_cards(CONTENT)[0]["en"]
    assert squash("You can call for help: 112") in pages[0].squashed
    assert squash(english.cards["police"]) not in pages[0].squashed


def test_chosen_languages_in_order_for_a_country(isolated_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "de.pdf"
    result = run_cli(
        "--pack", str(CONTENT), "cards-pdf", str(target), "--lang", "ar, DE", "--country", "de",
        home=isolated_home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ar, de = read_pdf(target)
    assert len(ar.squashed) > 50
    number = hotline_number(load_countries(CONTENT, list(CARD_LANGUAGES)).records["DE"])
    assert squash("Deutsch") in de.squashed and squash(number) in de.squashed
    police = read_cards(CONTENT)[0]["de"].cards["police"]
    assert squash(police) in de.squashed  # Germany allows the police card


def test_bad_arguments_and_paths_are_one_line(isolated_home: Path, tmp_path: Path) -> None:
    target = str(tmp_path / "cards.pdf")
    assert_one_line_error(
        run_cli("cards-pdf", target, "--lang", "en,xx", home=isolated_home),
        "strom-reader cards-pdf:", "unknown card language xx", "ar",
    )  # fmt: skip
    assert_one_line_error(
        run_cli("cards-pdf", target, "--country", "FR", home=isolated_home),
        "unknown country 'FR'", "LV", "none",
    )  # fmt: skip
    missing = tmp_path / "no-folder" / "cards.pdf"
    assert_one_line_error(
        run_cli("cards-pdf", str(missing), home=isolated_home), "does not exist", "no-folder"
    )
    assert_one_line_error(run_cli("cards-pdf", str(tmp_path), home=isolated_home), "is a folder")
    assert not Path(target).exists()
