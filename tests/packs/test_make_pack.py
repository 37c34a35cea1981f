"""The publisher's path end to end: make_pack.py -> import-pack -> search finds the new text."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from reader.packs.selection import choose_pack
from reader.paths import user_folders
from tests.conftest import MINI_PACK
from tests.packs.packfiles import REPO, run_cli, search_hits, tiny_content

SCRIPT = REPO / "build_scripts" / "make_pack.py"


def make_pack(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300
    )


def test_new_key_then_pack_then_import_then_search(tmp_path: Path, isolated_home: Path) -> None:
    keys = tmp_path / "keys"
    made = make_pack("--new-key", str(keys), "--key-id", "test-2099")
    assert made.returncode == 0, made.stderr
    private, public = keys / "test-2099.key", keys / "test-2099.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert len(public.read_text().strip()) == 64
    content = tiny_content(tmp_path / "content", "2.0", "publishedword")
    out = tmp_path / "out"
    built = make_pack(
        "--content", str(content), "--out", str(out), "--key", str(private), "--keys", str(keys)
    )
    assert built.returncode == 0, built.stderr
    archive = out / "strom-handbook-2.0.zip"
    assert "signed with key test-2099" in built.stdout
    assert 'key_id = "test-2099"' in (out / "strom-handbook-2.0.zip.sig").read_text()

    assert not choose_pack(user_folders()).installed

    imported = run_cli("import-pack", str(archive), "--keys", str(keys), home=isolated_home)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("installed edition 2.0 (was 1.0), 12 languages")
    assert "Building the search index (sv)" in imported.stderr

    after = run_cli("search", "publishedword", home=isolated_home)
    assert after.returncode == 0, after.stderr
    assert "intro-what" in after.stdout and "[publishedword]" in after.stdout
    assert search_hits(user_folders(), "publishedword") == ("2.0", 1)
    # --pack still overrides the installed edition.
    other = run_cli("--pack", str(MINI_PACK), "search", "publishedword", home=isolated_home)
    assert other.returncode == 0 and "no results" in other.stdout


def test_same_content_gives_the_same_bytes(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    assert make_pack("--new-key", str(keys), "--key-id", "test-2099").returncode == 0
    content = tiny_content(tmp_path / "content", "2.0", "word")
    zips = []
    for name in ("a", "b"):
        args = ["--content", str(content), "--out", str(tmp_path / name)]
        assert (
            make_pack(*args, "--key", str(keys / "test-2099.key"), "--keys", str(keys)).returncode
            == 0
        )
        zips.append((tmp_path / name / "strom-handbook-2.0.zip").read_bytes())
    assert zips[0] == zips[1]


def test_invalid_content_is_not_packed(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    assert make_pack("--new-key", str(keys), "--key-id", "test-2099").returncode == 0
    content = tiny_content(tmp_path / "content", "2.0", "word")
    (content / "lv" / "signs.md").unlink()
    out = tmp_path / "out"
    result = make_pack(
        "--content", str(content), "--out", str(out), "--key", str(keys / "test-2099.key")
    )
    assert result.returncode == 1
    assert "problem(s); no pack written" in result.stderr and "signs.md" in result.stderr
    assert not out.exists()


def test_a_key_the_app_does_not_trust_needs_a_key_id(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    assert make_pack("--new-key", str(keys), "--key-id", "test-2099").returncode == 0
    content = tiny_content(tmp_path / "content", "2.0", "word")
    result = make_pack(
        "--content",
        str(content),
        "--out",
        str(tmp_path / "o"),
        "--key",
        str(keys / "test-2099.key"),
    )  # checked against resources/pack-keys/
    assert result.returncode == 1 and "no .pub file in" in result.stderr
