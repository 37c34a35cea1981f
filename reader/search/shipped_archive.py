"""The prebuilt index shipped as one zip (``reader/_data/index.zip``) instead of a folder.

The offline bundle carries the index zipped: it is copied to the cache on the first start in any
case, so unpacking it there costs a fraction of a second once, and the bundle folder is about
15 MB smaller (issue 10: at most 120 MB). The wheel still ships the folder. The zip is unpacked
with the pack files' safe unzip and checked like a copied folder before it is swapped in, so a
damaged archive only means the index is built, as if none had been shipped.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reader.content.model import Pack
from reader.packs.safezip import Limits, UnsafeArchiveError, extract
from reader.search.index import install_prepared

log = logging.getLogger(__name__)

ARCHIVE_SUFFIX = ".zip"
# The 12-language index is about 25 MB in some 40 files; the limits only stop a broken file.
LIMITS = Limits(max_member_bytes=100 * 1024 * 1024, max_total_bytes=500 * 1024 * 1024)


def archive_of(shipped: Path) -> Path:
    """Where the zipped form of the shipped index folder ``shipped`` would be."""
    return shipped.with_name(shipped.name + ARCHIVE_SUFFIX)


def install_shipped_archive(archive: Path, target: Path, pack: Pack, expected_hash: str) -> bool:
    """Unpack the shipped index zip beside ``target``, check it, then swap it in.

    Returns False (and logs why) when the archive is damaged or holds an index of other
    content; an OSError (e.g. a full disk) is raised, with nothing left behind.
    """
    try:
        status = install_prepared(
            target, lambda staging: extract(archive, staging, LIMITS), pack, expected_hash
        )
    except UnsafeArchiveError as exc:
        log.warning("the shipped search index cannot be unpacked: %s", exc)
        return False
    if not status.ok:
        log.warning("the shipped search index %s is not usable: %s", archive, status.message)
    return status.ok


def write_index_archive(folder: Path, archive: Path) -> Path:
    """Zip the index in ``folder`` as ``archive`` (deflate; members relative to the folder)."""
    import zipfile

    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.endswith(("_LOCK", ".lock")):
                zipped.write(path, path.relative_to(folder).as_posix())
    return archive
