"""What the caller of an index build controls: progress reports and a cancel.

Shared by :mod:`reader.search.index` and :mod:`reader.search.build_processes` (which indexes in
other processes and is imported by the index module, so it cannot import these from there).
"""

from __future__ import annotations

from collections.abc import Callable

#: Told (languages done, languages in all, the language just done or "" at the end).
Progress = Callable[[int, int, str], None]
#: Asked between languages and documents; True stops the build with :class:`BuildCancelled`.
CancelCheck = Callable[[], bool]


class BuildCancelled(Exception):
    """The build was cancelled; the index in place (if any) was not changed."""


def stop_if_cancelled(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise BuildCancelled("the search index build was cancelled")
