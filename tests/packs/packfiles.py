"""Real pack files for the import tests: a tiny 12-language pack, zipped and signed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey

from reader.content.loader import load_pack
from reader.packs.selection import builtin_info, choose_pack
from reader.packs.signing import sign
from reader.paths import Folders
from reader.search.engine import SearchEngine
from reader.search.manager import IndexManager
from tests.conftest import MINI_PACK

REPO = Path(__file__).resolve().parents[2]
KEY_ID = "test-key"


@dataclass
class Keys:
    folder: Path  # holds test-key.pub: pass it as key_dirs / --keys
    key: SigningKey


def make_keys(tmp: Path) -> Keys:
    folder = tmp / "trusted-keys"
    folder.mkdir()
    key = SigningKey.generate()
    (folder / f"{KEY_ID}.pub").write_text(key.verify_key.encode().hex(), encoding="ascii")
    return Keys(folder, key)


def tiny_content(target: Path, edition: str, word: str) -> Path:
    """The mini pack in all of the built-in pack's languages, with ``word`` in English."""
    shutil.copytree(MINI_PACK, target)
    langs = builtin_info().languages
    for lang in langs:
        if not (target / lang).exists():
            shutil.copytree(target / "en", target / lang)
    manifest = target / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace('id = "mini"', f'id = "{builtin_info().id}"')
    text = text.replace('edition = "0.1"', f'edition = "{edition}"')
    text = text.replace(
        'languages = ["en", "lv"]', "languages = [" + ", ".join(f'"{lang}"' for lang in langs) + "]"
    )
    manifest.write_text(text, encoding="utf-8")
    intro = target / "en" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + f"\nThe word {word} is here.\n", "utf-8")
    return target


def zip_folder(
    folder: Path, archive: Path, extra: tuple[tuple[zipfile.ZipInfo, bytes], ...] = ()
) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            zf.write(path, path.relative_to(folder).as_posix())
        for info, data in extra:
            zf.writestr(info, data)
    return archive


def signed_pack(tmp: Path, keys: Keys, edition: str, word: str, name: str = "") -> Path:
    name = name or f"pack-{edition}-{word}"
    content = tiny_content(tmp / name, edition, word)
    archive = zip_folder(content, tmp / f"{name}.zip")
    sign(archive, keys.key, KEY_ID)
    return archive


def search_hits(folders: Folders, word: str) -> tuple[str, int]:
    """The edition start-up would open, and how many hits a real search for ``word`` finds."""
    choice = choose_pack(folders)
    assert choice.pack.manifest is not None
    manager = IndexManager(choice.pack, folders.cache, choice.index)
    if not manager.prepare().ok:
        manager.build()
    engine = SearchEngine(choice.pack, manager.folder)
    try:
        total = engine.search(word, ["en"]).total
    finally:
        engine.close()
    return choice.pack.manifest.edition, total


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STROM_READER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=REPO,
    )


def loads_cleanly(folder: Path) -> bool:
    pack = load_pack(folder)
    return pack.manifest is not None and not pack.problems
