"""Where the pages break: layout checks on a QTextDocument cut into pages (no painting).

Used by :class:`reader.ui.print_export.PageLayout`: finish the layout after a change
(:func:`relayout`), move headings left alone at a page end and indicators cut in two to the
next page (:func:`keep_headings_with_text`), and find the page of every heading the table of
contents lists (:func:`find_anchor_pages`).
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat

from reader.printing.documents import ANCHOR_PREFIX, BOX_BLANK, BOX_TICKED

MAX_PASSES = 8
ITEM_MARKS = (BOX_BLANK, BOX_TICKED)


def relayout(document: QTextDocument, start: int = 0) -> None:
    """Lay the document out again from ``start`` to the end, completely.

    After a format change Qt lays out only the changed block and leaves the blocks after it
    without lines (so they would not be painted, and the page count would be short) until
    something marks them dirty; this does, then asks for the last block to finish the layout.
    """
    document.markContentsDirty(start, document.characterCount() - start)
    document.documentLayout().blockBoundingRect(document.lastBlock())


def page_count(document: QTextDocument) -> int:
    """Pages the whole document fills (its layout must be complete, see :func:`relayout`)."""
    return document.pageCount()


def _heading_blocks(document: QTextDocument) -> list[QTextBlock]:
    found = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            found.append(block)
        block = block.next()
    return found


def _first_line_top(document: QTextDocument, block: QTextBlock) -> float:
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        return top + layout.lineAt(0).y()
    return top


def _first_line_bottom(document: QTextDocument, block: QTextBlock) -> float:
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        line = layout.lineAt(0)
        return top + line.y() + line.height()
    return top


def page_of(document: QTextDocument, block: QTextBlock) -> int:
    """0-based page on which the block's first line is (a page break puts the line a rounding
    error above the top of its page, hence the tolerance of one layout unit)."""
    return int((_first_line_top(document, block) + 1) // document.pageSize().height())


def _next_text_block(block: QTextBlock) -> QTextBlock | None:
    following = block.next()
    while following.isValid() and not following.text().strip():
        following = following.next()
    return following if following.isValid() else None


def _is_item(block: QTextBlock) -> bool:
    """An indicator with its tick box (and explanation or note, in the same paragraph)."""
    return block.text().startswith(ITEM_MARKS)


def _kept_blocks(document: QTextDocument) -> list[QTextBlock]:
    found = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0 or _is_item(block):
            found.append(block)
        block = block.next()
    return found


def _last_line_bottom(document: QTextDocument, block: QTextBlock) -> float:
    rect = document.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        line = layout.lineAt(layout.lineCount() - 1)
        return rect.top() + line.y() + line.height()
    return rect.bottom()


def _set_break(block: QTextBlock, policy: QTextFormat.PageBreakFlag) -> None:
    block_format = block.blockFormat()
    block_format.setPageBreakPolicy(policy)
    QTextCursor(block).setBlockFormat(block_format)


def keep_headings_with_text(document: QTextDocument) -> int:
    """Move what must not be cut at a page end to the next page; returns how many moved.

    A heading must not be the last thing on a page: it moves when the first line of the text
    after it is on a later page. An indicator (tick box, text and its explanation or note) is
    not split across two pages when it fits on one. Moving one heading can leave the heading
    above it alone (a chapter title over a section title), so the check runs again until
    nothing moves.
    """
    height = document.pageSize().height()
    always_before = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    moved = 0
    ours: set[int] = set()  # blocks this function moved (not the chapters' own page breaks)
    for _pass in range(MAX_PASSES):
        changed = False
        for block in _kept_blocks(document):
            if block.blockFormat().pageBreakPolicy() & always_before:
                continue
            top = _first_line_top(document, block)
            page = int((top + 1) // height)
            if top + 1 - page * height < 2:
                continue  # already at the top of a page
            if _is_item(block):
                end = _last_line_bottom(document, block)
                if end - top > height / 2:
                    continue  # too long to move whole; let it run on
            else:
                following = _next_text_block(block)
                if following is None:
                    continue
                end = _first_line_bottom(document, following)
            if int((end - 1) // height) > page:
                _set_break(block, always_before)
                following = _next_text_block(block)
                if following is not None and following.blockNumber() in ours:
                    # The heading after this one was moved on its own; now they go together.
                    _set_break(following, QTextFormat.PageBreakFlag.PageBreak_Auto)
                    ours.discard(following.blockNumber())
                ours.add(block.blockNumber())
                relayout(document, block.position())
                moved += 1
                changed = True
        if not changed:
            break
    return moved


def find_anchor_pages(document: QTextDocument) -> dict[str, int]:
    """Page number (1-based) of every ``print-`` anchor, by anchor name."""
    pages: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            for name in fragment.charFormat().anchorNames():
                if name.startswith(ANCHOR_PREFIX) and name not in pages:
                    pages[name] = page_of(document, block) + 1
            iterator += 1
        block = block.next()
    return pages
