"""Importing pack files: every refusal leaves the pack in use working; a good one switches."""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.packs.install import ImportCancelled, PackImportError, import_pack
from reader.packs.selection import choose_pack, current_dir, packs_dir, previous_dir
from reader.packs.signing import sign
from reader.paths import Folders, user_folders
from tests.packs.packfiles import (
    KEY_ID,
    Keys,
    loads_cleanly,
    make_keys,
    run_cli,
    search_hits,
    signed_pack,
    tiny_content,
    zip_folder,
)


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    return make_keys(tmp_path)


@pytest.fixture
def installed(tmp_path: Path, keys: Keys) -> Folders:
    """Edition 2.0 (with the word "firstedition") installed and in use."""
    folders = user_folders().ensure()
    import_pack(signed_pack(tmp_path, keys, "2.0", "firstedition"), folders, key_dirs=[keys.folder])
    assert search_hits(folders, "firstedition") == ("2.0", 1)
    return folders


def _content(tmp: Path, name: str = "bad", edition: str = "3.0") -> Path:
    return tiny_content(tmp / name, edition, "secondedition")


def _with_member(tmp: Path, keys: Keys, info: zipfile.ZipInfo, data: bytes) -> Path:
    archive = zip_folder(_content(tmp), tmp / "bad.zip", ((info, data),))
    sign(archive, keys.key, KEY_ID)
    return archive


def zip_slip(tmp: Path, keys: Keys) -> Path:
    return _with_member(tmp, keys, zipfile.ZipInfo("en/../../evil.txt"), b"x")


def absolute_path(tmp: Path, keys: Keys) -> Path:
    return _with_member(tmp, keys, zipfile.ZipInfo("/tmp/evil.txt"), b"x")


def symlink(tmp: Path, keys: Keys) -> Path:
    info = zipfile.ZipInfo("en/link.md")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _with_member(tmp, keys, info, b"/etc/passwd")


