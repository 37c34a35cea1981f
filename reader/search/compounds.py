"""Compound words: split a word into words of the handbook's own vocabulary.

German, the Nordic languages, Finnish and Estonian write compounds as one word
(``Schuldknechtschaft``, ``tvångsarbete``, ``tööandja``). The index stores, beside each compound's
own forms, the stems of its parts, so that ``Schuld`` finds ``Schuldknechtschaft``; a query word is
split in the same way, so that ``Bedenkfrist`` finds a text with ``Bedenk`` and ``...frist``.

The vocabulary is every word of one language's indexed text (folded), collected while the index
is built and saved beside it (``<lang>/vocabulary.txt``), so the same splits are made at index and
query time. A split is deterministic: the longest known head first, then the language's linking
elements (``-s-``, ``-e-``, ``-n-`` ...) in a fixed order; the rest must be a known word or split
again (at most :data:`MAX_PARTS` parts). If no split into known words exists, a known head with a
rest of at least :data:`MIN_UNKNOWN_TAIL` letters is taken (``schuld`` + ``knechtschaft``, where
``Knechtschaft`` never stands alone in the text), else an unknown head and a known rest of that
length (``stabilisierung`` + ``frist``). Words are split only once and cached.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from whoosh.query import And, Or, Query, Term

from reader.search.analysis import TOKEN, fold

VOCABULARY_FILE = "vocabulary.txt"
MAX_PARTS = 3
MIN_UNKNOWN_TAIL = 5
MAX_WORD = 48  # longer "words" (URLs, garbage) are not split
CACHE_LIMIT = 200_000
PARTS_WEIGHT = 0.5  # a query word's parts weigh less than the word itself

#: Linking elements between the parts of a compound, per language, in the order they are tried.
LINKERS: dict[str, tuple[str, ...]] = {
    "de": ("", "s", "es", "n", "en", "e", "er", "ens"),
    "sv": ("", "s", "a", "e", "u", "o"),
    "da": ("", "s", "e"),
    "nb": ("", "s", "e"),
    "fi": ("",),
    "et": ("",),
    "is": ("", "s", "a", "ar", "u", "ur", "i"),
}
#: The shortest part, per language (Estonian and Icelandic have many short words: ``töö``, ``sal``).
MIN_PART: dict[str, int] = {"et": 3, "is": 3}
DEFAULT_MIN_PART = 4


def compounding(lang: str) -> bool:
    return lang in LINKERS


class Decompounder:
    """Splits the words of one language into parts from a vocabulary (folded words)."""

    def __init__(self, lang: str, vocabulary: Iterable[str]) -> None:
        self.lang = lang
        self.linkers = LINKERS.get(lang, ())
        self.min_part = MIN_PART.get(lang, DEFAULT_MIN_PART)
        self.vocabulary = frozenset(fold(w) for w in vocabulary if len(w) >= self.min_part)
        self._cache: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.vocabulary)

    def split(self, word: str) -> tuple[str, ...]:
        """The folded parts of ``word``, or ``()`` if it is not a compound of known words."""
        if not self.linkers or not self.vocabulary:
            return ()
        folded = fold(word)
        cached = self._cache.get(folded)
        if cached is not None:
            return cached
        parts: tuple[str, ...] = ()
        if len(folded) <= MAX_WORD and folded.isalpha():
            parts = (
                self._split(folded, MAX_PARTS)
                or self._split_unknown_tail(folded)
                or self._split_unknown_head(folded)
            )
        if len(self._cache) < CACHE_LIMIT:
            self._cache[folded] = parts
        return parts

    def join(self, first: str, second: str) -> str | None:
        """The compound of the handbook that two typed words make (``tvång arbete``), or None."""
        if not self.linkers:
            return None
        head, tail = fold(first), fold(second)
        if len(head) < self.min_part or len(tail) < self.min_part:
            return None
        for linker in self.linkers:
            word = head + linker + tail
            if word in self.vocabulary:
                return word
        return None

    def _split(self, word: str, budget: int) -> tuple[str, ...]:
        """Known parts only; the longest head first; ``()`` if there is none."""
        if budget < 2 or len(word) < 2 * self.min_part:
            return ()
        for end in range(len(word) - self.min_part, self.min_part - 1, -1):
            head = word[:end]
            if head not in self.vocabulary:
                continue
            for linker in self.linkers:
                if not word.startswith(linker, end):
                    continue
                rest = word[end + len(linker) :]
                if len(rest) < self.min_part:
                    continue
                if rest in self.vocabulary:
                    return (head, rest)
                tail = self._split(rest, budget - 1)
                if tail:
                    return (head, *tail)
        return ()

    def _split_unknown_tail(self, word: str) -> tuple[str, ...]:
        """A known head (the longest) and an unknown rest of at least MIN_UNKNOWN_TAIL letters."""
        for end in range(len(word) - MIN_UNKNOWN_TAIL, self.min_part - 1, -1):
            head = word[:end]
            if head not in self.vocabulary:
                continue
            for linker in self.linkers:
                if word.startswith(linker, end) and len(word) - end - len(linker) >= (
                    MIN_UNKNOWN_TAIL
                ):
                    return (head, word[end + len(linker) :])
        return ()

    def _split_unknown_head(self, word: str) -> tuple[str, ...]:
        """An unknown head of at least MIN_UNKNOWN_TAIL letters and a known rest (the longest)."""
        for start in range(MIN_UNKNOWN_TAIL, len(word) - MIN_UNKNOWN_TAIL + 1):
            rest = word[start:]
            if rest not in self.vocabulary:
                continue
            for linker in self.linkers:
                head = word[: start - len(linker)] if linker else word[:start]
                if word.endswith(linker, 0, start) and len(head) >= MIN_UNKNOWN_TAIL:
                    return (head, rest)
        return ()


def vocabulary_of(texts: Iterable[str]) -> list[str]:
    """The sorted folded words of ``texts`` (letters only, as the splitter sees them)."""
    lowered = {match.group(0).lower() for text in texts for match in TOKEN.finditer(text)}
    words = {fold(word) for word in lowered}
    return sorted(word for word in words if word.isalpha() and len(word) <= MAX_WORD)


def save_vocabulary(folder: Path, words: list[str]) -> None:
    (folder / VOCABULARY_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")


def load_decompounder(lang: str, folder: Path) -> Decompounder | None:
    """The splitter saved with a language's index, or None (other languages, an older index)."""
    if not compounding(lang):
        return None
    try:
        text = (folder / VOCABULARY_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return Decompounder(lang, (line.strip() for line in text.splitlines() if line.strip()))


def build_decompounder(lang: str, texts: Iterable[str], folder: Path) -> Decompounder | None:
    """At index time: the vocabulary of ``texts``, saved in ``folder``; None if not compounding."""
    if not compounding(lang):
        return None
    words = vocabulary_of(texts)
    save_vocabulary(folder, words)
    return Decompounder(lang, words)


def parts_query(parts: tuple[str, ...], title_boost: float, body_boost: float) -> Query:
    """All parts of a compound, each as a stem in the title or body, at PARTS_WEIGHT."""
    return And(
        [
            Or(
                [
                    Term("title_stem", part, boost=title_boost),
                    Term("body_stem", part, boost=body_boost),
                ]
            )
            for part in parts
        ],
        boost=PARTS_WEIGHT,
    )
