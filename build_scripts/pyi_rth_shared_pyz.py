"""PyInstaller run-time hook (the first one to run): import the app's Python code from the one
shared archive ``_internal/strom-reader.pyz`` instead of an archive inside each executable.

The spec gives both executables (windowed and console) an empty code archive and collects the
real one once (issue 10: it saved a second 4.7 MB copy). Only the bootstrap modules PyInstaller
keeps in every executable (``pyimod0*``) and the standard library's ``base_library.zip`` are
importable before this runs. This swaps the archive PyInstaller's finder reads, drops the path
finders made for the empty one, and installs PyInstaller's ctypes hooks again (they were skipped
because ``ctypes`` was not importable yet).
"""


def _use_shared_archive() -> None:
    import os
    import sys

    import pyimod01_archive  # type: ignore[import-not-found]
    import pyimod02_importers  # type: ignore[import-not-found]
    import pyimod03_ctypes  # type: ignore[import-not-found]

    path = os.path.join(sys._MEIPASS, "strom-reader.pyz")  # type: ignore[attr-defined]
    pyimod02_importers.pyz_archive = pyimod01_archive.ZlibArchiveReader(path, check_pymagic=True)
    pyimod02_importers._pyz_tree = None
    sys.path_importer_cache.clear()
    pyimod03_ctypes.install()


_use_shared_archive()
del _use_shared_archive
