from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.content import load_pack
from reader.content.model import Pack
from reader.search.engine import SearchEngine
from reader.search.index import build_index
from tests.conftest import MINI_PACK


@pytest.fixture(scope="session")
def mini_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, Path]:
    pack = load_pack(MINI_PACK)
    folder = tmp_path_factory.mktemp("mini-index") / "index"
    build_index(pack, folder)
    return pack, folder


@pytest.fixture
def mini_engine(mini_index: tuple[Pack, Path]) -> Iterator[SearchEngine]:
    engine = SearchEngine(*mini_index)
    yield engine
    engine.close()


def write_pack(root: Path, lang: str, sections: dict[str, tuple[str, str]]) -> Path:
    """A one-chapter pack in ``lang`` with the given sections {id: (title, body)}."""
    (root / lang).mkdir(parents=True)
    (root / "manifest.toml").write_text(
        f'format = 1\nid = "t"\nedition = "1"\nsource_language = "{lang}"\n'
        f'languages = ["{lang}"]\nchapters = ["ch"]\n',
        encoding="utf-8",
    )
    (root / lang / "pack.toml").write_text('title = "T"\n', encoding="utf-8")
    body = ["---", "id: ch", "title: Chapter", "---", "", "Lead text.", ""]
    for section_id, (title, text) in sections.items():
        body += [f"## {title} {{#{section_id}}}", "", text, ""]
    (root / lang / "ch.md").write_text("\n".join(body), encoding="utf-8")
    return root
