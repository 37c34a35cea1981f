"""Refuse every outgoing network connection made from Python.

STROM Reader works offline by design. The guard turns any accidental attempt to reach the network
(a library fetching something, a link followed by mistake) into a clear error instead of a hang on a
PC without connectivity. The app installs it at start; the test suite installs it for every test.

It is an audit hook (PEP 578) on the ``socket.connect`` event, which both ``connect`` and
``connect_ex`` raise, so installing it imports nothing: the early first page
(reader/ui/first_paint.py) paints before ``socket`` is ever imported, and nothing in the process
can take the hook away again.
"""

from __future__ import annotations

import sys

_BLOCKED_FAMILIES = frozenset({"AF_INET", "AF_INET6"})
_installed = False


class NetworkBlockedError(OSError):
    """Raised when code tries to open a network connection."""


def _refuse_connections(event: str, args: tuple[object, ...]) -> None:
    if event != "socket.connect":
        return
    sock, address = args[0], args[1]
    family = getattr(getattr(sock, "family", None), "name", "")
    if family in _BLOCKED_FAMILIES:
        raise NetworkBlockedError(f"STROM Reader does not use the network (refused: {address!r})")


def install() -> None:
    """Block connections on internet sockets for the rest of the process."""
    global _installed
    if _installed:
        return
    sys.addaudithook(_refuse_connections)
    _installed = True


def is_installed() -> bool:
    return _installed
