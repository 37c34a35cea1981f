"""Stemmers for the twelve handbook languages.

Snowball stemmers (the snowballstemmer package) serve da, de, en, et, fi, lt, nb, pl, ru and sv.
Snowball has none for Latvian and Icelandic, so this module has light suffix-stripping stemmers
for both, in the manner of the published light stemmers for inflected languages (Savoy's light
stemmers; Kreslins' Latvian stemmer): remove the longest inflectional ending from a fixed list as
long as a stem of a minimum length remains, and leave derivation alone. They are meant for
recall in search, not for linguistics: the aim is that the forms of one word meet on one stem.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache

import snowballstemmer

SNOWBALL_NAMES = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "et": "estonian",
    "fi": "finnish",
    "lt": "lithuanian",
    "nb": "norwegian",
    "pl": "polish",
    "ru": "russian",
    "sv": "swedish",
}

# Latvian inflectional endings of nouns, adjectives (indefinite and definite) and the commonest
# verb forms, longest first. Each entry: (ending, shortest stem that may remain).
_LATVIAN_ENDINGS: tuple[tuple[str, int], ...] = tuple(
    sorted(
        [
            ("ajiem", 3),
            ("ajām", 3),
            ("ajās", 3),
            ("ajai", 3),
            ("ajam", 3),
            ("ajos", 3),
            ("ošajiem", 3),
            ("ošajām", 3),
            ("ošais", 3),
            ("ošās", 3),
            ("ošā", 3),
            ("ošo", 3),
            ("iem", 2),
            ("ajā", 3),
            ("ais", 3),
            ("ajs", 3),
            ("ām", 2),
            ("ēm", 2),
            ("ās", 2),
            ("ēs", 2),
            ("os", 2),
            ("ai", 2),
            ("ei", 2),
            ("am", 2),
            ("im", 2),
            ("um", 2),
            ("us", 2),
            ("is", 2),
            ("es", 2),
            ("as", 2),
            ("ie", 2),
            ("ot", 3),
            ("a", 2),
            ("e", 2),
            ("i", 2),
            ("u", 2),
            ("ā", 2),
            ("ē", 2),
            ("ī", 2),
            ("o", 2),
            ("s", 2),
            ("š", 2),
            ("t", 3),
        ],
        key=lambda item: -len(item[0]),
    )
)

# Icelandic endings in two passes: first the suffixed definite article, then the case and number
# ending before it (``mansalsins`` -> ``mansals`` -> ``mansal``), longest first in each pass.
_ICELANDIC_ARTICLE: tuple[tuple[str, int], ...] = (
    ("unnar", 3),
    ("innar", 3),
    ("unni", 3),
    ("inum", 3),
    ("inni", 3),
    ("anna", 3),
    ("inu", 3),
    ("ins", 3),
    ("inn", 3),
    ("nir", 4),
    ("nar", 4),
    ("num", 4),
    ("ið", 3),
    ("in", 4),
)
_ICELANDIC_CASE: tuple[tuple[str, int], ...] = (
    ("um", 2),
    ("ar", 2),
    ("ir", 2),
    ("ur", 2),
    ("a", 2),
    ("i", 2),
    ("u", 2),
    ("s", 3),
)


def _strip(word: str, endings: tuple[tuple[str, int], ...]) -> str:
    for ending, min_stem in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            return word[: -len(ending)]
    return word


def stem_latvian(word: str) -> str:
    """Light Latvian stemmer: ``cilvēku``, ``cilvēks``, ``cilvēkiem`` -> ``cilvēk``."""
    return _strip(word, _LATVIAN_ENDINGS)


def stem_icelandic(word: str) -> str:
    """Light Icelandic stemmer: ``mansal``, ``mansals``, ``mansalið`` -> ``mansal``."""
    return _strip(_strip(word, _ICELANDIC_ARTICLE), _ICELANDIC_CASE)


@cache
def get_stemmer(lang: str) -> Callable[[str], str]:
    """A function from a lowercase word to its stem, for ``lang``; the identity if unknown."""
    if lang == "lv":
        return stem_latvian
    if lang == "is":
        return stem_icelandic
    name = SNOWBALL_NAMES.get(lang)
    if name is None:
        return str
    stemmer = snowballstemmer.stemmer(name)
    lock = threading.Lock()

    def stem(word: str) -> str:
        # A Snowball stemmer keeps the word being stemmed in the object: two threads using it at
        # once (the search thread warming up, the window analysing a page) corrupt each other.
        with lock:
            return stemmer.stemWord(word)  # type: ignore[no-any-return]

    return stem
