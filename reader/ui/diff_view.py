"""A word diff as rich text for Qt's text widgets, readable without colour.

Inserted words are underlined on the theme's "added" colours, deleted words struck through on its
"removed" colours (WCAG 1.4.1: colour is not the only mark), long unchanged stretches are
shortened to the context around a change.
"""

from __future__ import annotations

import html

from reader.content.changes import DiffPart
from reader.i18n import _
from reader.themes import Colours

CONTEXT = 220  # characters of unchanged text kept on each side of a change
GAP_STYLE = "font-style:italic;"  # the palette's text colour: readable in any theme


def insert_style(c: Colours) -> str:
    return f"color:{c.added_text}; background-color:{c.added_bg}; text-decoration:underline;"


def delete_style(c: Colours) -> str:
    return f"color:{c.removed_text}; background-color:{c.removed_bg}; text-decoration:line-through;"


def _shorten(text: str, first: bool, last: bool) -> str:
    """Unchanged text between changes, with the middle of long stretches left out."""
    if len(text) <= 2 * CONTEXT + 40:
        return html.escape(text)
    gap = f'<span style="{GAP_STYLE}">[…]</span>'
    head = "" if first else html.escape(text[:CONTEXT].rsplit(" ", 1)[0]) + " "
    tail = "" if last else " " + html.escape(text[-CONTEXT:].split(" ", 1)[-1])
    return f"{head}{gap}{tail}"


def readable_parts(parts: tuple[DiffPart, ...]) -> list[DiffPart]:
    """Whole changed phrases rather than word confetti: short unchanged bits between two changes
    (a space, "a", "the") go into both the deleted and the inserted phrase."""
    out: list[DiffPart] = []
    deleted, inserted = "", ""

    def flush() -> None:
        nonlocal deleted, inserted
        if deleted:
            out.append(DiffPart("delete", deleted))
        if inserted:
            out.append(DiffPart("insert", inserted))
        deleted, inserted = "", ""

    for index, part in enumerate(parts):
        between = 0 < index < len(parts) - 1 and (deleted or inserted)
        if (
            part.kind == "equal"
            and between
            and len(part.text.strip()) <= 3
            and "\n" not in part.text
        ):
            deleted += part.text
            inserted += part.text
        elif part.kind == "equal":
            flush()
            out.append(part)
        elif part.kind == "delete":
            deleted += part.text
        else:
            inserted += part.text
    flush()
    return out


def diff_html(parts: tuple[DiffPart, ...], c: Colours) -> str:
    """The word diff as rich text in the theme's colours: insertions underlined, deletions
    struck through."""
    shown = readable_parts(parts)
    out = []
    for index, part in enumerate(shown):
        if part.kind == "equal":
            out.append(_shorten(part.text, index == 0, index == len(shown) - 1))
            continue
        if part.kind == "insert" and index and shown[index - 1].kind == "delete":
            out.append(" ")  # keep the old and the new phrase apart, also as plain text
        style = insert_style(c) if part.kind == "insert" else delete_style(c)
        out.append(f'<span style="{style}">{html.escape(part.text)}</span>')
    return "".join(out).replace("\n", "<br><br>")


def legend_html(c: Colours) -> str:
    inserted = html.escape(_("Added text is underlined"))
    deleted = html.escape(_("removed text struck through"))
    return _("{inserted} and {deleted}").format(
        inserted=f'<span style="{insert_style(c)}">{inserted}</span>',
        deleted=f'<span style="{delete_style(c)}">{deleted}</span>',
    )
