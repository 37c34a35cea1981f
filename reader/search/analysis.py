"""Text analysis for search: tokens, diacritic folding, stems and lemmas, per language.

Every word is indexed in three forms, each in its own field, so that exact matches rank above
folded ones and folded ones above stemmed ones:

- exact: lowercased (``cilvēku``);
- folded: lowercased, diacritics removed (``cilveku``);
- stems: the stem of the lowercased word, then folded (``cilvek``), plus the folded lemma where
  the pack's lemma table knows the word (Polish ``handlu`` -> ``handel``). Stemming comes before
  folding so that the stemmer sees the real word. In languages that write compounds as one word,
  the stems of a compound's parts are indexed here too (``schuldknechtschaft`` -> ``schuld``,
  ``knechtschaft``; see :mod:`reader.search.compounds`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.search.compact_map import CompactMap
from reader.search.stemmers import get_stemmer

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL_FOLDS = str.maketrans(
    {"ø": "o", "æ": "ae", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "œ": "oe", "đ": "d", "ı": "i"}
)


def fold_slowly(text: str) -> str:
    """What :func:`fold` returns, computed on the whole text (the definition; tests compare)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _FoldTable(dict[int, str]):
    """Code point -> its folded text, filled on first use; for ``str.translate``.

    NFKD decomposes each character on its own and only reorders combining marks, which folding
    drops, so folding character by character gives what folding the whole (lowercased) text
    gives. The build folds some 360 000 words (lemma tables, vocabularies): a lookup per letter
    instead of a normalisation per word.
    """

    def __missing__(self, code: int) -> str:
        folded = fold_slowly(chr(code))
        self[code] = folded
        return folded


_FOLDS = _FoldTable()


def fold(text: str) -> str:
    """Remove diacritics: ``žmonėmis`` -> ``zmonemis``, ``Ærø`` -> ``aero`` (after lowercasing)."""
    lower = text.lower()
    return lower if lower.isascii() else lower.translate(_FOLDS)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    start: int
    end: int


def tokenize(text: str) -> Iterator[Token]:
    for match in TOKEN.finditer(text):
        yield Token(match.group(0), match.start(), match.end())


@dataclass(frozen=True, slots=True)
class Forms:
    exact: str
    folded: str
    stems: tuple[str, ...]
    # The stems of a compound's parts, one per part (empty for other words).
    parts: tuple[str, ...] = ()


class Splitter(Protocol):
    def split(self, word: str) -> tuple[str, ...]: ...

    def join(self, first: str, second: str) -> str | None: ...


class LemmaTable:
    """Inflected form -> lemma for the words of one language's pack text.

    Built at build time from the simplemma dictionaries (build_scripts/build_lemmas.py), keeping
    only the forms of lemmas that occur in the pack, so it stays small enough for an old PC.
    A word typed without diacritics finds its lemma through the folded forms. Held lean, as all
    twelve languages' tables stay loaded in the app (about 35 MiB as plain dictionaries, 4 MiB in
    :class:`~reader.search.compact_map.CompactMap` s, tracemalloc), and a folded form is kept
    only where folding changes the form (the others are found among the forms themselves).
    """

    def __init__(self, entries: dict[str, str] | None = None, compact: bool = False) -> None:
        """``compact``: held in CompactMaps (a fifth of the memory, a lookup ~1 µs instead of
        0.1, three times as long to make): for the app, which keeps the tables; the index
        build's worker processes use plain dictionaries."""
        entries = entries or {}
        self.by_form: CompactMap | dict[str, str]
        self.by_folded: CompactMap | dict[str, str]
        if compact:
            self.by_form = CompactMap(entries.items())
            self.by_folded = CompactMap(self._changed_folds(entries))
        else:
            self.by_form = dict(entries)
            self.by_folded = dict(self._changed_folds(entries))

    @staticmethod
    def _changed_folds(entries: dict[str, str]) -> Iterator[tuple[str, str]]:
        """(folded form, lemma) where folding changes the form; the first form to fold to a
        text wins, also over a later form that is that text itself (as it always has)."""
        claimed: set[str] = set()
        for form, lemma in entries.items():
            folded = fold(form)
            if folded in claimed:
                continue
            claimed.add(folded)
            if folded != form:
                yield folded, lemma

    @classmethod
    def load(cls, path: Path, compact: bool = False) -> LemmaTable:
        entries: dict[str, str] = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                form, sep, lemma = line.partition("\t")
                if sep and form and lemma:
                    entries[form] = lemma
        return cls(entries, compact)

    def __len__(self) -> int:
        return len(self.by_form)

    def items(self) -> Iterator[tuple[str, str]]:
        """Every (form, lemma)."""
        return iter(self.by_form.items())

    def lemma(self, word: str) -> str | None:
        found = self.by_form.get(word)
        if found:
            return found
        folded = fold(word)
        return self.by_folded.get(folded) or self.by_form.get(folded)


class Analyzer:
    """The three forms of each word in one language, cached (a handbook's vocabulary is small)."""

    def __init__(
        self, lang: str, lemmas: LemmaTable | None = None, splitter: Splitter | None = None
    ) -> None:
        self.lang = lang
        self.lemmas = lemmas or LemmaTable()
        self.splitter = splitter
        self._stem = get_stemmer(lang)
        self._cache: dict[str, Forms] = {}
        self._index_cache: dict[str, tuple[str, str, tuple[str, ...], bool]] = {}

    def forms(self, word: str) -> Forms:
        lower = word.lower()
        cached = self._cache.get(lower)
        if cached is not None:
            return cached
        stems = {fold(self._stem(lower))}
        lemma = self.lemmas.lemma(lower)
        if lemma:
            stems.add(fold(lemma))
        parts: tuple[str, ...] = ()
        if self.splitter is not None:
            parts = tuple(self._part_stem(part) for part in self.splitter.split(lower))
        forms = Forms(lower, fold(lower), tuple(sorted(stems)), parts)
        if len(self._cache) < 500_000:
            self._cache[lower] = forms
        return forms

    def _part_stem(self, part: str) -> str:
        """The stem of one (folded) part, made as for a word typed without diacritics."""
        return fold(self._stem(part))

    def index_forms(self, word: str) -> tuple[str, str, tuple[str, ...], bool]:
        """The exact and folded form of ``word`` (as written), the terms of the stem field (stems,
        then the parts' stems that are not stems) and whether folding changes the word."""
        cached = self._index_cache.get(word)
        if cached is None:
            forms = self.forms(word)
            stems = forms.stems + tuple(part for part in forms.parts if part not in forms.stems)
            cached = (forms.exact, forms.folded, stems, forms.folded != forms.exact)
            if len(self._index_cache) < 500_000:
                self._index_cache[word] = cached
        return cached

    def tokens(self, text: str) -> tuple[list[str], list[str], list[str], list[str]]:
        """The index terms of ``text``: every exact word, the exact words that folding changes,
        the folded words and the stem terms, each in text order."""
        exact: list[str] = []
        changed: list[str] = []
        folded: list[str] = []
        stems: list[str] = []
        forms = self.index_forms
        for word in TOKEN.findall(text):
            word_exact, word_folded, word_stems, is_changed = forms(word)
            exact.append(word_exact)
            if is_changed:
                changed.append(word_exact)
            folded.append(word_folded)
            stems.extend(word_stems)
        return exact, changed, folded, stems

    def fields(self, text: str) -> tuple[str, str, str]:
        """The text as space-separated exact, folded and stem tokens."""
        exact, _changed, folded, stems = self.tokens(text)
        return " ".join(exact), " ".join(folded), " ".join(stems)
