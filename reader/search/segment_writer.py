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
from functools import partial
from itertools import pairwise, starmap
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.filedb.filetables import _hash_functions as _HASH_FUNCTIONS
from whoosh.filedb.filetables import _lengths as _LENGTHS
from whoosh.filedb.filetables import _pointer as _POINTER
from whoosh.filedb.filetables import crc_hash
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte
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
# Terms with at most this many postings keep them in their term info, as Whoosh's codec does with
# a higher ``inlinelimit`` than its default (which inlines none): half the terms occur in one
# document, and inlined they need one pickle instead of a block with its own header, info and
# pickle, and a search reads them with the term info instead of from the postings file.
INLINE_LIMIT = 1
TERM_HASH_TYPE = _HASH_FUNCTIONS.index(crc_hash)  # 1: see _hash_terms_by_crc32
HASH_MAGIC = b"HSH3"  # what Whoosh's hash files start with, before the hash type
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
        _hash_terms_by_crc32(self.fieldwriter)
        self._postings: dict[str, dict[str, _Postings]] = {name: {} for name in self._formats}
        # Each document's length of each scored field as the byte Whoosh stores (block and term
        # statistics keep these bytes: the byte of the least length is the least byte).
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
                    self._lengths[name][docnum] = length_to_byte(length)
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
        tindex = self.fieldwriter._tindex
        tindex._write_hashes = partial(_write_hash_tables, tindex)  # Whoosh's, one write a table
        self.fieldwriter.close()


def _hash_terms_by_crc32(fieldwriter: W3FieldWriter) -> None:
    """Make the term index hash its keys by CRC-32, one of the hash types of Whoosh's hash
    files (a byte after the file's magic says which; readers follow it), instead of its default
    MD5: ``int(md5(key).hexdigest(), 16)`` was a tenth of writing a segment, and every term
    lookup of a search hashes too. The term index has written only its header yet."""
    tindex = fieldwriter._tindex
    dbfile = tindex.dbfile
    end = dbfile.tell()
    dbfile.seek(tindex.startoffset + len(HASH_MAGIC))
    dbfile.write_byte(TERM_HASH_TYPE)
    dbfile.seek(end)
    tindex.hashtype = TERM_HASH_TYPE
    tindex.hashfn = crc_hash


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
        ordered = sorted(terms)  # UTF-8 keeps the order of code points: Whoosh's byte order
        if prefix + ordered[0].encode("utf-8") <= tindex.lastkey:
            raise ValueError(f"the terms of field {name!r} do not follow the previous field's")
        for term in ordered:
            term_postings = terms[term]
            if len(term_postings) <= INLINE_LIMIT:
                value = _inlined(term_postings, kind, field_lengths)
            else:
                offset = base + len(posts)
                posts += WHOOSH3_HEADER_MAGIC
                info = _write_blocks(posts, term_postings, kind, field_lengths)
                value = info + pack_long(offset) + pack_int(base + len(posts) - offset)
            key = prefix + term.encode("utf-8")
            record = _LENGTHS.pack(len(key), len(value)) + key + value
            starts.append(position)
            hashed = hashfn(key)
            buckets[hashed & 255].append((hashed, position))
            records += record
            position += len(record)
        positions.extend(starts)
        tindex.lastkey = prefix + ordered[-1].encode("utf-8")
        postfile.write(bytes(posts))
        tindex.dbfile.write(bytes(records))
        fieldwriter.finish_field()


def _write_blocks(
    out: bytearray, postings: _Postings, kind: type, lengths: dict[int, int] | None
) -> bytes:
    """Append the blocks of one term's postings (as W3PostingsWriter writes them) to ``out``;
    returns the start of its term info (W3TermInfo.to_bytes without the extent).

    Weights are term frequencies (a field boost of 1), exact in Whoosh's 32-bit floats.
    ``lengths`` holds each document's field length as its byte (see TokenWriter).
    """
    count = len(postings)
    total_weight = 0
    min_total = 255
    max_total = 0
    max_total_weight = 0
    for start in range(0, count, BLOCK_LIMIT):
        block = postings[start : start + BLOCK_LIMIT] if count > BLOCK_LIMIT else postings
        last = start + BLOCK_LIMIT >= count
        ids, freqs, encoded = zip(*block, strict=True)
        min_byte, max_byte = _length_bytes(ids, lengths)
        min_total = min(min_total, min_byte)
        max_total = max(max_total, max_byte)
        max_weight = max(freqs)
        total_weight += sum(freqs)
        max_total_weight = max(max_total_weight, max_weight)
        if kind is Positions:
            values: Any = encoded
        elif kind is Existence:
            values = None
        else:
            values = b"".join(encoded)
        data = (_deltas(ids), _mini_weights(freqs), values)
        databytes = dumps(data, PICKLE_PROTOCOL)
        compression = COMPRESSION if len(databytes) >= COMPRESS_FROM else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        infobytes = dumps(
            (len(ids), ids[-1], float(max_weight), compression, min_byte, max_byte),
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
        min_total,
        max_total,
        max_total_weight,
        postings[0][0],
        postings[-1][0],
    )


def _inlined(postings: _Postings, kind: type, lengths: dict[int, int] | None) -> bytes:
    """The term info of a term with postings inlined (W3TermInfo.to_bytes of an inlined term):
    the statistics, then the ids, weights and values pickled, as Whoosh's postings writer
    inlines them (``W3Codec(inlinelimit=INLINE_LIMIT + 1)``)."""
    ids, freqs, encoded = zip(*postings, strict=True)
    weights = tuple(map(float, freqs))
    values = () if kind is Existence else encoded
    min_byte, max_byte = _length_bytes(ids, lengths)
    info = _TERM_INFO.pack(
        True, sum(freqs), len(ids), min_byte, max_byte, max(freqs), ids[0], ids[-1]
    )
    return info + dumps((ids, weights, values), PICKLE_PROTOCOL)


def _length_bytes(ids: tuple[int, ...], lengths: dict[int, int] | None) -> tuple[int, int]:
    """The least and greatest field-length byte of the documents ``ids`` (0, 0 for a field
    without lengths)."""
    if lengths is None:
        return 0, 0
    found = [lengths[n] for n in ids]
    return min(found), max(found)


def _deltas(ids: tuple[int, ...]) -> tuple[int, ...]:
    """Each id less the one before it (the first less 0), as W3PostingsWriter stores them."""
    return tuple(map(sub, ids, (0, *ids[:-1])))


def _mini_weights(freqs: tuple[int, ...]) -> Any:
    """The block's weights as W3PostingsWriter stores them (floats, or one for all, or None)."""
    first = freqs[0]
    if freqs.count(first) == len(freqs):
        return None if first == 1 else float(first)
    return tuple(map(float, freqs))


def _write_hash_tables(tindex: Any) -> None:
    """HashWriter._write_hashes with one ``write`` per table instead of one per slot: the same
    256 open-addressing tables of (hash, position), in the same slots (the writer test reads
    every term back through them)."""
    dbfile = tindex.dbfile
    null = (0, 0)  # no key starts at position 0 (the header is there)
    for entries in tindex.buckets:
        slots = 2 * len(entries)
        tindex.directory.append((dbfile.tell(), slots))
        table = [null] * slots
        for hashed, position in entries:
            slot = (hashed >> 8) % slots
            while table[slot] != null:
                slot = (slot + 1) % slots
            table[slot] = (hashed, position)
        dbfile.write(b"".join(starmap(_POINTER.pack, table)))
