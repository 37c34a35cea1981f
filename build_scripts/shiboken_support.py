"""PySide6's signature support, unpacked and compiled for the bundle (used by build_bundle.py).

shiboken6 carries the Python half of its signature support (``shibokensupport``, ~130 KB of
source) as a zip inside its library and, at every start, compiles it from that zip: about a
sixth of PySide6's own import time, paid before the first window. When a ``files.dir`` folder
sits beside ``shiboken6/__init__``, shiboken imports the package from there instead (the folder
its ``SBK_EMBED=0`` switch writes), so normal bytecode applies. This writes that folder with
sourceless ``.pyc`` files (nothing to compile at run time, nothing written into the bundle) for
the spec to collect as ``shiboken6/files.dir``.
"""

from __future__ import annotations

import os
import py_compile
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

CHILD = r"""
import sys
import PySide6.QtCore  # runs shiboken's bootstrap
import shibokensupport
loader = shibokensupport.__loader__
zfile = getattr(loader, "zfile", None)
if zfile is not None:  # the embedded zip (in memory), as shiboken reads it
    with open(sys.argv[1], "wb") as out:
        out.write(zfile.fp.getvalue())
else:  # already unpacked (SBK_EMBED=0 was used on this Python): shiboken6/files.dir
    import os
    print("DIR", os.path.dirname(os.path.dirname(shibokensupport.__file__)))
"""


def write_support(target: Path) -> Path:
    """Write the compiled support package into ``target`` (replaced); return ``target``."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = target.parent / "shibokensupport.zip"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(archive)],
        capture_output=True,
        text=True,
        check=True,
        # This environment (Windows needs SYSTEMROOT to start Python at all), without a
        # SBK_EMBED that would make shiboken unpack or remove its files.dir in this Python.
        env={key: value for key, value in os.environ.items() if key != "SBK_EMBED"},
    )
    sources = target.parent / "shibokensupport-src"
    shutil.rmtree(sources, ignore_errors=True)
    if result.stdout.startswith("DIR "):
        shutil.copytree(result.stdout.split(" ", 1)[1].strip(), sources)
    else:
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(sources, [n for n in zipped.namelist() if n.endswith(".py")])
        archive.unlink()
    for source in sources.rglob("*.py"):
        relative = source.relative_to(sources)
        compiled = target / relative.with_suffix(".pyc")
        compiled.parent.mkdir(parents=True, exist_ok=True)
        py_compile.compile(str(source), cfile=str(compiled), dfile=str(relative), doraise=True)
    shutil.rmtree(sources)
    if not (target / "shibokensupport" / "signature" / "loader.pyc").is_file():
        raise RuntimeError(f"shiboken's signature support not found in {target}")
    return target


if __name__ == "__main__":
    print(write_support(Path(sys.argv[1])))
