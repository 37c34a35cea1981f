"""'Show to the person' cards: content/cards/<code>.toml, loaded and checked without Qt.

Each file holds ``name`` (the language's name in its own script), ``direction`` ("ltr" or
"rtl") and a ``[cards]`` table with the fixed card ids below. The hotline text must contain
``{number}``. ``read_cards`` returns the card sets and every problem, with file and line.

A file with problems still gives the cards it has: a missing or broken card (a hotline text
without its number) is left out and named in ``CardSet.missing``, so the card window can show
the rest and say what is missing. Only a file that cannot be read, has no ``[cards]`` table,
no usable card at all or an unknown language code gives no set.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.content.country_records import TO_CONFIRM, CountryRecord
from reader.content.model import Problem

CARDS_DIR = "cards"
CARD_IDS = ("help", "not-to-blame", "interpreter", "reflection", "police", "hotline")
CARD_LANGUAGES = (
    "en", "da", "de", "et", "fi", "is", "lt", "lv", "nb", "pl", "ru", "sv",
    "uk", "ro", "vi", "ar",
)  # fmt: skip
RTL_LANGUAGES = frozenset({"ar"})
EMERGENCY_NUMBER = "112"
#: Unicode bidi isolates: a phone number keeps its left-to-right order inside right-to-left text.
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@dataclass(frozen=True)
class CardSet:
    code: str
    name: str
    direction: str
    cards: dict[str, str]  # only the usable cards; a complete set has every id of CARD_IDS
    missing: tuple[str, ...] = ()  # ids of CARD_IDS that are absent or broken in the file
    path: Path | None = None  # the file it was read from (named when cards are missing)

    def texts(self, number: str, *, police: bool) -> list[tuple[str, str]]:
        """The cards to show, in order; the police card only where the country allows it."""
        shown = [i for i in CARD_IDS if (police or i != "police") and i in self.cards]
        rtl = self.direction == "rtl"
        if rtl and not number.startswith(LEFT_TO_RIGHT_ISOLATE):  # not "28612120 371+"
            number = f"{LEFT_TO_RIGHT_ISOLATE}{number}{POP_DIRECTIONAL_ISOLATE}"
        return [(i, self.cards[i].replace("{number}", number)) for i in shown]

    def missing_shown(self, *, police: bool) -> list[str]:
        """The missing cards that would have been shown (a missing police card only counts
        where the country allows it)."""
        return [i for i in self.missing if police or i != "police"]


def hotline_number(record: CountryRecord | None) -> str:
    """The hotline card's number: the record's number for victims (``hotline.card_number``),
    else its hotline, else its emergency number; 112 with no record."""
    if record is not None:
        for fact, key in (
            ("hotline", "card_number"),
            ("hotline", "number"),
            ("emergency", "number"),
        ):
            number = record.value(fact, key)
            if isinstance(number, str) and number.strip() and number != TO_CONFIRM:
                return number.strip()
    return EMERGENCY_NUMBER


def cards_for(
    card_set: CardSet,
    record: CountryRecord | None,
    number_format: Callable[[str], str] | None = None,
) -> list[tuple[str, str]]:
    """The cards to show for the user's country (``None``: no country chosen).

    The police card only where the record says ``police.only_with_consent = true``; with no
    country there is no police card and the hotline card gives 112. ``number_format`` may
    dress the number for display (the card window keeps it on one line, left to right).
    """
    allowed = record is not None and record.police_card_allowed()
    number = hotline_number(record)
    return card_set.texts(number_format(number) if number_format else number, police=allowed)


def missing_for(card_set: CardSet, record: CountryRecord | None) -> list[str]:
    """The cards :func:`cards_for` would show for this country but the file lacks."""
    allowed = record is not None and record.police_card_allowed()
    return card_set.missing_shown(police=allowed)


def _line_of(path: Path, needle: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, 1):
        if line.strip().startswith(needle):
            return number
    return None


def _read_one(path: Path, problems: list[Problem]) -> CardSet | None:
    code = path.stem
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(path, None, f"cannot read card file: {exc}"))
        return None
    known = code in CARD_LANGUAGES
    if not known:
        problems.append(Problem(path, None, f"unknown card language code {code!r}"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(path, None, "missing 'name' (the language's own name)"))
        name = code  # the picker still lists the language, by its code
    direction = data.get("direction")
    want = "rtl" if code in RTL_LANGUAGES else "ltr"
    if direction is None:
        problems.append(Problem(path, None, f"missing 'direction' (must be {want!r})"))
    elif direction != want:
        line = _line_of(path, "direction")
        problems.append(Problem(path, line, f"direction is {direction!r}, must be {want!r}"))
    cards = data.get("cards")
    if not isinstance(cards, dict):
        problems.append(Problem(path, None, "missing [cards] table"))
        return None
    usable: dict[str, str] = {}
    for ident in CARD_IDS:
        text = cards.get(ident)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(path, None, f"card {ident!r}: missing card"))
        else:
            usable[ident] = text
    for ident in cards:
        if ident not in CARD_IDS:
            problems.append(Problem(path, _line_of(path, ident), f"unknown card id {ident!r}"))
    hotline = cards.get("hotline")
    if isinstance(hotline, str) and "{number}" not in hotline:
        line = _line_of(path, "hotline")
        problems.append(Problem(path, line, "card 'hotline': missing placeholder {number}"))
        usable.pop("hotline", None)  # a hotline card without the number would mislead
    if not known or not usable:
        return None
    missing = tuple(i for i in CARD_IDS if i not in usable)
    # The direction follows the language, whatever the file says: Arabic is always right to left.
    return CardSet(code, name.strip(), want, usable, missing, path)


def read_cards(root: Path) -> tuple[dict[str, CardSet], list[Problem]]:
    """All card sets under ``root/cards``, in the order of CARD_LANGUAGES (a pack without cards
    has none, which is fine)."""
    problems: list[Problem] = []
    sets: dict[str, CardSet] = {}
    folder = root / CARDS_DIR
    if not folder.is_dir():
        return sets, problems
    for path in sorted(folder.glob("*.toml")):
        card_set = _read_one(path, problems)
        if card_set is not None:
            sets[card_set.code] = card_set
    order = {code: index for index, code in enumerate(CARD_LANGUAGES)}
    return dict(sorted(sets.items(), key=lambda item: order[item[0]])), problems
