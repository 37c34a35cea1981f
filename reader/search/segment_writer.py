"""Writing one language's Whoosh segment from token lists the analyzer has already made.

Whoosh's own ``add_document`` tokenises every field again, passes each posting through a sorting
pool, and at commit reads each posting's field length back from the lengths column and writes
every term through several layers of calls, each block pickled and compressed on its own. The
profile of a full build (12 languages, 115 000 terms, 430 000 postings) showed that commit as half
of the build. :class:`TokenWriter` takes the tokens as lists, collects postings in dicts and writes
the same files in the same format: the Whoosh 3 codec's blocks, term infos and field lengths, the
same postings, statistics and stored fields that Whoosh's writer writes for the same documents
(tests/search/test_segment_writer.py compares the two term by term); only small blocks are left
uncompressed (see COMPRESS_FROM). Whoosh's reader, scoring and merging are unchanged.

It uses private parts of Whoosh's W3FieldWriter and OrderedHashWriter (the postings file, the
term index's buckets); the comparison test fails if a Whoosh release changes them.

Only the field formats this schema uses are written here: Existence (ID), Frequency and Positions
(TEXT without and with phrases), all with a field boost of 1. Stored fields and field lengths go
through Whoosh's own per-document writer.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from collections.abc import Mapping
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.filedb.filetables import _lengths as _LENGTHS
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

# The postings of one term: (document number, frequency, encoded value) in document order.
_Postings = list[tuple[int, int, bytes]]

BLOCK_LIMIT = 128  # postings per block, as the Whoosh 3 codec's default
COMPRESSION = 3  # zlib level of a block, as the codec's default
# Whoosh compresses every block, even the 70-byte ones of the many rare terms, where starting zlib
# costs more than the rest of the term (6 of 16 us) for a few bytes saved. Each block's header says
# whether it is compressed, and Whoosh's reader follows it. Blocks from this size up are compressed:
# the index grows by about 5 %.
COMPRESS_FROM = 256
# Whoosh pickles blocks with protocol 2, which has no type for bytes: each encoded position list
# in a block becomes a call of codecs.encode on a latin-1 string, 1.7 us and 70 bytes for a block
# of one posting. Protocol 3 has bytes (0.26 us, 29 bytes); Whoosh reads blocks with
# pickle.loads, which takes any protocol. 3 and not a higher one: 4 adds a frame header to
# every pickle, nine bytes on blocks of a few dozen. A posting's own value (its positions, as
# Whoosh's Positions.encode makes it) stays protocol 2, byte for byte what Whoosh writes: a list
# of ints, where the two protocols differ only in the header.
PICKLE_PROTOCOL = 3
_PACKED_FREQ = [pack_uint(n) for n in range(64)]
_ONE_POSITION: dict[int, bytes] = {}
_TERM_INFO: struct.Struct = W3TermInfo._struct


class TokenWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh has no type hints
    """A segment writer whose documents come as token lists (see the module text).

    Use :meth:`add_tokens` instead of ``add_document``; ``commit`` and ``cancel`` as usual.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        self._formats = _field_formats(ix.schema)  # before the lock is taken
        super().__init__(ix, **kwargs)
        self._postings: dict[str, dict[str, _Postings]] = {name: {} for name in self._formats}
        # Each document's length of each scored field, as Whoosh reads it back (a byte).
        self._lengths: dict[str, dict[int, int]] = {name: {} for name in self._formats}

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
            value: Any
            if name in ids:
                value = ids[name]
                _append(self._postings[name], value, (docnum, 1, b""))
            elif name in texts:
                tokens = texts[name]
                if field.scorable and tokens:
                    length = len(tokens)
                    self._lengths[name][docnum] = byte_to_length(length_to_byte(length))
                if self._formats[name] is Positions:
                    _add_positions(self._postings[name], tokens, docnum)
                else:
                    _add_frequencies(self._postings[name], tokens, docnum)
                value = " ".join(tokens) if field.stored else None
            else:
                value = stored[name]
            writer.add_field(name, field, value if field.stored else None, length)
        writer.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        _write_postings(self.fieldwriter, self.schema, self._postings, self._lengths)
        self.fieldwriter.close()


def _append(terms: dict[str, _Postings], term: str, posting: tuple[int, int, bytes]) -> None:
    found = terms.get(term)
    if found is None:
        terms[term] = [posting]
    else:
        found.append(posting)


def _add_frequencies(terms: dict[str, _Postings], tokens: list[str], docnum: int) -> None:
    for term, count in Counter(tokens).items():
        packed = _PACKED_FREQ[count] if count < len(_PACKED_FREQ) else pack_uint(count)
        found = terms.get(term)
        if found is None:
            terms[term] = [(docnum, count, packed)]
        else:
            found.append((docnum, count, packed))


def _add_positions(terms: dict[str, _Postings], tokens: list[str], docnum: int) -> None:
    positions: dict[str, list[int]] = {}
    for position, token in enumerate(tokens):
        found = positions.get(token)
        if found is None:
            positions[token] = [position]
        else:
            found.append(position)
    for term, where in positions.items():
        if len(where) == 1:  # most words occur once in a document
            value = _ONE_POSITION.get(where[0]) or _one_position(where[0])
        else:
            deltas = [where[0], *(b - a for a, b in pairwise(where))]
            value = pack_uint(len(deltas)) + dumps(deltas, 2)
        _append(terms, term, (docnum, len(where), value))


