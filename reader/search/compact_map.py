"""A read-only word -> text map held in a few large objects instead of one string per word.

The lemma tables of the twelve languages have some 163 000 forms. As a dict, each form is a
Python string (50-90 bytes) plus its slot: about 22 MiB that the app keeps for as long as it
runs (tracemalloc of the warm-up). Here the keys are UTF-8 in one bytes object, grouped in
buckets by a CRC-32 of the key, with each bucket's start in an array; the values are a list
with each distinct value once (many forms share a lemma), and an entry names its value by
number. A lookup is a CRC, two array reads and a ``bytes.find`` within one bucket of a few
entries, all in C: about a microsecond, against a dict's tenth of one, for a table a fifth the
size.

Keys must not contain a tab or a newline (entries are ``\\n key \\t number``); words never do.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate
from zlib import crc32

ENTRIES_PER_BUCKET = 4


class CompactMap:
    """``key -> value`` for words, read-only once made; the first of repeated keys wins."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        # Made in comprehensions and C calls: the twelve lemma tables are made at every start.
        unique = dict(reversed(list(items)))  # the first of repeated keys wins
        self._values = list(dict.fromkeys(unique.values()))
        numbers = {value: number for number, value in enumerate(self._values)}
        encoded = [key.encode("utf-8") for key in unique]
        entries = [
            b"\n%s\t%d" % (key, numbers[value])
            for key, value in zip(encoded, unique.values(), strict=True)
        ]
        self._count = len(entries)
        self._buckets = max(1, len(entries) // ENTRIES_PER_BUCKET)
        buckets = self._buckets
        bucket_of = [crc32(key) % buckets for key in encoded]
        order = sorted(range(len(entries)), key=bucket_of.__getitem__)
        self._blob = b"".join([entries[number] for number in order])
        if self._blob.count(b"\t") != len(entries) or self._blob.count(b"\n") != len(entries):
            bad = next(key for key in unique if "\t" in key or "\n" in key)
            raise ValueError(f"a key with a tab or a newline: {bad!r}")
        in_order = [bucket_of[number] for number in order]
        ends = [0, *accumulate(len(entries[number]) for number in order)]
        self._starts = array("I", [ends[bisect_left(in_order, b)] for b in range(buckets + 1)])

    def __len__(self) -> int:
        return self._count

    def get(self, key: str) -> str | None:
        try:
            encoded = key.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no word of ours
            return None
        bucket = crc32(encoded) % self._buckets
        start, end = self._starts[bucket], self._starts[bucket + 1]
        found = self._blob.find(b"\n" + encoded + b"\t", start, end)
        if found < 0:
            return None
        number_at = found + len(encoded) + 2
        number_end = self._blob.find(b"\n", number_at, end)
        return self._values[int(self._blob[number_at : number_end if number_end >= 0 else end])]

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def items(self) -> Iterator[tuple[str, str]]:
        """Every entry, in no particular order."""
        for entry in self._blob.split(b"\n")[1:]:
            key, _tab, number = entry.partition(b"\t")
            yield key.decode("utf-8"), self._values[int(number)]
