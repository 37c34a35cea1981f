"""Everyday words: a per-language table that maps what field staff type to the handbook's terms.

``content/<lang>/synonyms.toml`` (docs/PACK_FORMAT.md) maps everyday words, older terms,
abbreviations and common misspellings to terms the handbook uses::

    format = 1

    [synonyms]
    "fórnarlamb" = ["þolandi", "þolendur"]
    sunnitöö = "sunniviisiline töö"

At query time each typed word (or quoted phrase, or the whole query when it is exactly a
several-word entry) that matches an entry, by its folded form or its stem, gets the entry's terms
as alternatives. Two typed words that make one of the handbook's compounds (``tvång arbete``)
also match that compound. The terms weigh :data:`SYNONYM_WEIGHT` of the typed word, so exact
forms still rank
first, and at most :data:`MAX_EXPANSIONS` terms are added to one query, so that a long query of
entry words stays as fast as any other. A file that cannot be read is ignored by the app (and
reported by ``strom-reader validate``); a broken entry is skipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from reader.content.model import Problem
from reader.search.analysis import Analyzer, fold, tokenize
from reader.search.query import ParsedQuery, Part

SYNONYMS_FILE = "synonyms.toml"
FORMAT = 1
SYNONYM_WEIGHT = 0.5
MAX_EXPANSIONS = 12  # terms added to one query, in all
MAX_TERMS = 4  # terms of one entry that are used
MIN_STEM_MATCH = 4  # entries are also found by stem, if the stem is at least this long
_KEY_LINE = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*=')
_TOP_KEYS = {"format", "synonyms"}


@dataclass(frozen=True)
class Entry:
    word: str  # as written in the file
    terms: tuple[str, ...]
    line: int


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _KEY_LINE.match(line)
        if match:
            key = next(group for group in match.groups() if group is not None)
            lines.setdefault(key, number)
    return lines


def _line_in_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def read_synonyms(path: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of a synonyms file and every problem in it, with its line."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(path, None, f"cannot be read: {error}")]
    except tomllib.TOMLDecodeError as error:
        return [], [Problem(path, _line_in_message(str(error)), f"is not valid TOML: {error}")]
    lines = _key_lines(text)
    problems: list[Problem] = []
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(Problem(path, lines.get(key), f"unknown key {key!r}"))
    if data.get("format", FORMAT) != FORMAT:
        problems.append(
            Problem(path, lines.get("format"), f"format must be {FORMAT}, not {data['format']!r}")
        )
    table = data.get("synonyms", {})
    if not isinstance(table, dict):
        problems.append(Problem(path, lines.get("synonyms"), "'synonyms' must be a table"))
        return [], problems
    entries: list[Entry] = []
    for word, value in table.items():
        line = lines.get(word)
        terms = [value] if isinstance(value, str) else value
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            problems.append(Problem(path, line, f"{word!r}: the terms must be a string or a list"))
            continue
        if not any(tokenize(word)):
            problems.append(Problem(path, line, f"empty entry {word!r}: no word to look for"))
            continue
        cleaned = tuple(t.strip() for t in terms if any(tokenize(t)))
        if len(cleaned) < len(terms) or not cleaned:
            problems.append(Problem(path, line, f"{word!r}: an empty term"))
        if cleaned:
            entries.append(Entry(word, cleaned, line or 0))
    return entries, problems


def key_of(text: str) -> str:
    """How an entry and a query are compared: folded words, one space apart."""
    return " ".join(fold(token.text) for token in tokenize(text))


class SynonymTable:
    """The entries of one language, found by the folded words or (single words) by stem."""

    def __init__(self, entries: list[Entry], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.by_key: dict[str, tuple[str, ...]] = {}
        self.by_stem: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            key = key_of(entry.word)
            terms = entry.terms[:MAX_TERMS]
            self.by_key[key] = tuple(dict.fromkeys(self.by_key.get(key, ()) + terms))
            if " " not in key:
                for stem in analyzer.forms(key).stems:
                    if len(stem) >= MIN_STEM_MATCH:
                        self.by_stem.setdefault(stem, terms)

    @classmethod
    def load(cls, path: Path, analyzer: Analyzer) -> SynonymTable:
        entries: list[Entry] = []
        if path.is_file():
            entries, _problems = read_synonyms(path)  # reported by `validate`
        return cls(entries, analyzer)

    def __len__(self) -> int:
        return len(self.by_key)

    def terms(self, part: Part) -> tuple[str, ...]:
        if part.negated or part.weight != 1.0:
            return ()
        key = " ".join(fold(word) for word in part.words)
        found = self.by_key.get(key)
        if found is None and len(part.words) == 1 and not part.prefix:
            for stem in self.analyzer.forms(part.words[0]).stems:
                found = self.by_stem.get(stem)
                if found:
                    break
        return found or ()

    def expand(self, parsed: ParsedQuery) -> ParsedQuery:
        """``parsed`` with the entries' terms as weaker alternatives; ``parsed`` if none match."""
        if parsed.empty or not (self.by_key or self.analyzer.splitter):
            return parsed
        groups = [list(group) for group in parsed.groups]
        whole = [g[0] for g in groups if len(g) == 1 and not g[0].phrase and not g[0].negated]
        if len(groups) > 1 and len(whole) == len(groups):
            # "forced labour" typed without quotes: the same AND of its words, as one part.
            words = tuple(w for part in whole for w in part.words)
            joined = Part(words)
            if self.terms(joined):
                groups = [[joined]]
        groups = self._join_compounds(groups)
        budget = MAX_EXPANSIONS
        for group in groups:
            added: list[Part] = []
            for part in group:
                typed = key_of(" ".join(part.words))
                for term in self.terms(part):
                    words = tuple(t.text for t in tokenize(term))
                    if budget <= 0 or key_of(term) == typed:
                        continue
                    added.append(Part(words, phrase=False, weight=SYNONYM_WEIGHT))
                    budget -= 1
            group.extend(added)
            if budget <= 0:
                break
        if groups == parsed.groups:
            return parsed
        return replace(parsed, groups=groups)

    def _join_compounds(self, groups: list[list[Part]]) -> list[list[Part]]:
        """Two typed words that make one of the handbook's compounds (``tvång arbete``) match
        as before, or as that compound."""
        splitter = self.analyzer.splitter
        if splitter is None or len(groups) < 2:
            return groups
        joined: list[list[Part]] = []
        index = 0
        while index < len(groups):
            group = groups[index]
            after = groups[index + 1] if index + 1 < len(groups) else None
            if after is not None and _single_word(group) and _single_word(after):
                compound = splitter.join(group[0].words[0], after[0].words[0])
                if compound:
                    joined.append([Part(group[0].words + after[0].words), Part((compound,))])
                    index += 2
                    continue
            joined.append(group)
            index += 1
        return joined


def _single_word(group: list[Part]) -> bool:
    part = group[0]
    return len(group) == 1 and len(part.words) == 1 and not part.negated and part.weight == 1
