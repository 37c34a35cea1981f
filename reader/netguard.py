"""Refuse every outgoing network connection made from Python.

STROM Reader works offline by design. The guard turns any accidental attempt to reach the network
(a library fetching something, a link followed by mistake) into a clear error instead of a hang on a
PC without connectivity. The app installs it at start; the test suite installs it for every test.
"""

from __future__ import annotations

import socket
from typing import Any

_BLOCKED_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex
_installed = False


class NetworkBlockedError(OSError):
    """Raised when code tries to open a network connection."""


def _refuse(sock: socket.socket, address: Any) -> None:
    if sock.family in _BLOCKED_FAMILIES:
        raise NetworkBlockedError(f"STROM Reader does not use the network (refused: {address!r})")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _refuse(self, address)
    _original_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _refuse(self, address)
    return _original_connect_ex(self, address)


def install() -> None:
    """Block connections on internet sockets for the rest of the process."""
    global _installed
    if _installed:
        return
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign,assignment]
    _installed = True


def is_installed() -> bool:
    return _installed
