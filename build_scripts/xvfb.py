"""A virtual X screen for the build scripts that run the real window (screenshots, start-up)."""

from __future__ import annotations

import os
import subprocess


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """An X server of exactly this size on a display number it picks itself (-displayfd).

    ``-noreset``: an X server resets itself whenever its last client leaves, and a program
    that connects during the reset fails with "could not connect to display" (1-3 starts in
    twelve of build_scripts/bench_startup.py were lost that way, between one program's exit
    and the next one's start)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-nocursor",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as stream:
        number = stream.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"
