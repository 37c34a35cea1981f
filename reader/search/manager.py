"""Where the index of a pack lives, and getting it ready: check, install the shipped copy, build."""

from __future__ import annotations

import logging
from pathlib import Path

from reader import paths
from reader.content.model import Pack
from reader.search.build_control import CancelCheck, Progress
from reader.search.index import (
    IndexStatus,
    build_index,
    check_index,
    install_shipped_index,
    pack_hash,
    restore_interrupted_swap,
)
from reader.search.shipped_archive import archive_of, install_shipped_archive

log = logging.getLogger(__name__)

SHIPPED_INDEX = "index"


def index_folder(pack: Pack, cache: Path) -> Path:
    """The pack's index in the cache folder (never in the install folder)."""
    name = pack.manifest.id if pack.manifest else "pack"
    return cache / "index" / name


def shipped_index_folder() -> Path:
    return paths.data_root() / SHIPPED_INDEX


class IndexManager:
    def __init__(self, pack: Pack, cache: Path, shipped: Path | None = None) -> None:
        self.pack = pack
        self.folder = index_folder(pack, cache)
        self.shipped = shipped if shipped is not None else shipped_index_folder()
        self._hash: str | None = None

    @property
    def expected_hash(self) -> str:
        if self._hash is None:
            self._hash = pack_hash(self.pack)
        return self._hash

    def status(self) -> IndexStatus:
        return check_index(self.folder, self.pack, self.expected_hash)

    def prepare(self) -> IndexStatus:
        """Make the index ready without building if possible; returns the resulting status.

        A shipped copy that cannot be installed (e.g. the disk is full) is logged and the status
        of the index in place is returned, so the caller builds as it would without a copy.
        """
        restore_interrupted_swap(self.folder)
        status = self.status()
        if status.ok:
            return status
        archive = archive_of(self.shipped)
        try:
            if not self.shipped.is_dir() and archive.is_file():  # the bundle ships it zipped
                installed = install_shipped_archive(
                    archive, self.folder, self.pack, self.expected_hash
                )
            else:
                installed = install_shipped_index(
                    self.shipped, self.folder, self.pack, self.expected_hash
                )
        except OSError as exc:
            log.warning("the shipped search index could not be installed: %s", exc)
            return status
        return self.status() if installed else status

    def build(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> IndexStatus:
        """Build and switch in a new index; raises BuildCancelled (index unchanged) if cancelled."""
        build_index(self.pack, self.folder, progress, self.expected_hash, cancel)
        return self.status()