def _one_position(position: int) -> bytes:
    """The encoded positions (Whoosh's Positions.encode) of a word found once."""
    value: bytes = pack_uint(1) + dumps([position], 2)
    _ONE_POSITION[position] = value
    return value


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
    lengths: dict[str, dict[int, int]],
) -> None:
    """Every term of every field in Whoosh's order (field, then term bytes), as Whoosh writes.

    The postings file and the term index (an ordered hash file) get their records as Whoosh's
    W3PostingsWriter and OrderedHashWriter would write them, one ``write`` per field.
    """
    postfile = fieldwriter._postfile
    tindex = fieldwriter._tindex
    hashfn = tindex.hashfn
    buckets = tindex.buckets
    positions = tindex.index
    for name in sorted(postings):
        terms = postings[name]
        if not terms:
            continue
        field = schema[name]
        fieldwriter.start_field(name, field)
        prefix = pack_ushort(fieldwriter._fieldid)
        kind = type(field.format)
        field_lengths = lengths[name] if field.scorable else None
        base = postfile.tell()
        posts = bytearray()
        records = bytearray()
        starts: list[int] = []  # each record's position, for the term index's own index
        position = tindex.dbfile.tell()
        ordered = sorted((term.encode("utf-8"), term) for term in terms)
        if prefix + ordered[0][0] <= tindex.lastkey:
            raise ValueError(f"the terms of field {name!r} do not follow the previous field's")
        for btext, term in ordered:
            offset = base + len(posts)
            posts += WHOOSH3_HEADER_MAGIC
            info = _write_blocks(posts, terms[term], kind, field_lengths)
            value = info + pack_long(offset) + pack_int(base + len(posts) - offset)
            key = prefix + btext
            record = _LENGTHS.pack(len(key), len(value)) + key + value
            starts.append(position)
            hashed = hashfn(key)
            buckets[hashed & 255].append((hashed, position))
            records += record
            position += len(record)
        positions.extend(starts)
        tindex.lastkey = prefix + ordered[-1][0]
        postfile.write(bytes(posts))
        tindex.dbfile.write(bytes(records))
        fieldwriter.finish_field()


def _write_blocks(
    out: bytearray, postings: _Postings, kind: type, lengths: dict[int, int] | None
) -> bytes:
    """Append the blocks of one term's postings (as W3PostingsWriter writes them) to ``out``;
    returns the start of its term info (W3TermInfo.to_bytes without the extent).

    Weights are term frequencies (a field boost of 1), exact in Whoosh's 32-bit floats.
    """
    count = len(postings)
    if count == 1:
        return _write_one(out, postings[0], kind, lengths)
    total_weight = 0
    min_total: int | None = None
    max_total = 0
    max_total_weight = 0
    for start in range(0, count, BLOCK_LIMIT):
        block = postings[start : start + BLOCK_LIMIT] if count > BLOCK_LIMIT else postings
        last = start + BLOCK_LIMIT >= count
        ids = [p[0] for p in block]
        freqs = [p[1] for p in block]
        if lengths is None:
            min_length, max_length = None, 0
        else:
            block_lengths = [lengths[n] for n in ids]
            min_length, max_length = min(block_lengths), max(block_lengths)
            if min_total is None or min_length < min_total:
                min_total = min_length
            max_total = max(max_total, max_length)
        max_weight = max(freqs)
        total_weight += sum(freqs)
        max_total_weight = max(max_total_weight, max_weight)
        if kind is Positions:
            values: Any = tuple(p[2] for p in block)
        elif kind is Existence:
            values = None
        else:
            values = b"".join([p[2] for p in block])
        data = (_deltas(ids), _mini_weights(freqs), values)
        databytes = dumps(data, PICKLE_PROTOCOL)
        compression = COMPRESSION if len(databytes) >= COMPRESS_FROM else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                float(max_weight),
                compression,
                length_to_byte(min_length),
                length_to_byte(max_length),
            ),
            PICKLE_PROTOCOL,
        )
        size = len(infobytes) + len(databytes)
        out += pack_int(-size if last else size)
        out += infobytes
        out += databytes
    return _TERM_INFO.pack(
        False,
        total_weight,
        count,
        0 if min_total is None else length_to_byte(min_total),
        length_to_byte(max_total),
        max_total_weight,
        postings[0][0],
        postings[-1][0],
    )


def _write_one(
    out: bytearray, posting: tuple[int, int, bytes], kind: type, lengths: dict[int, int] | None
) -> bytes:
    """_write_blocks for the commonest term: one posting (a word found in one document)."""
    docnum, freq, value = posting
    length = None if lengths is None else lengths[docnum]
    values = (value,) if kind is Positions else None if kind is Existence else value
    databytes = dumps(((docnum,), None if freq == 1 else float(freq), values), PICKLE_PROTOCOL)
    compression = COMPRESSION if len(databytes) >= COMPRESS_FROM else 0
    if compression:
        databytes = zlib.compress(databytes, compression)
    length_byte = length_to_byte(length)
    infobytes = dumps(
        (1, docnum, float(freq), compression, length_byte, length_byte), PICKLE_PROTOCOL
    )
    out += pack_int(-len(infobytes) - len(databytes))
    out += infobytes
    out += databytes
    return _TERM_INFO.pack(False, freq, 1, length_byte, length_byte, freq, docnum, docnum)


def _deltas(ids: list[int]) -> tuple[int, ...]:
    base = 0
    out = []
    for n in ids:
        out.append(n - base)
        base = n
    return tuple(out)


def _mini_weights(freqs: list[int]) -> Any:
    """The block's weights as W3PostingsWriter stores them (floats, or one for all, or None)."""
    first = freqs[0]
    if all(f == first for f in freqs):
        return None if first == 1 else float(first)
    return tuple(float(f) for f in freqs)
