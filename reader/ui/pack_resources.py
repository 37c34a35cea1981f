"""The one rule for what a QTextDocument may load: files inside the pack, nothing else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from reader.content.render import PACK_SCHEME, pack_relative_path


def pack_resource_path(pack_root: Path, name: QUrl | str) -> Path | None:
    """The file a ``pack:`` URL names inside ``pack_root``; None for any other URL or path."""
    url = QUrl(name) if isinstance(name, str) else name
    if url.scheme() != PACK_SCHEME:
        return None
    return pack_relative_path(pack_root, url.toString())
