""" "Did you mean": the closest word of an index's own vocabulary to a word it does not know.

Replaces Whoosh's corrector, whose Levenshtein automaton is built in pure Python for every word
(about 2 ms a word, the largest cost of a search with a typo in the profile). The vocabulary of a
handbook language is a few thousand words, so the candidates that share the first letter and
are at most ``MAX_DISTANCE`` letters longer or shorter are few; each is compared with a
bit-parallel edit distance (Myers / Hyyrö), a handful of integer operations per letter.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_DISTANCE = 2


def edit_distance(pattern: str, text: str) -> int:
    """The Levenshtein distance of two words (insertions, deletions, substitutions)."""
    if not pattern:
        return len(text)
    masks: dict[str, int] = {}
    for index, char in enumerate(pattern):
        masks[char] = masks.get(char, 0) | (1 << index)
    full = (1 << len(pattern)) - 1
    last = 1 << (len(pattern) - 1)
    plus, minus, distance = full, 0, len(pattern)
    for char in text:
        eq = masks.get(char, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        hp = minus | ~(xh | plus)
        hm = plus & xh
        if hp & last:
            distance += 1
        elif hm & last:
            distance -= 1
        hp = ((hp << 1) | 1) & full
        hm = (hm << 1) & full
        plus = hm | ~(xv | hp)
        minus = hp & xv
        plus &= full
    return distance


class Vocabulary:
    """The words of one field of an index with their frequency, grouped by first letter."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        self._frequency: dict[str, int] = {}
        self._by_first: dict[str, list[str]] = {}
        for word, frequency in words:
            if not word:
                continue
            self._frequency[word] = frequency
            self._by_first.setdefault(word[0], []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self._frequency

    def __len__(self) -> int:
        return len(self._frequency)

    def words(self) -> list[str]:
        return list(self._frequency)

    def closest(self, word: str, max_distance: int = MAX_DISTANCE) -> str:
        """The nearest other word with the same first letter: fewest edits, then most frequent.

        Returns "" when no word is within ``max_distance`` edits.
        """
        if not word:
            return ""
        best: tuple[int, int, str] | None = None
        for candidate in self._by_first.get(word[0], ()):
            if candidate == word or abs(len(candidate) - len(word)) > max_distance:
                continue
            distance = edit_distance(word, candidate)
            if distance > max_distance:
                continue
            rank = (distance, -self._frequency[candidate], candidate)
            if best is None or rank < best:
                best = rank
        return best[2] if best else ""
