"""Cut a section into slides that fit, in one language or two languages in step.

Slides start at every heading of level 1 or 2; below that a slide is filled with paragraph
groups, list items and table rows while the measuring callback says they fit. A heading is
never left alone at the bottom of a slide, and where a list, table or paragraph continues on the
next slide that slide starts with the heading again, marked as continued.

Two languages are cut from one structure: their blocks are paired into rows (block by block when
the two have the same structure, else heading by heading), and every cut is made at the same row
and the same share of a row's items in both, so slide n is the same part of the section in both.
The ``fits`` callback gets one HTML string per language and says whether each fits its pane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.present.blocks import Block, split_words

Fits = Callable[[Sequence[str]], bool]
CONTINUED_CLASS = "continued"
BREAK_LEVEL = 2  # headings of this level or higher always start a new slide


@dataclass(frozen=True)
class Row:
    """Blocks that stand at the same place of the section, one list per language."""

    blocks: tuple[tuple[Block, ...], ...]

    @property
    def units(self) -> int:
        """How many pieces the row can be cut into (1 when it cannot be cut)."""
        if all(len(column) == 1 for column in self.blocks):
            return max(len(column[0].parts) for column in self.blocks)
        return 1

    @property
    def level(self) -> int:
        levels = {block.level for column in self.blocks for block in column}
        if len(levels) == 1 and all(len(column) == 1 for column in self.blocks):
            return levels.pop()
        return 0

    def piece(self, start: int, end: int) -> tuple[str, ...]:
        """The HTML of units ``start:end`` in each language."""
        whole = self.units
        htmls = []
        for column in self.blocks:
            if whole == 1 or len(column) != 1:
                htmls.append("".join(block.html for block in column) if start == 0 else "")
                continue
            block = column[0]
            count = len(block.parts)
            first, last = (start * count) // whole, (end * count) // whole
            if end == whole:
                last = count
            htmls.append(block.piece(first, last) if last > first else "")
        return tuple(htmls)

    def continued_heading(self, marker: str) -> tuple[str, ...]:
        # <small>: QTextDocument ignores a font size given to a span inside a heading.
        note = f' <small class="{CONTINUED_CLASS}">{marker}</small>' if marker else ""
        return tuple(
            "".join(block.head + "".join(block.parts) + note + block.tail for block in column)
            for column in self.blocks
        )


@dataclass(frozen=True)
class Slide:
    html: tuple[str, ...]  # one per language
    continued: bool = False  # starts with a repeated heading
    overflows: bool = False  # one block that is larger than a slide even on its own


def align(columns: Sequence[Sequence[Block]]) -> list[Row]:
    """Pair the blocks of one or more languages into rows."""
    if len({tuple(b.signature() for b in column) for column in columns}) == 1:
        return [Row(tuple((block,) for block in group)) for group in zip(*columns, strict=True)]
    segmented = [_segments(column) for column in columns]
    if len({len(segments) for segments in segmented}) != 1:
        segmented = [[list(column)] for column in columns]
    rows: list[Row] = []
    for segment_group in zip(*segmented, strict=True):
        signatures = {tuple(b.signature() for b in segment) for segment in segment_group}
        if len(signatures) == 1:
            rows += [Row(tuple((b,) for b in group)) for group in zip(*segment_group, strict=True)]
            continue
        rows += _spread(segment_group)
    return rows


def _segments(column: Sequence[Block]) -> list[list[Block]]:
    segments: list[list[Block]] = [[]]
    for block in column:
        if block.level and segments[-1]:
            segments.append([])
        segments[-1].append(block)
    return segments


def _spread(group: Sequence[Sequence[Block]]) -> list[Row]:
    """Segments that differ between languages: headings pair, the rest spreads evenly."""
    rows: list[Row] = []
    if all(segment and segment[0].level for segment in group):
        rows.append(Row(tuple((segment[0],) for segment in group)))
        group = [segment[1:] for segment in group]
    count = max(len(segment) for segment in group)
    for index in range(count):
        rows.append(
            Row(
                tuple(
                    tuple(
                        segment[
                            (index * len(segment)) // count : ((index + 1) * len(segment)) // count
                        ]
                    )
                    for segment in group
                )
            )
        )
    return rows


class _Cutter:
    def __init__(self, rows: list[Row], fits: Fits, marker: str, languages: int) -> None:
        self.rows = rows
        self.fits = fits
        self.marker = marker
        self.languages = languages
        self.slides: list[Slide] = []
        self.current: list[tuple[str, ...]] = []
        self.content = 0  # how many non-heading pieces are on the current slide
        self.pending: list[tuple[str, ...]] = []  # headings waiting for their first content
        self.continued = False
        self.heading: Row | None = None

    def html_with(self, extra: Sequence[tuple[str, ...]] = ()) -> tuple[str, ...]:
        pieces = [*self.current, *self.pending, *extra]
        return tuple("".join(p[lang] for p in pieces) for lang in range(self.languages))

    def flush(self, overflows: bool = False) -> None:
        if self.current:
            self.slides.append(Slide(self.html_with_current(), self.continued, overflows))
        self.current, self.content, self.continued = [], 0, False

    def html_with_current(self) -> tuple[str, ...]:
        return tuple("".join(p[lang] for p in self.current) for lang in range(self.languages))

    def start_continuation(self) -> None:
        if self.heading is not None and not self.pending:
            self.current = [self.heading.continued_heading(self.marker)]
            self.continued = True

    def add_heading(self, row: Row) -> None:
        if row.level <= BREAK_LEVEL and (self.content or self.pending):
            self.current += self.pending
            self.pending = []
            self.flush()
        self.pending.append(row.piece(0, 1))
        self.heading = row

    def add_content(self, row: Row) -> None:
        total = row.units
        start = 0
        while start < total:
            end = self._largest_fit(row, start, total)
            if end > start:
                self.current += [*self.pending, row.piece(start, end)]
                self.pending = []
                self.content += 1
                start = end
                if start < total:
                    self.flush()
                    self.start_continuation()
                continue
            if self.content:  # start a new slide and try again there
                carried = self.pending
                self.pending = []
                self.flush()
                if start > 0:
                    self.start_continuation()
                self.pending = carried
                continue
            # Not even one unit fits on an empty slide.
            if self._split_words(row, start):
                return
            self.current += [*self.pending, row.piece(start, start + 1)]
            self.pending = []
            self.flush(overflows=True)
            start += 1
            if start < total:
                self.start_continuation()

    def _largest_fit(self, row: Row, start: int, total: int) -> int:
        if self.fits(self.html_with([row.piece(start, total)])):
            return total
        low, high = start, total - 1  # the answer is in low..high; low means "nothing fits"
        while low < high:
            middle = (low + high + 1) // 2
            if self.fits(self.html_with([row.piece(start, middle)])):
                low = middle
            else:
                high = middle - 1
        return low

    def _split_words(self, row: Row, start: int) -> bool:
        """A paragraph sentence larger than a slide: cut it between words instead."""
        columns = row.blocks
        if row.units == 1 and start > 0:
            return False
        if not all(len(c) == 1 and c[0].tag == "p" for c in columns):
            return False
        first = [(start * len(c[0].parts)) // row.units for c in columns]
        pairs = list(zip(columns, first, strict=True))
        sentences = [c[0].parts[i] if i < len(c[0].parts) else "" for c, i in pairs]
        words = [split_words(sentence) for sentence in sentences]
        if max(len(w) for w in words) < 2:
            return False
        wordy = Row(
            tuple(
                (Block("p", c[0].head, tuple(w), c[0].tail),)
                for c, w in zip(columns, words, strict=True)
            )
        )
        self.add_content(wordy)
        rest = Row(
            tuple(
                (Block("p", c[0].head, c[0].parts[i + 1 :] or ("",), c[0].tail),)
                for c, i in zip(columns, first, strict=True)
            )
        )
        if any(any(part.strip() for part in c[0].parts) for c in rest.blocks):
            self.flush()
            self.start_continuation()
            self.add_content(rest)
        return True

    def run(self) -> list[Slide]:
        for row in self.rows:
            if row.level:
                self.add_heading(row)
            else:
                self.add_content(row)
        if self.pending:
            if not self.fits(self.html_with()):
                self.flush()
            self.current += self.pending
            self.pending = []
        self.flush()
        return self.slides


def cut_slides(
    columns: Sequence[Sequence[Block]], fits: Fits, continued_marker: str = ""
) -> list[Slide]:
    """Cut the blocks of one or more languages into slides; ``fits`` measures a candidate."""
    if not columns:
        raise ValueError("cut_slides needs the blocks of at least one language")
    if not any(columns):
        return [Slide(tuple("" for _ in columns))]
    return _Cutter(align(columns), fits, continued_marker, len(columns)).run() or [
        Slide(tuple("" for _ in columns))
    ]
