"""Give a windowed program somewhere to write: ``sys.stdout``/``sys.stderr`` are never None.

A program started without a console (the windowed ``strom-reader.exe`` of the bundle on Windows,
``pythonw``, a launcher with closed file descriptors) gets ``sys.stdout`` and ``sys.stderr`` set to
None. ``print``, ``argparse`` and ``logging`` tolerate that, but a direct ``sys.stderr.write``,
``flush`` or ``faulthandler.enable()`` (here or in a library) raises and ends the program. At
start-up the missing streams are replaced by writers to the null device: output goes nowhere,
nothing crashes. Streams that exist are left alone.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


def _null_writer() -> TextIO:
    return open(os.devnull, "w", encoding="utf-8")  # kept for the whole process


def ensure_streams() -> list[str]:
    """Replace a None ``sys.stdout`` / ``sys.stderr`` by a null-device writer; return which."""
    replaced = []
    if sys.stdout is None:
        sys.stdout = _null_writer()
        replaced.append("stdout")
    if sys.stderr is None:
        sys.stderr = _null_writer()
        replaced.append("stderr")
    return replaced
