""" "Did you mean": the closest word of an index's own vocabulary to a word it does not know.

Replaces Whoosh's corrector, whose Levenshtein automaton is built in pure Python for every word
(about 2 ms a word, the largest cost of a search with a typo in the profile). The vocabulary of a
handbook language is a few thousand words, so the candidates that share the first letter and
are at most ``MAX_DISTANCE`` letters longer or shorter are few; each is compared with a
bit-parallel edit distance (Myers / Hyyrö), a handful of integer operations per letter. Before
that, a candidate goes only if it misses too many of the word's letters or has too many of its
own (:func:`letter_bits`): every letter one word has and the other lacks costs at least one edit,
and comparing two bit masks is much cheaper than the distance (most candidates stop there).
"""

from __future__ import annotations

from array import array
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


def letter_bits(word: str) -> int:
    """A bit per letter of ``word`` (letters may share a bit: the bound then only gets weaker)."""
    bits = 0
    for char in word:
        bits |= 1 << (ord(char) % 64)
    return bits


class Vocabulary:
    """The words of one field of an index with their frequency, grouped by first letter."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        self._frequency: dict[str, int] = {}
        # First letter -> the words and, in the same order, their letter bits (an array: a
        # Python int a word would cost some 30 bytes more, for ~20 000 words in 12 languages).
        self._by_first: dict[str, tuple[list[str], array[int]]] = {}
        for word, frequency in words:
            if not word:
                continue
            self._frequency[word] = frequency
            group = self._by_first.get(word[0])
            if group is None:
                group = self._by_first[word[0]] = ([], array("Q"))
            group[0].append(word)
            group[1].append(letter_bits(word))

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
        bits = letter_bits(word)
        candidates, letters = self._by_first.get(word[0], ([], array("Q")))
        for candidate, candidate_bits in zip(candidates, letters, strict=True):
            if candidate == word or abs(len(candidate) - len(word)) > max_distance:
                continue
            missing = (bits & ~candidate_bits).bit_count()  # letters the candidate lacks
            extra = (candidate_bits & ~bits).bit_count()  # letters only the candidate has
            if missing > max_distance or extra > max_distance:
                continue
            distance = edit_distance(word, candidate)
            if distance > max_distance:
                continue
            rank = (distance, -self._frequency[candidate], candidate)
            if best is None or rank < best:
                best = rank
        return best[2] if best else ""
