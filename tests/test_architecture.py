"""The core packages never import Qt: they must work in the CLI, tests and benchmarks without it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

CORE_PACKAGES = (
    "reader.content",
    "reader.i18n",
    "reader.search",
    "reader.calendar",
    "reader.userdata",
    "reader.packs",
    "reader.checklist",
    "reader.present",
    "reader.printing",
)


def core_modules() -> list[str]:
    names = ["reader", "reader.paths", "reader.settings", "reader.history", "reader.netguard"]
    names += ["reader.streams", "reader.themes", "reader.start_page", "reader.contrast"]
    names += ["reader.atomic_files"]
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if info.name.startswith(CORE_PACKAGES):
            names.append(info.name)
    return names


def test_core_modules_do_not_import_qt() -> None:
    modules = core_modules()
    assert "reader.content.loader" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"Qt imported by core modules: {result.stdout}"


def test_network_guard_refuses_connections() -> None:
    import socket

    import pytest

    from reader import netguard

    assert netguard.is_installed()
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(netguard.NetworkBlockedError, match="does not use the network"),
    ):
        sock.connect(("127.0.0.1", 9))
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
        assert sock.family == socket.AF_INET6
        with pytest.raises(netguard.NetworkBlockedError):
            sock.connect_ex(("::1", 9))


def test_network_guard_leaves_local_sockets_and_imports_nothing(tmp_path: Path) -> None:
    """A local (Unix) socket still connects; installing the guard does not import socket (the
    early first page is painted before it is needed)."""
    import socket

    code = (
        "import sys\n"
        "from reader import netguard\n"
        "netguard.install()\n"
        "print('socket' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
    if not hasattr(socket, "AF_UNIX"):
        return
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)  # not refused


def test_no_translation_call_inside_f_strings() -> None:
    """Babel cannot extract ``_()`` from inside an f-string on Python 3.11; keep them outside."""
    import ast
    from pathlib import Path

    offenders = []
    for path in Path(reader.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Call)
                        and isinstance(inner.func, ast.Name | ast.Attribute)
                        and getattr(inner.func, "id", getattr(inner.func, "attr", ""))
                        in ("_", "ngettext")
                    ):
                        offenders.append(f"{path}:{inner.lineno}")
    assert offenders == []
