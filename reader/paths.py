"""Every folder the application reads from or writes to, decided in one place.

Bundled data (the content pack, message catalogs, resources) is read from ``reader/_data`` in an
installed wheel or a PyInstaller bundle, and from the repository root in a source checkout.

User folders (settings, user data, cache) follow the platform's conventions via platformdirs. In
portable mode (``--portable``, or a folder named ``strom-reader-data`` beside the executable) they
all live in that folder, so the app runs from a USB stick without touching the office PC.
``STROM_READER_HOME`` overrides everything, which the tests use to stay isolated.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from reader import APP_ID

PORTABLE_FOLDER_NAME = "strom-reader-data"
HOME_ENV = "STROM_READER_HOME"


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def data_root() -> Path:
    """The folder that holds ``content/``, ``i18n/`` and ``resources/``."""
    bundled = _package_dir() / "_data"
    if bundled.is_dir():
        return bundled
    return _package_dir().parent


def default_pack_dir() -> Path:
    return data_root() / "content"


def i18n_dir() -> Path:
    return data_root() / "i18n"


def resources_dir() -> Path:
    return data_root() / "resources"


def executable_dir() -> Path:
    """The folder of the running program: the bundle's folder when frozen."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return _package_dir().parent


class Folders(NamedTuple):
    """The three user folders.

    A NamedTuple rather than a dataclass: the early first page (reader/ui/first_paint.py) reads
    its snapshot from ``cache`` before anything else loads, and each import there delays it."""

    config: Path
    data: Path
    cache: Path
    portable: bool

    def ensure(self) -> Folders:
        for folder in (self.config, self.data, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def _fixed_folders(portable: bool) -> Folders | None:
    """The folders STROM_READER_HOME or portable mode decide, else None (the platform's)."""
    home = os.environ.get(HOME_ENV)
    if home:
        base = Path(home)
        return Folders(base / "config", base / "data", base / "cache", portable=False)
    portable_base = executable_dir() / PORTABLE_FOLDER_NAME
    if portable or portable_base.is_dir():
        return Folders(
            portable_base / "config", portable_base / "data", portable_base / "cache", True
        )
    return None


def user_folders(portable: bool = False) -> Folders:
    """Where settings, user data and the cache live for this run."""
    fixed = _fixed_folders(portable)
    if fixed is not None:
        return fixed
    import platformdirs

    return Folders(
        Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)),
        portable=False,
    )


def early_cache_folder(portable: bool = False) -> Path | None:
    """``user_folders(portable).cache`` as the early first page looks for it, without importing
    platformdirs (6-8 ms of a start of about 200 ms): the platform's usual cache folder, which is
    what platformdirs answers on an ordinary account. None where it cannot be told this way.

    Only a guess, and checked: the app writes the first page only where this folder is the
    real one (:func:`early_cache_is_right`), so on a machine where they differ there is simply
    no early page.
    """
    fixed = _fixed_folders(portable)
    if fixed is not None:
        return fixed.cache
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        return Path(local, APP_ID, "Cache") if os.path.isabs(local) else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, APP_ID)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    if sys.platform == "darwin":
        return Path(home, "Library", "Caches", APP_ID)
    return Path(home, ".cache", APP_ID)


def early_cache_is_right(folders: Folders) -> bool:
    """Whether the early first page would look in ``folders.cache`` (see above)."""
    guess = early_cache_folder(folders.portable)
    return guess is not None and os.path.normpath(guess) == os.path.normpath(folders.cache)
