"""Compare pack editions ("1.0", "1.2.3": dot-separated numbers) so older packs are refused."""

from __future__ import annotations

from reader.i18n import _


class EditionError(ValueError):
    """An edition string is malformed, or the incoming pack is not newer."""


def parse_edition(text: str) -> tuple[int, ...]:
    """Return the edition as numbers; raise EditionError naming the bad value."""
    parts = text.split(".")
    if not text or not all(part.isdigit() and part.isascii() for part in parts):
        raise EditionError(
            _('edition "{edition}" is not dot-separated numbers such as "1.2"').format(edition=text)
        )
    numbers = [int(part) for part in parts]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def check_newer(current: str, incoming: str, force: bool = False) -> None:
    """Refuse an incoming edition that is not newer than the current one, unless force."""
    if force:
        parse_edition(incoming)
        return
    if parse_edition(incoming) <= parse_edition(current):
        raise EditionError(
            _(
                "the pack file has edition {incoming}, which is not newer than the installed "
                "edition {current} (use --force to install it anyway)"
            ).format(incoming=incoming, current=current)
        )
