"""Writing one language's Whoosh segment from token lists the analyzer has already made.

Whoosh's own ``add_document`` tokenises every field again, passes each posting through a sorting
pool, and at commit reads each posting's field length back from the lengths column and writes
every term through several layers of calls, each block pickled and compressed on its own. The
profile of a full build (12 languages, 115 000 terms, 430 000 postings) showed that commit as half
of the build. :class:`TokenWriter` takes the tokens as lists, collects postings in dicts and writes
the same files in the same format: the Whoosh 3 codec's blocks, term infos and field lengths, byte
for byte what Whoosh's writer writes for the same documents (tests/search/test_segment_writer.py
compares the two). Whoosh's reader, scoring and merging are unchanged.

Only the field formats this schema uses are written here: Existence (ID), Frequency and Positions
(TEXT without and with phrases), all with a field boost of 1. Stored fields and field lengths go
through Whoosh's own per-document writer.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

# Postings of one term: document numbers, weights, encoded values, field lengths.
_Postings = tuple[list[int], list[float], list[bytes], list[int]]

BLOCK_LIMIT = 128  # postings per block, as the Whoosh 3 codec's default
COMPRESSION = 3  # zlib level of a block, as the codec's default
# Whoosh compresses every block, even the 30-byte ones of the many rare terms, which zlib makes
# longer; the reader decompresses a block only if its header says it was compressed.
COMPRESS_FROM = 64
_PACKED_FREQ = [pack_uint(n) for n in range(64)]


class TokenWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh has no type hints
    """A segment writer whose documents come as token lists (see the module text).

    Use :meth:`add_tokens` instead of ``add_document``; ``commit`` and ``cancel`` as usual.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        self._formats = _field_formats(ix.schema)  # before the lock is taken
        super().__init__(ix, **kwargs)
        self._postings: dict[str, dict[str, _Postings]] = {name: {} for name in self._formats}

    def add_tokens(
        self, stored: Mapping[str, Any], ids: Mapping[str, str], texts: Mapping[str, list[str]]
    ) -> None:
        """One document: stored-only values, ID fields (one term each) and token lists."""
        self._check_state()
        docnum = self.docnum
        schema = self.schema
        writer = self.perdocwriter
        writer.start_doc(docnum)
        for name in sorted({*stored, *ids, *texts}):
            field = schema[name]
            length = 0
            if name in ids:
                self._add(name, ids[name], docnum, 1.0, b"", 0)
                value: Any = ids[name]
            elif name in texts:
                tokens = texts[name]
                length = len(tokens) if field.scorable else 0
                qlength = byte_to_length(length_to_byte(length)) if length else 0
                if self._formats[name] is Positions:
                    self._add_positions(name, tokens, docnum, qlength)
                else:
                    self._add_frequencies(name, tokens, docnum, qlength)
                value = " ".join(tokens) if field.stored else None
            else:
                value = stored[name]
            writer.add_field(name, field, value if field.stored else None, length)
        writer.finish_doc()
        self._added = True
        self.docnum += 1

    def _add(self, name: str, term: str, docnum: int, weight: float, value: bytes, n: int) -> None:
        postings = self._postings[name].get(term)
        if postings is None:
            postings = self._postings[name][term] = ([], [], [], [])
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(value)
        postings[3].append(n)

    def _add_frequencies(self, name: str, tokens: list[str], docnum: int, length: int) -> None:
        counts: dict[str, int] = {}
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
        for term, count in counts.items():
            packed = _PACKED_FREQ[count] if count < 64 else pack_uint(count)
            self._add(name, term, docnum, float(count), packed, length)

    def _add_positions(self, name: str, tokens: list[str], docnum: int, length: int) -> None:
        positions: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            found = positions.get(token)
            if found is None:
                positions[token] = [position]
            else:
                found.append(position)
        for term, where in positions.items():
            deltas = [where[0]] + [b - a for a, b in pairwise(where)]
            value = pack_uint(len(deltas)) + dumps(deltas, 2)
            self._add(name, term, docnum, float(len(where)), value, length)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        _write_postings(self.fieldwriter, self.schema, self._postings, self._formats)
        self.fieldwriter.close()


