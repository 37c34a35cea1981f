"""The safe unzip refuses every escape and every oversize archive, on real zip files."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from reader.packs.safezip import CancelledError, Limits, UnsafeArchiveError, extract


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def nothing_written(dest: Path) -> bool:
    return not dest.exists() or not any(p.is_file() for p in dest.rglob("*"))


def test_good_archive_is_extracted(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "ok.zip", {"manifest.toml": b"x", "en/a.md": b"# A\n"})
    seen: list[tuple[int, int]] = []
    extract(archive, tmp_path / "out", progress=lambda d, t: seen.append((d, t)))
    assert (tmp_path / "out" / "en" / "a.md").read_bytes() == b"# A\n"
    assert seen[-1] == (2, 2)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.md", "leaves the pack"),
        ("en/../../evil.md", "leaves the pack"),
        ("/etc/evil.md", "absolute path"),
        ("C:/evil.md", "absolute path"),
        ("en\\evil.md", "backslash"),
    ],
)
def test_paths_leaving_the_pack_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    archive = make_zip(tmp_path / "bad.zip", {"manifest.toml": b"x", name: b"evil"})
    dest = tmp_path / "out"
    with pytest.raises(UnsafeArchiveError, match=reason) as info:
        extract(archive, dest)
    assert "bad.zip" in str(info.value)
    assert name in str(info.value)
    assert nothing_written(dest)
    assert not (tmp_path / "evil.md").exists()


@pytest.mark.parametrize(
    ("mode", "reason"), [(stat.S_IFLNK, "symbolic link"), (stat.S_IFIFO, "special")]
)
def test_links_and_special_files_are_refused(tmp_path: Path, mode: int, reason: str) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.toml", b"x")
        info = zipfile.ZipInfo("en/link.md")
        info.external_attr = (mode | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchiveError, match=reason):
        extract(archive, tmp_path / "out")
    assert nothing_written(tmp_path / "out")


def test_too_many_files_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"en/{i}.md": b"x" for i in range(11)})
    with pytest.raises(UnsafeArchiveError, match="11 files"):
        extract(archive, tmp_path / "out", Limits(max_files=10))
    assert nothing_written(tmp_path / "out")


def test_member_over_limit_is_refused_from_directory(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "big.zip", {"en/big.md": b"0" * 5000})
    with pytest.raises(UnsafeArchiveError, match=r"en/big\.md is larger"):
        extract(archive, tmp_path / "out", Limits(max_member_bytes=4096))
    assert nothing_written(tmp_path / "out")


def test_total_over_limit_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "total.zip", {f"en/{i}.md": b"0" * 900 for i in range(5)})
    with pytest.raises(UnsafeArchiveError, match="unpacked size"):
        extract(archive, tmp_path / "out", Limits(max_total_bytes=4000))
    assert nothing_written(tmp_path / "out")


def test_member_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    """A zip bomb: 10 MB of zeros declared as 10 bytes in both headers."""
    archive = make_zip(tmp_path / "bomb.zip", {"en/bomb.md": b"\0" * 10_000_000})
    data = bytearray(archive.read_bytes())
    real = (10_000_000).to_bytes(4, "little")
    lie = (10).to_bytes(4, "little")
    assert data.count(real) == 2
    archive.write_bytes(bytes(data).replace(real, lie))
    with zipfile.ZipFile(archive) as zf:
        assert zf.getinfo("en/bomb.md").file_size == 10
    dest = tmp_path / "out"
    with pytest.raises(UnsafeArchiveError, match=r"bomb\.zip"):
        extract(archive, dest, Limits(max_member_bytes=1000))
    written = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    assert written <= 1000


def test_cancel_stops_before_writing(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "ok.zip", {"en/a.md": b"a"})
    with pytest.raises(CancelledError):
        extract(archive, tmp_path / "out", cancelled=lambda: True)
    assert nothing_written(tmp_path / "out")
