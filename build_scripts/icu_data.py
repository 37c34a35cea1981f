"""A smaller ICU data library for the Linux bundle (used by build_bundle.py).

PySide6's ``libicudata.so.73`` (32 MB) is one ICU "common data" package, the array
``icudt73_dat``, holding ~3,900 items for every locale, converter, collation and dictionary.
QtCore is its only user, and it calls just four ICU services (``readelf --dyn-syms``):
case mapping (its data is inside libicuuc), collation (``ucol_*``: ``coll/``), time zones
(``ucal_*``: ``zone/``, zoneinfo64, metaZones, the locale's calendar data) and converters
(``ucnv_*``) for the legacy encodings Qt does not know itself, which the app never uses.

So the trimmed package keeps, for ``root`` and the app's 12 languages with their regional
variants only: the top-level locale data, ``coll/``, ``zone/``, ``lang/`` and ``region/`` (the
last two for zone names such as "Germany Time"); and every non-locale item of those trees. It
drops converter tables (``*.cnv``), break iterators and their dictionaries (``brkitr/``: Qt
breaks lines itself), transliteration, spelled-out numbers, currency and unit names. The
result is written as an ELF shared library of the same name and with the same data symbol,
with GNU ``as`` and ``ld`` (binutils, which PyInstaller's ``strip`` needs anyway).
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

from reader.i18n import UI_LANGUAGES

# ICU locale IDs of the 12 languages; "no" is the parent of "nb" and "no_NO_NY" an alias of
# "nn_NO" in ICU's data.
LANGUAGES = {"root", "no", "nn", *UI_LANGUAGES}
TREES_KEPT = {"", "coll", "zone", "lang", "region"}
LOCALE_ITEM = re.compile(r"(?P<language>[a-z]{2,3}|root)(_[A-Za-z0-9]*)*\.res")


def keep_item(name: str) -> bool:
    """``name`` without the package prefix: ``coll/lv.res``, ``de_AT.res``, ``ibm-1390.cnv``."""
    tree, _, item = name.rpartition("/")
    if tree not in TREES_KEPT or item.endswith(".cnv"):
        return False
    match = LOCALE_ITEM.fullmatch(item)
    return match is None or match.group("language") in LANGUAGES


def data_symbol(library: bytes) -> tuple[str, int, int]:
    """Name, file offset and size of the ``icudt<version>_dat`` symbol of an ELF64 library."""
    if library[:4] != b"\x7fELF" or library[4] != 2:
        raise ValueError("not a 64-bit ELF file")
    order = "<" if library[5] == 1 else ">"
    shoff, _, _, _, _, shentsize, shnum = struct.unpack_from(order + "QIHHHHHH", library, 0x28)[:7]
    sections = [
        struct.unpack_from(order + "IIQQQQIIQQ", library, shoff + index * shentsize)
        for index in range(shnum)
    ]
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind not in (2, 11):  # SHT_SYMTAB, SHT_DYNSYM
            continue
        strings = sections[link][4]
        for start in range(offset, offset + size, entsize):
            name_at, _, _, index, value, length = struct.unpack_from(
                order + "IBBHQQ", library, start
            )
            end = library.index(b"\0", strings + name_at)
            name = library[strings + name_at : end].decode()
            if re.fullmatch(r"icudt\d+_dat", name):
                address, file_offset = sections[index][3], sections[index][4]
                return name, value - address + file_offset, length
    raise ValueError("no icudt<version>_dat symbol")


def items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package header and its items (full names such as ``icudt73l/coll/lv.res``)."""
    header_size = struct.unpack_from("<H", package)[0]
    if package[2:4] != b"\xda\x27":
        raise ValueError("not ICU common data")
    if package[12:16] != b"CmnD" or package[8] != 0:
        raise ValueError("not little-endian ICU common data (CmnD)")
    count = struct.unpack_from("<I", package, header_size)[0]
    toc = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + data for _, data in toc] + [len(package)]
    found = []
    for i, (name_at, _) in enumerate(toc):
        at = header_size + name_at
        name = package[at : package.index(b"\0", at)].decode("ascii")
        found.append((name, package[starts[i] : starts[i + 1]]))
    return package[:header_size], found


def pack(header: bytes, kept: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package: header, count, table of (name, data) offsets relative to the
    end of the header, the names, then each item aligned to 16 bytes (as icupkg writes it)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    table_size = 4 + 8 * len(kept)
    data_at = table_size + len(names)
    data_at += -(len(header) + data_at) % 16
    table = [struct.pack("<I", len(kept))]
    body = bytearray()
    name_at = table_size
    for name, data in kept:
        offset = data_at + len(body)
        table.append(struct.pack("<II", name_at, offset))
        name_at += len(name) + 1
        body += data + b"\0" * (-len(data) % 16)
    head = header + b"".join(table) + names
    return head + b"\0" * (len(header) + data_at - len(head)) + bytes(body)


ASSEMBLY = """\
    .section .rodata
    .globl {symbol}
    .type {symbol}, @object
    .balign 16
{symbol}:
    .incbin "{data}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack,"",@progbits
"""


def trim_library(source: Path, target: Path) -> tuple[int, int, int]:
    """Write a trimmed copy of the ICU data library ``source`` to ``target`` (same soname and
    symbol). Returns the items kept, the items dropped and the new package size in bytes."""
    library = source.read_bytes()
    symbol, offset, size = data_symbol(library)
    header, found = items(library[offset : offset + size])
    prefix = found[0][0].split("/")[0] + "/"
    kept = [(name, data) for name, data in found if keep_item(name.removeprefix(prefix))]
    package = pack(header, kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        data, assembly, obj = (Path(work) / name for name in ("data.dat", "data.s", "data.o"))
        data.write_bytes(package)
        assembly.write_text(ASSEMBLY.format(symbol=symbol, data=data), encoding="ascii")
        subprocess.run(["as", "-o", str(obj), str(assembly)], check=True, timeout=120)
        subprocess.run(
            ["ld", "-shared", "-soname", source.name, "-o", str(target), str(obj)],
            check=True,
            timeout=120,
        )
    return len(kept), len(found) - len(kept), len(package)