def zip_bomb(tmp: Path, keys: Keys) -> Path:
    info = zipfile.ZipInfo("en/bomb.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    return _with_member(tmp, keys, info, bytes(25 * 1024 * 1024))  # 25 MB of zeros, ~25 kB


def too_many_files(tmp: Path, keys: Keys) -> Path:
    archive = zip_folder(_content(tmp), tmp / "bad.zip")
    with zipfile.ZipFile(archive, "a") as zf:
        for number in range(5001):
            zf.writestr(f"en/images/f{number}.png", b"")
    sign(archive, keys.key, KEY_ID)
    return archive


def bad_signature(tmp: Path, keys: Keys) -> Path:
    archive = zip_folder(_content(tmp), tmp / "bad.zip")
    sign(archive, keys.key, KEY_ID)
    data = bytearray(archive.read_bytes())
    data[100] ^= 0xFF
    archive.write_bytes(bytes(data))
    return archive


def unknown_key(tmp: Path, keys: Keys) -> Path:
    from nacl.signing import SigningKey

    archive = zip_folder(_content(tmp), tmp / "bad.zip")
    sign(archive, SigningKey.generate(), "stranger")
    return archive


def bad_manifest(tmp: Path, keys: Keys) -> Path:
    content = _content(tmp)
    manifest = content / "manifest.toml"
    manifest.write_text(manifest.read_text().replace('edition = "3.0"', "edition = 3.0 ]"))
    archive = zip_folder(content, tmp / "bad.zip")
    sign(archive, keys.key, KEY_ID)
    return archive


def missing_language(tmp: Path, keys: Keys) -> Path:
    content = _content(tmp)
    manifest = content / "manifest.toml"
    manifest.write_text(manifest.read_text().replace(', "sv"]', "]"))
    (content / "sv").rename(tmp / "sv-left-out")
    archive = zip_folder(content, tmp / "bad.zip")
    sign(archive, keys.key, KEY_ID)
    return archive


def not_newer(tmp: Path, keys: Keys) -> Path:
    return signed_pack(tmp, keys, "2.0", "secondedition", name="bad")


REFUSALS: dict[str, tuple[Callable[[Path, Keys], Path], str]] = {
    "zip-slip": (zip_slip, r"bad\.zip: member en/\.\./\.\./evil\.txt leaves the pack"),
    "absolute path": (absolute_path, r"member /tmp/evil\.txt is an absolute path"),
    "symlink": (symlink, r"member en/link\.md is a symbolic link"),
    "zip bomb": (zip_bomb, r"member en/bomb\.bin is larger than the limit"),
    "too many files": (too_many_files, r"5\d\d\d files is more than the limit of 5000"),
    "bad signature": (bad_signature, r"bad\.zip: the signature does not match"),
    "unknown key": (unknown_key, r"bad\.zip: signed by unknown key stranger"),
    "bad manifest": (bad_manifest, r"bad\.zip: the pack has 1 problem:\nmanifest\.toml:3: "),
    "missing language": (
        missing_language,
        r"manifest\.toml:6: languages lacks sv; a pack must have all of en, da",
    ),
    "not newer": (not_newer, r"edition 2\.0, which is not newer than the installed edition 2\.0"),
}


def _assert_unchanged(folders: Folders) -> None:
    """The pack in use is edition 2.0, loads cleanly and a real search on it finds its text."""
    assert search_hits(folders, "firstedition") == ("2.0", 1)
    assert search_hits(folders, "secondedition")[1] == 0
    assert loads_cleanly(current_dir(folders))
    assert not previous_dir(folders).exists()
    assert not list(packs_dir(folders).glob(".staging-*"))


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusal_in_process(case: str, tmp_path: Path, keys: Keys, installed: Folders) -> None:
    maker, message = REFUSALS[case]
    with pytest.raises(PackImportError, match=message):
        import_pack(maker(tmp_path, keys), installed, key_dirs=[keys.folder])
    _assert_unchanged(installed)


@pytest.mark.parametrize("case", ["zip-slip", "bad signature", "missing language", "not newer"])
def test_refusal_through_the_cli(
    case: str, tmp_path: Path, keys: Keys, installed: Folders, isolated_home: Path
) -> None:
    maker, message = REFUSALS[case]
    archive = maker(tmp_path, keys)
    result = run_cli("import-pack", str(archive), "--keys", str(keys.folder), home=isolated_home)
    assert result.returncode == 1, result.stderr
    assert "import-pack: refused, nothing was changed: " in result.stderr
    assert re.search(message, result.stderr), result.stderr
    _assert_unchanged(installed)


def test_zip_slip_writes_nothing_outside(tmp_path: Path, keys: Keys, installed: Folders) -> None:
    with pytest.raises(PackImportError):
        import_pack(zip_slip(tmp_path, keys), installed, key_dirs=[keys.folder])
    assert not (tmp_path / "evil.txt").exists()
    assert not list(tmp_path.rglob("evil.txt"))


def test_force_reinstalls_and_keeps_previous(
    tmp_path: Path, keys: Keys, installed: Folders
) -> None:
    result = import_pack(not_newer(tmp_path, keys), installed, key_dirs=[keys.folder], force=True)
    assert (result.edition, result.previous_edition) == ("2.0", "2.0")
    assert search_hits(installed, "secondedition") == ("2.0", 1)
    assert search_hits(installed, "firstedition")[1] == 0
    assert loads_cleanly(previous_dir(installed))  # the one it replaced


def test_newer_edition_switches_and_previous_is_replaced(
    tmp_path: Path, keys: Keys, installed: Folders
) -> None:
    progress: list[tuple[str, int, int]] = []
    result = import_pack(
        signed_pack(tmp_path, keys, "2.1", "secondedition"),
        installed,
        key_dirs=[keys.folder],
        progress=lambda *args: progress.append(args),
    )
    assert (result.edition, result.previous_edition, result.key_id) == ("2.1", "2.0", KEY_ID)
    assert search_hits(installed, "secondedition") == ("2.1", 1)
    assert "firstedition" in (previous_dir(installed) / "en" / "intro.md").read_text()
    stages = [stage for stage, _done, _total in progress]
    assert stages[0] == "Checking the signature" and stages[-1] == "Switching to the new edition"
    assert "Building the search index (sv)" in stages
    import_pack(
        signed_pack(tmp_path, keys, "2.2", "thirdedition"), installed, key_dirs=[keys.folder]
    )
    assert "secondedition" in (previous_dir(installed) / "en" / "intro.md").read_text()


def test_crash_left_staging_is_cleaned(tmp_path: Path, keys: Keys, installed: Folders) -> None:
    stale = packs_dir(installed) / ".staging-crashed"
    (stale / "en").mkdir(parents=True)
    (stale / "en" / "half.md").write_text("half written", encoding="utf-8")
    import_pack(
        signed_pack(tmp_path, keys, "2.1", "secondedition"), installed, key_dirs=[keys.folder]
    )
    assert not stale.exists()
    assert search_hits(installed, "secondedition") == ("2.1", 1)


def test_cancel_during_the_index_build_changes_nothing(
    tmp_path: Path, keys: Keys, installed: Folders
) -> None:
    stages: list[str] = []
    with pytest.raises(ImportCancelled, match="nothing was changed"):
        import_pack(
            signed_pack(tmp_path, keys, "2.1", "secondedition"),
            installed,
            key_dirs=[keys.folder],
            progress=lambda stage, _d, _t: stages.append(stage),
            cancel=lambda: any(stage.startswith("Building the search index (") for stage in stages),
        )
    assert "Building the search index (en)" in stages
    _assert_unchanged(installed)


def test_start_up_falls_back_from_a_damaged_installed_pack(installed: Folders) -> None:
    (current_dir(installed) / "en" / "intro.md").unlink()
    choice = choose_pack(installed)
    assert not choice.installed and choice.pack.manifest is not None
    assert choice.pack.manifest.edition == "1.0"  # the built-in one
    assert "is not used because it is damaged" in choice.notice
    assert "intro.md" in choice.notice


def test_start_up_uses_previous_when_a_crash_left_no_current(installed: Folders) -> None:
    current_dir(installed).rename(previous_dir(installed))
    assert search_hits(installed, "firstedition") == ("2.0", 1)


def test_an_installed_pack_older_than_the_built_in_one_is_not_used(
    tmp_path: Path, keys: Keys
) -> None:
    folders = user_folders().ensure()
    import_pack(
        signed_pack(tmp_path, keys, "0.9", "oldedition"),
        folders,
        key_dirs=[keys.folder],
        force=True,
    )
    choice = choose_pack(folders)
    assert not choice.installed
    assert "edition 0.9 is older than the built-in edition 1.0" in choice.notice


def test_one_import_at_a_time(tmp_path: Path, keys: Keys, installed: Folders) -> None:
    from reader.packs.install import LOCK_FILE
    from reader.packs.lock import ImportLock

    archive = signed_pack(tmp_path, keys, "2.1", "secondedition")
    busy = pytest.raises(PackImportError, match="another import of a pack is running")
    with ImportLock(packs_dir(installed) / LOCK_FILE), busy:
        import_pack(archive, installed, key_dirs=[keys.folder])
    _assert_unchanged(installed)
    import_pack(archive, installed, key_dirs=[keys.folder])  # the lock is free again
    assert search_hits(installed, "secondedition") == ("2.1", 1)


def test_a_failed_switch_leaves_the_pack_in_use(
    tmp_path: Path, keys: Keys, installed: Folders
) -> None:
    """The last rename fails (e.g. a virus scanner holds the folder): the old pack is put back."""
    archive = signed_pack(tmp_path, keys, "2.1", "secondedition")
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:  # the OS refuses only the staging rename
        if self.name.startswith(".staging-"):
            raise PermissionError(13, "Access is denied", str(target))
        return real_rename(self, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "rename", rename)
        with pytest.raises(PackImportError, match=r"cannot install the pack: .*Access is denied"):
            import_pack(archive, installed, key_dirs=[keys.folder])
    _assert_unchanged(installed)  # current is edition 2.0 again, and no previous is left
