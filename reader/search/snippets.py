"""Snippets: a short window of a hit's text with the matching words marked.

Made only for the hits shown, from the stored plain text, by comparing each word's forms with
the query's forms; this avoids Whoosh's highlighter, which dominated search time in measurements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.search.analysis import TOKEN, Analyzer, Forms

WINDOW_WORDS = 26


@dataclass
class Matcher:
    """The forms a query looks for, to recognise matching words in a text.

    A word matches when its folded form, one of its stems or a compound part is the query's, or
    its folded form starts with a prefix of the query. The exact form needs no test of its own:
    a word written as the query's word has the query word's folded form too.
    """

    folded: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def add(self, forms: Forms, prefix: bool = False) -> None:
        self.folded.add(forms.folded)
        self.stems.update(forms.stems)
        if prefix:
            self.prefixes.add(forms.folded)

    def positions(self, analyzed: AnalyzedText) -> list[int]:
        """The positions of the words of ``analyzed`` that match, in order (same as ``matches``).

        Looked up in the text's form -> positions maps, so a long text costs a few dictionary
        look-ups instead of a comparison per word.
        """
        found: set[int] = set()
        for word in self.folded:
            found.update(analyzed.by_folded.get(word, ()))
        for stem in self.stems:
            found.update(analyzed.by_stem.get(stem, ()))
        for prefix in self.prefixes:
            for word, places in analyzed.by_folded.items():
                if word.startswith(prefix):
                    found.update(places)
        return sorted(found)

    def matches(self, forms: Forms) -> bool:
        if forms.folded in self.folded:
            return True
        if any(stem in self.stems for stem in forms.stems):
            return True
        if forms.parts and any(part in self.stems for part in forms.parts):
            return True
        return any(forms.folded.startswith(prefix) for prefix in self.prefixes)


Segment = tuple[str, bool]  # (text, is a hit)


@dataclass(frozen=True, slots=True)
class AnalyzedText:
    """A text's words and where they are, with each distinct word's forms worked out once.

    Made for a hit the first time it is shown (then cached per document by the engine), so it
    is kept cheap: one regular-expression pass, and the analysis per distinct word, not per word.
    """

    text: str
    words: tuple[str, ...]  # as written
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    # Each folded form and each stem -> the positions of the words that have it.
    by_folded: dict[str, list[int]] = field(default_factory=dict)
    by_stem: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, analyzer: Analyzer) -> AnalyzedText:
        flat = " ".join(text.split())
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        positions: dict[str, list[int]] = {}
        for position, match in enumerate(TOKEN.finditer(flat)):
            word = match.group()
            words.append(word)
            start, end = match.span()
            starts.append(start)
            ends.append(end)
            places = positions.get(word)
            if places is None:
                positions[word] = [position]
            else:
                places.append(position)
        by_folded: dict[str, list[int]] = {}
        by_stem: dict[str, list[int]] = {}
        forms_of = analyzer.forms
        for word, places in positions.items():
            forms = forms_of(word)
            by_folded.setdefault(forms.folded, []).extend(places)
            for stem in forms.stems:
                by_stem.setdefault(stem, []).extend(places)
            for part in forms.parts:  # a compound's parts (none for other words)
                by_stem.setdefault(part, []).extend(places)
        return cls(flat, tuple(words), tuple(starts), tuple(ends), by_folded, by_stem)

    @classmethod
    def unanalysed(cls, text: str) -> AnalyzedText:
        """The words of ``text`` without their forms: a snippet from it marks nothing."""
        flat = " ".join(text.split())
        matches = list(TOKEN.finditer(flat))
        return cls(
            flat,
            tuple(match.group() for match in matches),
            tuple(match.start() for match in matches),
            tuple(match.end() for match in matches),
        )

    def hit_positions(self, matcher: Matcher) -> list[int]:
        return matcher.positions(self)


def matching_words(analyzed: AnalyzedText, hits: list[int]) -> list[str]:
    """The distinct words (as written) at the hit positions."""
    return list(dict.fromkeys(analyzed.words[i] for i in hits))


def make_snippet(analyzed: AnalyzedText, hits: list[int]) -> list[Segment]:
    """Up to about WINDOW_WORDS words around the densest cluster of hits, hits marked."""
    flat = analyzed.text
    count = len(analyzed.words)
    if not count:
        return []
    start = 0
    if hits:
        # The first hit that starts the window with the most hits (one pass: a common word can
        # have a thousand hits in a long section).
        best, best_count, last = hits[0], 0, 0
        for index, first in enumerate(hits):
            last = max(last, index)
            while last < len(hits) and hits[last] < first + WINDOW_WORDS:
                last += 1
            if last - index > best_count:
                best, best_count = first, last - index
        start = max(0, best - 4)
    end = min(count, start + WINDOW_WORDS)
    begin_char = analyzed.starts[start]
    end_char = analyzed.ends[end - 1] if end < count else len(flat)
    hit_set = set(hits)
    segments: list[Segment] = []
    if start > 0:
        segments.append(("… ", False))
    cursor = begin_char
    for index in range(start, end):
        if index in hit_set:
            word_start = analyzed.starts[index]
            if word_start > cursor:
                segments.append((flat[cursor:word_start], False))
            segments.append((analyzed.words[index], True))
            cursor = analyzed.ends[index]
    if end_char > cursor:
        segments.append((flat[cursor:end_char], False))
    if end < count:
        segments.append((" …", False))
    return segments


def snippet_text(segments: list[Segment], mark: tuple[str, str] = ("[", "]")) -> str:
    return "".join(f"{mark[0]}{text}{mark[1]}" if hit else text for text, hit in segments)
