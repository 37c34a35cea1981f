"""Which collected files the PyInstaller bundle leaves out (used by strom-reader.spec).

PyInstaller's PySide6 hook collects every Qt plugin, every Qt translation and Babel collects
all ~1,100 CLDR locales. The app uses QtCore, QtGui and QtWidgets, loads only ``qtbase_XX``
translations for its 12 languages and formats dates for those 12 only. ``keep(dest)`` gets the
destination path of one file inside ``_internal/`` and says whether it goes into the bundle.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import PurePosixPath

from reader.i18n import UI_LANGUAGES

LANGUAGES = UI_LANGUAGES  # the 12 languages of the handbook and of the interface

# Babel resolves a locale through its parents: "nb" inherits from "no", every "en_XX" from
# "en_001" or "en", and all of them from "root". Keep each language, its regional variants and
# those parents.
BABEL_KEEP = {"root", "no", *LANGUAGES}

# Qt plugins the app does not need (relative to PySide6/Qt/plugins).
PLUGINS_DROPPED = {
    # GTK platform theme: pulls in GTK 3, GDK, Pango, Cairo, ATK (~10 MiB); Qt's own style is used.
    "platformthemes/libqgtk3.so",
    # Image formats the app never reads (it shows PNG, built into QtGui, and SVG).
    "imageformats/libqtiff.so",
    "imageformats/libqwebp.so",
    "imageformats/libqjpeg.so",
    "imageformats/libqgif.so",
    "imageformats/libqicns.so",
    "imageformats/libqtga.so",
    "imageformats/libqwbmp.so",
    "imageformats/libqpdf.so",
    # Kiosk/embedded platforms and their input drivers (office PCs run X11 or Wayland).
    "platforms/libqvnc.so",  # a VNC server: network
    "platforms/libqlinuxfb.so",
    "platforms/libqvkkhrdisplay.so",
    "platforms/libqeglfs.so",
    "platforms/libqminimalegl.so",
    "generic/libqtuiotouchplugin.so",  # TUIO over the network
    "generic/libqevdevtabletplugin.so",
    "generic/libqevdevmouseplugin.so",
    "generic/libqevdevkeyboardplugin.so",
    "generic/libqevdevtouchplugin.so",
}
PLUGIN_FOLDERS_DROPPED = {
    "egldeviceintegrations",
    "qmltooling",
    "virtualkeyboard",
    "tls",
    "networkinformation",
    "sqldrivers",
    "multimedia",
    "position",
}

# Libraries only the dropped parts need (kept out even if PyInstaller collected them).
LIBRARIES_DROPPED = {
    "libQt6Network.so.6",
    "libQt6EglFSDeviceIntegration.so.6",
    "libQt6EglFsKmsSupport.so.6",
    "libQt6Qml.so.6",
    "libQt6Quick.so.6",
    "libQt6VirtualKeyboard.so.6",
    # CUPS comes from the desktop: every Linux desktop that prints has libcups2, and the bundled
    # copy brought GnuTLS, Kerberos, p11-kit, libgcrypt, libunistring and more (about 10 MB).
    # Qt's print plugin loads the system's libcups; without one, printing offers PDF only.
    "libcups.so.2",
}


def keep(dest: str) -> bool:
    """True when the file at ``dest`` (a path inside ``_internal/``) belongs in the bundle."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    if path.name in LIBRARIES_DROPPED:
        return False
    if parts[:3] == ("PySide6", "Qt", "plugins") and len(parts) >= 5:
        folder_file = f"{parts[3]}/{parts[4]}"
        return parts[3] not in PLUGIN_FOLDERS_DROPPED and folder_file not in PLUGINS_DROPPED
    if parts[:3] == ("PySide6", "Qt", "translations"):
        stem = path.stem  # qtbase_de, qt_help_de, ...
        return stem.startswith("qtbase_") and stem.removeprefix("qtbase_") in LANGUAGES
    if parts[:2] == ("babel", "locale-data") and path.suffix == ".dat":
        language = path.stem.split("_")[0]
        return language in BABEL_KEEP
    return True


def is_root(dest: str, typecode: str) -> bool:
    """A binary that is loaded for its own sake: a Python extension module, a Qt plugin (Qt
    dlopens them) or libpython (the bootloader does). Every other library is in the bundle only
    because one of those, directly or not, lists it as NEEDED."""
    path = PurePosixPath(dest.replace("\\", "/"))
    return (
        typecode == "EXTENSION"
        or path.parts[:3] == ("PySide6", "Qt", "plugins")
        or path.name.startswith(("libpython", "python3"))
    )


def unreachable(
    binaries: list[tuple[str, str, str]], needed: Callable[[str], list[str]]
) -> set[str]:
    """The destinations of the libraries no root needs, directly or through another library.

    PyInstaller collects the dependencies of every collected file, also of files ``keep`` then
    drops (the GTK theme plugin brings GTK, Pango, Cairo, ATK): those are left unreachable.
    ``needed(source)`` lists the NEEDED names of one ELF file; names are matched by basename,
    as the dynamic linker does through the bundle's search path.
    """
    by_name: dict[str, list[tuple[str, str]]] = {}
    for dest, source, _ in binaries:
        by_name.setdefault(PurePosixPath(dest.replace("\\", "/")).name, []).append((dest, source))
    todo = [source for dest, source, typecode in binaries if is_root(dest, typecode)]
    seen = {dest for dest, _, typecode in binaries if is_root(dest, typecode)}
    while todo:
        for name in needed(todo.pop()):
            for dest, source in by_name.get(name, []):
                if dest not in seen:
                    seen.add(dest)
                    todo.append(source)
    return {dest for dest, _, _ in binaries} - seen


NEEDED_LINE = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")


def direct_needed(source: str) -> list[str]:
    """The NEEDED entries of one ELF file, read with binutils' readelf.

    Not PyInstaller's ``get_imports``: on Linux it asks ``ldd``, which lists the whole closure,
    so a kept plugin would keep every library of a system library left out (libcups brought
    GnuTLS, Kerberos, p11-kit, ...). An empty list for a file readelf cannot read.
    """
    result = subprocess.run(["readelf", "-d", "--wide", source], capture_output=True, text=True)
    return NEEDED_LINE.findall(result.stdout)
