"""A section's rendered HTML as a flat list of top-level blocks that slides are cut from.

The reader's sanitised HTML (reader.content.render) is parsed once: each top-level element
(heading, paragraph, list, table, quote...) becomes a :class:`Block`. Lists, tables and
paragraphs also know their parts (items, body rows, sentences) so that one that does not fit on
a slide can continue on the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = {"br", "hr", "img"}
SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+")


@dataclass(frozen=True)
class Block:
    """One top-level element: ``head + "".join(parts) + tail`` is its HTML."""

    tag: str
    head: str
    parts: tuple[str, ...]
    tail: str
    repeat: str = ""  # a table's header rows, shown again where the table continues

    @property
    def level(self) -> int:
        """Heading level 1-6, or 0 for anything else."""
        return HEADINGS.get(self.tag, 0)

    @property
    def html(self) -> str:
        return self.piece(0, len(self.parts))

    def piece(self, start: int, end: int) -> str:
        """The block with only parts ``start:end`` (every table piece has its header rows)."""
        return self.head + self.repeat + "".join(self.parts[start:end]) + self.tail

    def signature(self) -> str:
        """What must match between languages for slides to be cut in step."""
        return self.tag if self.tag in HEADINGS else f"{self.tag}:{len(self.parts)}"


class _TopLevel(HTMLParser):
    """Splits HTML into top-level elements and the direct children that are their parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[Block] = []
        self._depth = 0
        self._tag = ""
        self._buffer: list[str] = []  # raw text of the current top-level element
        self._head = ""
        self._parts: list[str] = []
        self._part_start: int | None = None
        self._repeat: list[str] = []
        self._in_thead = False

    def _raw(self) -> str:
        return self.get_starttag_text() or ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self._raw()
        if self._depth == 0:
            self._tag, self._buffer, self._parts, self._repeat = tag, [], [], []
            self._part_start = None
            self._head = text
            self._buffer.append(text)
            if tag in VOID:
                self._finish("")
                return
            self._depth = 1
            return
        if tag == "thead":
            self._in_thead = True
        if self._is_part_tag(tag) and self._part_start is None:
            self._part_start = len(self._buffer)
        self._buffer.append(text)
        if tag not in VOID:
            self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0:
            self.handle_starttag(tag, attrs)
            return
        self._buffer.append(self._raw())

    def _is_part_tag(self, tag: str) -> bool:
        if self._tag in ("ul", "ol"):
            return tag == "li" and self._depth == 1
        if self._tag == "table":
            return tag == "tr"
        return False

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0:
            return  # a stray end tag: nh3 does not leave these, ignore it
        self._buffer.append(f"</{tag}>")
        self._depth -= 1
        if tag == "thead":
            self._in_thead = False
        if self._part_start is not None and self._is_closing_part(tag):
            part = "".join(self._buffer[self._part_start :])
            del self._buffer[self._part_start :]
            (self._repeat if self._in_thead else self._parts).append(part)
            self._part_start = None
        if self._depth == 0:
            self._finish(f"</{tag}>")

    def _is_closing_part(self, tag: str) -> bool:
        if self._tag in ("ul", "ol"):
            return tag == "li" and self._depth == 1
        return self._tag == "table" and tag == "tr"

    def _finish(self, close: str) -> None:
        tag = self._tag
        if tag in ("ul", "ol", "table") and self._parts:
            inner = "".join(self._buffer[1:-1]) if close else ""
            head = self._head
            if tag == "table":
                # Row wrappers (thead/tbody) are dropped: rows stand directly in the table.
                head, inner = self._head, ""
            self.blocks.append(
                Block(tag, head + inner, tuple(self._parts), close, "".join(self._repeat))
            )
        elif tag == "pre":
            inner = "".join(self._buffer[1:-1])
            lines = inner.splitlines(keepends=True) or [inner]
            self.blocks.append(Block(tag, self._head, tuple(lines), close))
        elif tag == "p":
            inner = "".join(self._buffer[1:-1])
            self.blocks.append(Block(tag, self._head, tuple(split_sentences(inner)), close))
        else:
            body = "".join(self._buffer[1:]) if close else ""
            self.blocks.append(
                Block(tag, self._head, (body[: -len(close)] if close else "",), close)
            )
        self._depth = 0

    def handle_data(self, data: str) -> None:
        if self._depth == 0:
            if data.strip():  # loose text at the top: keep it as a paragraph
                self.blocks.append(Block("p", "<p>", tuple(split_sentences(data)), "</p>"))
            return
        self._buffer.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def split_sentences(inner: str) -> list[str]:
    """Split a paragraph's inner HTML after sentence ends, never inside a tag."""
    pieces: list[str] = []
    start = 0
    inside = False
    index = 0
    while index < len(inner):
        char = inner[index]
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside and char in ".!?…" and index + 1 < len(inner) and inner[index + 1] == " ":
            pieces.append(inner[start : index + 2])
            start = index + 2
        index += 1
    if start < len(inner):
        pieces.append(inner[start:])
    return [piece for piece in pieces if piece.strip()] or [inner]


LONG_WORD = 24  # a word without markup longer than this may be cut into pieces this long


def split_words(text: str) -> list[str]:
    """A sentence's words (with their trailing space), for a sentence longer than a slide.

    A very long word without markup (a pasted address, a hash) comes in pieces, so that even
    it can continue on the next slide.
    """
    words: list[str] = []
    for word in re.findall(r"\S+\s*", text) or [text]:
        if len(word) > LONG_WORD and "<" not in word and "&" not in word:
            words += [word[i : i + LONG_WORD] for i in range(0, len(word), LONG_WORD)]
        else:
            words.append(word)
    return words


def parse_blocks(html: str) -> list[Block]:
    parser = _TopLevel()
    parser.feed(html)
    parser.close()
    return [block for block in parser.blocks if block.tag != "hr"]
