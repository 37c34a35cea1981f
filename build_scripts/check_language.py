"""Check one translation of the bundled pack against the source language.

Usage: python build_scripts/check_language.py LANG [PACK]

Validates a temporary pack made of the source language and LANG (so a translation can be checked
before it is listed in manifest.toml) and prints each chapter's word count as a share of the
source's. Exits 1 on any problem or a chapter outside 60-200 %.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.loader import load_pack
from reader.content.stats import chapter_word_counts
from reader.content.validate import check_pack
from reader.paths import default_pack_dir


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    lang = argv[0]
    source_pack = Path(argv[1]) if len(argv) > 1 else default_pack_dir()
    manifest = tomllib.loads((source_pack / "manifest.toml").read_text(encoding="utf-8"))
    source = manifest["source_language"]
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "pack"
        root.mkdir()
        for name in dict.fromkeys((source, lang)):
            shutil.copytree(source_pack / name, root / name)
        if (source_pack / "events.toml").exists():
            shutil.copy(source_pack / "events.toml", root / "events.toml")
        text = (source_pack / "manifest.toml").read_text(encoding="utf-8")
        lines = [
            "languages = " + str(list(dict.fromkeys((source, lang)))).replace("'", '"')
            if line.startswith("languages")
            else line
            for line in text.splitlines()
        ]
        (root / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        pack = load_pack(root)
        problems = check_pack(pack)
        for problem in problems:
            print(str(problem).replace(str(root), str(source_pack)))
        counts = chapter_word_counts(pack)
    failed = bool(problems)
    for chapter_id, per_lang in counts.items():
        base = per_lang.get(source, 0)
        words = per_lang.get(lang, 0)
        ratio = words / base if base else 0.0
        flag = "" if 0.6 <= ratio <= 2.0 else "  <-- outside 60-200 %"
        failed = failed or bool(flag)
        print(f"{chapter_id:16} {source} {base:5}  {lang} {words:5}  {ratio:6.0%}{flag}")
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
