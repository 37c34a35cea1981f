"""What the reader view, the slides and the print documents may load: files inside the pack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from reader.ui.pack_resources import pack_resource_path


def test_only_pack_urls_to_files_inside_the_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "en" / "img").mkdir(parents=True)
    image = pack / "en" / "img" / "map.png"
    image.write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    assert pack_resource_path(pack, "pack:en/img/map.png") == image.resolve()
    assert pack_resource_path(pack, QUrl("pack:en/img/map.png")) == image.resolve()
    assert pack_resource_path(pack, "pack:../secret.txt") is None
    assert pack_resource_path(pack, "pack:en/img/missing.png") is None
    assert pack_resource_path(pack, f"file://{tmp_path / 'secret.txt'}") is None
    assert pack_resource_path(pack, "https://example.org/map.png") is None
    assert pack_resource_path(pack, "en/img/map.png") is None  # a relative path is not a pack URL
