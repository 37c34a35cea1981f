"""Wheel build hook: build the search index at build time and ship it inside the wheel.

So a user's first start copies a ready index into the cache instead of indexing (see
reader/search/index.py). Editable installs skip this; they build the index on first start.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc,type-arg,unused-ignore]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from reader.content.loader import load_pack
            from reader.search.index import build_index
        finally:
            sys.path.remove(self.root)
        pack = load_pack(Path(self.root) / "content")
        if pack.manifest is None:
            problems = "; ".join(map(str, pack.problems))
            raise RuntimeError(f"content/ is not a valid pack: {problems}")
        self._temp = Path(tempfile.mkdtemp(prefix="strom-index-"))
        folder = build_index(pack, self._temp / "index")
        build_data["force_include"][str(folder)] = "reader/_data/index"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temp = getattr(self, "_temp", None)
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
