"""Qt's support code compiled at one start and reused at the next (reader/ui/qt_import.py).

Each case is a fresh interpreter, as a start is: Qt is imported once per process.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6

from reader.ui import qt_import

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from pathlib import Path
from reader.ui import qt_import
qt_import.import_qt(Path(sys.argv[1]))
from PySide6.QtCore import QObject
from shibokensupport.signature import get_signature
# The support code works: it is what gives Qt's functions their signatures.
signature = str(get_signature(QObject.setObjectName))
print(json.dumps({"reused": qt_import.Counts.reused, "compiled": qt_import.Counts.compiled,
                  "signature": signature}))
"""

pytestmark = pytest.mark.skipif(
    (Path(shiboken6.__file__).parent / "files.dir").exists(),
    reason="this Shiboken has its support code unpacked (files.dir): nothing is compiled",
)


def _start(cache: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    assert "name: str" in str(report["signature"])
    return report


def test_the_support_code_is_compiled_once_and_reused_at_the_next_start(tmp_path: Path) -> None:
    first = _start(tmp_path)
    count = int(str(first["compiled"]))
    assert count >= 10 and first["reused"] == 0  # a bootstrap and 13 modules in PySide6 6.11
    cached = qt_import.read_cache(tmp_path / qt_import.CACHE_FILE)
    assert len(cached) == count
    assert all(name.startswith("shibokensupport/") or "bootstrap" in name for name in cached)
    again = _start(tmp_path)
    assert again["reused"] == count and again["compiled"] == 0


def test_a_changed_source_is_compiled_anew_as_after_an_upgrade(tmp_path: Path) -> None:
    count = int(str(_start(tmp_path)["compiled"]))
    path = tmp_path / qt_import.CACHE_FILE
    cached = qt_import.read_cache(path)
    name = next(n for n in sorted(cached) if n.endswith("loader.py"))
    source, code = cached[name]
    cached[name] = (source + b"\n# another version\n", code)
    qt_import.write_cache(path, cached)
    report = _start(tmp_path)
    assert report["compiled"] == 1 and report["reused"] == count - 1
    assert qt_import.read_cache(path)[name][0] == source  # written anew with the real source


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps((1, "2.7.18", {})),  # another Python
        marshal.dumps((99, sys.version, {})),  # another format
        marshal.dumps(["a", "list"]),
    ],
    ids=["empty", "garbage", "other-python", "other-format", "other-shape"],
)
def test_a_damaged_or_foreign_cache_only_means_compiling(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / qt_import.CACHE_FILE
    path.write_bytes(content)
    first = _start(tmp_path)
    assert first["reused"] == 0 and int(str(first["compiled"])) >= 10
    assert _start(tmp_path)["compiled"] == 0  # the file was put right


def test_a_cache_entry_of_the_wrong_shape_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / qt_import.CACHE_FILE
    good = compile("x = 1", "shibokensupport/x.py", "exec")
    path.write_bytes(
        marshal.dumps(
            (
                1,
                sys.version,
                {"shibokensupport/x.py": (b"x = 1", good), "bad": ("str", good), 3: (b"", good)},
            )
        )
    )
    assert list(qt_import.read_cache(path)) == ["shibokensupport/x.py"]


def test_nothing_is_written_where_the_cache_folder_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "not-made-yet" / "cache"
    report = _start(missing)
    assert int(str(report["compiled"])) >= 10
    assert not missing.exists() and not missing.parent.exists()


def test_a_cache_that_cannot_be_written_costs_only_the_time(tmp_path: Path) -> None:
    path = tmp_path / qt_import.CACHE_FILE
    path.mkdir()  # something in the way: os.replace fails, as on a read-only stick
    code = compile("x = 1", "shibokensupport/x.py", "exec")
    qt_import.write_cache(path, {"shibokensupport/x.py": (b"x = 1", code)})
    assert path.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_two_starts_at_once_leave_one_whole_file(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path)], env=env, cwd=ROOT, stdout=subprocess.PIPE
        )
        for _ in range(2)
    ]
    assert all(start.wait(60) == 0 for start in starts)
    for start in starts:
        assert start.stdout is not None
        start.stdout.close()
    assert [p.name for p in tmp_path.iterdir()] == [qt_import.CACHE_FILE]  # no temporary left
    assert _start(tmp_path)["compiled"] == 0
