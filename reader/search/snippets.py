"""Snippets: a short window of a hit's text with the matching words marked.

Made only for the hits shown, from the stored plain text, by comparing each word's forms with
the query's forms; this avoids Whoosh's highlighter, which dominated search time in measurements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.search.analysis import Analyzer, Forms, Token, tokenize

WINDOW_WORDS = 26


@dataclass
class Matcher:
    """The forms a query looks for, to recognise matching words in a text."""

    exact: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def add(self, forms: Forms, prefix: bool = False) -> None:
        self.exact.add(forms.exact)
        self.folded.add(forms.folded)
        self.stems.update(forms.stems)
        if prefix:
            self.prefixes.add(forms.folded)

    def matches(self, forms: Forms) -> bool:
        if forms.exact in self.exact or forms.folded in self.folded:
            return True
        if any(stem in self.stems for stem in forms.stems):
            return True
        if forms.parts and any(part in self.stems for part in forms.parts):
            return True
        return any(forms.folded.startswith(prefix) for prefix in self.prefixes)


Segment = tuple[str, bool]  # (text, is a hit)


@dataclass(frozen=True)
class AnalyzedText:
    """A text with each word's forms worked out once (cached per document by the engine)."""

    text: str
    tokens: tuple[Token, ...]
    forms: tuple[Forms, ...]

    @classmethod
    def of(cls, text: str, analyzer: Analyzer) -> AnalyzedText:
        flat = " ".join(text.split())
        tokens = tuple(tokenize(flat))
        return cls(flat, tokens, tuple(analyzer.forms(t.text) for t in tokens))

    def hit_positions(self, matcher: Matcher) -> list[int]:
        return [i for i, forms in enumerate(self.forms) if matcher.matches(forms)]


def matching_words(analyzed: AnalyzedText, hits: list[int]) -> list[str]:
    """The distinct words (as written) at the hit positions."""
    return list(dict.fromkeys(analyzed.tokens[i].text for i in hits))


def make_snippet(analyzed: AnalyzedText, hits: list[int]) -> list[Segment]:
    """Up to about WINDOW_WORDS words around the densest cluster of hits, hits marked."""
    flat = analyzed.text
    tokens = analyzed.tokens
    if not tokens:
        return []
    start = 0
    if hits:
        best, best_count = hits[0], 0
        for first in hits:
            count = sum(1 for h in hits if first <= h < first + WINDOW_WORDS)
            if count > best_count:
                best, best_count = first, count
        start = max(0, best - 4)
    end = min(len(tokens), start + WINDOW_WORDS)
    begin_char = tokens[start].start
    end_char = tokens[end - 1].end if end < len(tokens) else len(flat)
    hit_set = set(hits)
    segments: list[Segment] = []
    if start > 0:
        segments.append(("… ", False))
    cursor = begin_char
    for index in range(start, end):
        token = tokens[index]
        if index in hit_set:
            if token.start > cursor:
                segments.append((flat[cursor : token.start], False))
            segments.append((token.text, True))
            cursor = token.end
    if end_char > cursor:
        segments.append((flat[cursor:end_char], False))
    if end < len(tokens):
        segments.append((" …", False))
    return segments


def snippet_text(segments: list[Segment], mark: tuple[str, str] = ("[", "]")) -> str:
    return "".join(f"{mark[0]}{text}{mark[1]}" if hit else text for text, hit in segments)
