"""'Show to the person' cards: content/cards/<code>.toml, loaded and checked without Qt.

Each file holds ``name`` (the language's name in its own script), ``direction`` ("ltr" or
"rtl") and a ``[cards]`` table with the fixed card ids below. The hotline text must contain
``{number}``. ``read_cards`` returns the card sets and every problem, with file and line.
"""

from __future__ import annotations

import tomllib
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
    cards: dict[str, str]

    def texts(self, number: str, *, police: bool) -> list[tuple[str, str]]:
        """The cards to show, in order; the police card only where the country allows it."""
        shown = [i for i in CARD_IDS if police or i != "police"]
        if self.direction == "rtl":  # "+371 28612120" must not turn into "28612120 371+"
            number = f"{LEFT_TO_RIGHT_ISOLATE}{number}{POP_DIRECTIONAL_ISOLATE}"
        return [(i, self.cards[i].replace("{number}", number)) for i in shown]


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


def cards_for(card_set: CardSet, record: CountryRecord | None) -> list[tuple[str, str]]:
    """The cards to show for the user's country (``None``: no country chosen).

    The police card only where the record says ``police.only_with_consent = true``; with no
    country there is no police card and the hotline card gives 112.
    """
    allowed = record is not None and record.police_card_allowed()
    return card_set.texts(hotline_number(record), police=allowed)


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
    found = len(problems)
    if code not in CARD_LANGUAGES:
        problems.append(Problem(path, None, f"unknown card language code {code!r}"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(path, None, "missing 'name' (the language's own name)"))
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
    for ident in CARD_IDS:
        text = cards.get(ident)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(path, None, f"card {ident!r}: missing card"))
    for ident in cards:
        if ident not in CARD_IDS:
            problems.append(Problem(path, _line_of(path, ident), f"unknown card id {ident!r}"))
    hotline = cards.get("hotline")
    if isinstance(hotline, str) and "{number}" not in hotline:
        line = _line_of(path, "hotline")
        problems.append(Problem(path, line, "card 'hotline': missing placeholder {number}"))
    if len(problems) > found:
        return None
    return CardSet(code, str(name), str(direction), {i: str(cards[i]) for i in CARD_IDS})


def read_cards(root: Path) -> tuple[dict[str, CardSet], list[Problem]]:
    """All card sets under ``root/cards`` (a pack without cards has none, which is fine)."""
    problems: list[Problem] = []
    sets: dict[str, CardSet] = {}
    folder = root / CARDS_DIR
    if not folder.is_dir():
        return sets, problems
    for path in sorted(folder.glob("*.toml")):
        card_set = _read_one(path, problems)
        if card_set is not None:
            sets[card_set.code] = card_set
    return sets, problems
