"""Turn whatever the user typed into search parts. Never raises, whatever the input.

Supported: plain words (all must match), "quoted phrases", ``word*`` prefixes, ``-word`` or
``NOT word`` to exclude, ``OR`` between two words or phrases for either. Anything else (lone
operators, unbalanced quotes, punctuation, emoji, control characters) is dropped or read as
plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.search.analysis import TOKEN

MAX_QUERY_CHARS = 400
# Parts of a query (words, phrases, alternatives joined by OR, excluded words), alternatives and
# prefixes: more parts and alternatives are dropped, more prefixes read as plain words. Each part
# is about ten Whoosh terms and a prefix ten per word it expands to, and alternatives match most
# documents: these bounds keep the slowest query well under 100 ms (build_scripts/bench_search.py
# prints the slowest of a set of worst-case inputs; reader/search/budget.py is the safety net).
MAX_PARTS = 10
MAX_ALTERNATIVES = 6
MAX_PREFIXES = 2
MAX_WORD_CHARS = 48
_PIECE = re.compile(r'"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Part:
    """One or more words: a phrase if ``phrase``, else all words anywhere (synonym terms)."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    negated: bool = False
    # Less than 1 for alternatives added by reader.search.synonyms (ranked below typed words).
    weight: float = 1.0


@dataclass
class ParsedQuery:
    # Each group is a list of alternatives (joined by OR); all groups must match.
    groups: list[list[Part]] = field(default_factory=list)
    excluded: list[Part] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    def words(self) -> list[str]:
        return [w for group in self.groups for part in group for w in part.words]


def parse_query(text: str, prefix_last: bool = False) -> ParsedQuery:
    """Parse ``text``; with ``prefix_last`` the last word is a prefix (search as you type)."""
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS]
    if text.count('"') % 2:
        text = text.replace('"', " ")
    pieces: list[tuple[str, bool]] = []
    for match in _PIECE.finditer(text):
        if match.group("phrase") is not None:
            pieces.append((match.group("phrase"), True))
        else:
            pieces.append((match.group("word"), False))
    result = ParsedQuery()
    negate_next = False
    or_next = False
    parts = prefixes = alternatives = 0
    typed_last = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    for index, (raw, quoted) in enumerate(pieces):
        if not quoted and raw in ("AND", "&&"):
            continue
        if not quoted and raw in ("OR", "||"):
            or_next = bool(result.groups)
            continue
        if not quoted and raw in ("NOT", "!"):
            negate_next = True
            continue
        negated = negate_next or (not quoted and raw.startswith("-") and len(raw) > 1)
        negate_next = False
        words = tuple(m.group(0)[:MAX_WORD_CHARS] for m in TOKEN.finditer(raw))
        if not words:
            continue
        prefix = (
            not quoted
            and len(words) == 1
            and (raw.endswith("*") or (prefix_last and index == len(pieces) - 1 and typed_last))
            and prefixes < MAX_PREFIXES
        )
        prefixes += prefix
        part = Part(words, phrase=quoted or len(words) > 1, prefix=prefix, negated=negated)
        if negated:
            result.excluded.append(part)
        elif or_next and result.groups:
            if alternatives >= MAX_ALTERNATIVES:
                or_next = False
                continue
            alternatives += 1
            result.groups[-1].append(part)
        else:
            result.groups.append([part])
        or_next = False
        parts += 1
        if parts >= MAX_PARTS:
            break
    return result
