"""Check one UI catalog: every message translated, placeholders and accelerators kept.

Usage: python build_scripts/check_catalog.py LANG      exit 1 on any problem
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages import pofile

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def problems(lang: str) -> list[str]:
    path = ROOT / "i18n" / lang / "LC_MESSAGES" / "strom-reader.po"
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=lang)
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = [str(i) for i in (message.id if isinstance(message.id, tuple) else (message.id,))]
        raw = message.string if isinstance(message.string, tuple | list) else (message.string,)
        strings = [str(text or "") for text in raw]
        label = ids[0][:60]
        if message.fuzzy:
            found.append(f"{label!r}: marked fuzzy")
        if not all(strings):
            found.append(f"{label!r}: not translated")
            continue
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != wanted:
                found.append(f"{label!r}: placeholders {sorted(wanted)} not kept in {text!r}")
        if "&" in ids[0] and strings[0].count("&") != 1:
            found.append(f"{label!r}: needs exactly one '&' (menu accelerator): {strings[0]!r}")
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    found = problems(argv[0])
    for problem in found:
        print(problem)
    print("OK" if not found else f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