def _field_formats(schema: Any) -> dict[str, type]:
    """The format of each indexed field; ValueError for a field this writer cannot write."""
    formats: dict[str, type] = {}
    for name, field in schema.items():
        if not field.indexed:
            continue
        kind = type(field.format)
        if kind not in (Existence, Frequency, Positions) or field.format.field_boost != 1.0:
            raise ValueError(f"field {name!r}: the token writer cannot write {kind.__name__}")
        if field.separate_spelling() or field.vector or field.column_type:
            raise ValueError(f"field {name!r}: spelling, vectors and columns are not written")
        formats[name] = kind
    return formats


def _write_postings(
    fieldwriter: W3FieldWriter,
    schema: Any,
    postings: dict[str, dict[str, _Postings]],
    formats: dict[str, type],
) -> None:
    """Every term of every field in Whoosh's order (field, then term bytes), as Whoosh writes."""
    postfile = fieldwriter._postfile
    tindex = fieldwriter._tindex
    for name in sorted(postings):
        terms = postings[name]
        if not terms:
            continue
        fieldwriter.start_field(name, schema[name])
        prefix = pack_ushort(fieldwriter._fieldid)
        kind = formats[name]
        for btext, term in sorted((term.encode("utf-8"), term) for term in terms):
            info = _write_term(postfile, terms[term], kind)
            tindex.add(prefix + btext, info.to_bytes())
        fieldwriter.finish_field()


def _write_term(postfile: Any, postings: _Postings, kind: type) -> W3TermInfo:
    """The blocks of one term's postings (as W3PostingsWriter writes them) and its term info."""
    docnums, weights, values, lengths = postings
    info = W3TermInfo()
    offset = postfile.tell()
    out = bytearray(WHOOSH3_HEADER_MAGIC)
    count = len(docnums)
    for start in range(0, count, BLOCK_LIMIT):
        end = min(start + BLOCK_LIMIT, count)
        ids = docnums[start:end]
        block_weights = array("f", weights[start:end])
        known = [n for n in lengths[start:end] if n]
        min_length = min(known) if known else None
        max_length = max(known) if known else 0
        max_weight = max(max(weights[start:end]), 0)
        info._weight += sum(block_weights)
        info._df += len(ids)
        if info._minlength is None:
            info._minlength = min_length
        elif min_length is not None:
            info._minlength = min(info._minlength, min_length)
        info._maxlength = max(info._maxlength, max_length)
        info._maxweight = max(info._maxweight, max_weight)
        if info._minid is None:
            info._minid = ids[0]
        info._maxid = ids[-1]
        data = (_deltas(ids), _mini_weights(block_weights), _mini_values(values[start:end], kind))
        databytes = dumps(data, 2)
        compression = COMPRESSION if len(databytes) >= COMPRESS_FROM else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                max_weight,
                compression,
                length_to_byte(min_length),
                length_to_byte(max_length),
            ),
            2,
        )
        size = len(infobytes) + len(databytes)
        out += pack_int(-size if end == count else size)
        out += infobytes
        out += databytes
    postfile.write(bytes(out))
    info.set_extent(offset, len(out))
    return info


def _deltas(ids: list[int]) -> tuple[int, ...]:
    base = 0
    out = []
    for n in ids:
        out.append(n - base)
        base = n
    return tuple(out)


def _mini_weights(weights: array[float]) -> Any:
    if all(w == 1.0 for w in weights):
        return None
    if all(w == weights[0] for w in weights):
        return weights[0]
    return tuple(weights)


def _mini_values(values: Iterable[bytes], kind: type) -> Any:
    if kind is Positions:
        return tuple(values)
    if kind is Existence:
        return None
    return b"".join(values)
