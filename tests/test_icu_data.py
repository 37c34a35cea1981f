"""The trimmed ICU data library of the Linux bundle (build_scripts/icu_data.py) against the full
one PySide6 ships: QtCore, run in a subprocess against each, must sort, case-map and name time
zones in all 12 languages exactly alike."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYSIDE_LIB = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib"  # type: ignore[arg-type, union-attr]
FULL = sorted(PYSIDE_LIB.glob("libicudata.so.*"))

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not FULL or not (shutil.which("as") and shutil.which("ld")),
    reason="PySide6 ships ICU data only on Linux; trimming it needs binutils (as, ld)",
)

# Words with each language's own letters, so every tailoring changes the order somewhere.
PROBE = r"""
import json, sys
from PySide6.QtCore import QCollator, QLocale, QTimeZone
words = ["zebra", "ärm", "öl", "åsa", "ølen", "ærø", "aa", "ob", "za", "þing", "ðe", "ch", "cz",
         "ķēde", "ļoti", "kēde", "luts", "yra", "įeiti", "ieva", "šuo", "suo", "ąžuolas", "łódź",
         "lody", "õun", "ou", "ёж", "еда", "жук", "straße", "strasse", "vaz", "waz", "Ölen"]
out = {}
for lang in ["en", "da", "de", "et", "fi", "is", "lt", "lv", "nb", "pl", "ru", "sv"]:
    locale = QLocale(lang)
    collator = QCollator(locale)
    zone = QTimeZone(b"Europe/Riga")
    out[lang] = {
        "sorted": sorted(words, key=collator.sortKey),
        "upper": locale.toUpper("ijs ёж ß i̇"),
        "zone": zone.displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, locale
        ),
    }
maps = open("/proc/self/maps").read()
out["libicudata"] = sorted({line.split()[-1] for line in maps.splitlines() if "libicudata" in line})
print(json.dumps(out, ensure_ascii=False))
"""


def icu_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "icu_data", ROOT / "build_scripts" / "icu_data.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def probe(library_folder: Path | None) -> dict[str, object]:
    env = dict(os.environ)
    if library_folder is not None:  # LD_LIBRARY_PATH comes before QtCore's RUNPATH ($ORIGIN)
        env["LD_LIBRARY_PATH"] = str(library_folder)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_the_trimmed_icu_data_sorts_and_names_zones_as_the_full_one(tmp_path: Path) -> None:
    target = tmp_path / FULL[0].name
    kept, dropped, size = icu_data().trim_library(FULL[0], target)
    assert kept > 100 and dropped > kept
    assert size < FULL[0].stat().st_size / 4

    full, trimmed = probe(None), probe(tmp_path)

    assert trimmed.pop("libicudata") == [str(target)]
    assert full.pop("libicudata") == [str(FULL[0].resolve())]
    assert trimmed == full
    # The tailorings are really there (a fallback to the root collation would pass the line
    # above only if the full data were broken too): Swedish sorts "ö" after "z", German not.
    sv, de = full["sv"]["sorted"], full["de"]["sorted"]  # type: ignore[index]
    assert sv.index("öl") > sv.index("zebra") and de.index("öl") < de.index("zebra")
    assert full["lv"]["zone"] != full["en"]["zone"]  # type: ignore[index]


def test_only_locale_items_of_other_languages_and_unused_services_are_dropped() -> None:
    keep = icu_data().keep_item
    for name in (
        "coll/lv.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "zone/is.res",
        "nb_NO.res",
        "no_NO_NY.res",
        "nn_NO.res",
        "supplementalData.res",
        "zoneinfo64.res",
        "cnvalias.icu",
        "pool.res",
        "coll/pool.res",
        "en_US_POSIX.res",
        "coll/lt.res",
    ):
        assert keep(name), name
    for name in (
        "coll/zh.res",
        "fr.res",
        "zone/ja.res",
        "ibm-1390_P110-2003.cnv",
        "brkitr/line.brk",
        "brkitr/cjdict.dict",
        "translit/root.res",
        "curr/de.res",
        "unit/ru.res",
        "rbnf/lv.res",
        "coll/es__TRADITIONAL.res",
    ):
        assert not keep(name), name
