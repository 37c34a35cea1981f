"""Read a PDF back with pypdf: every page's text lines with their positions and font sizes."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf


def squash(text: str) -> str:
    """Text without any whitespace and with ligatures (ﬁ, ﬃ) spelled out, for comparing."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Fragment:
    x: float
    y: float
    size: float
    text: str


@dataclass
class Line:
    y: float
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(f.text for f in sorted(self.fragments, key=lambda f: f.x))

    @property
    def size(self) -> float:
        return max(f.size for f in self.fragments)


@dataclass
class PdfPage:
    width: float
    height: float
    fragments: list[Fragment]
    images: int = 0

    def lines(self) -> list[Line]:
        """Fragments on the same baseline joined, top of the page first."""
        found: list[Line] = []
        for fragment in sorted(self.fragments, key=lambda f: -f.y):
            if found and abs(found[-1].y - fragment.y) < 1.0:
                found[-1].fragments.append(fragment)
            else:
                found.append(Line(fragment.y, [fragment]))
        return found

    def body_lines(self, top_margin: float, bottom_margin: float) -> list[Line]:
        return [line for line in self.lines() if bottom_margin < line.y < self.height - top_margin]

    @property
    def squashed(self) -> str:
        return squash("".join(line.text for line in self.lines()))

    def visible(self, top_margin: float, bottom_margin: float, band: float) -> str:
        """Squashed text of the body and of the header and footer lines (``band`` wide).

        Qt also draws the last line of a paragraph that runs on to the next page on that next
        page, above the body, where the clip hides it; text extraction still finds it there.
        """
        lines = [
            line
            for line in self.lines()
            if bottom_margin < line.y < self.height - top_margin
            or line.y >= self.height - top_margin + band
            or line.y <= bottom_margin - band
        ]
        return squash("".join(line.text for line in lines))


def _multiply(m: Sequence[float], n: Sequence[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    ]


class _Collector:
    def __init__(self) -> None:
        self.fragments: list[Fragment] = []

    def __call__(
        self, text: str, cm: Sequence[float], tm: Sequence[float], _font: Any, size: float
    ) -> None:
        if not text.strip():
            return
        _a, _b, c, d, e, f = _multiply(tm, cm)
        self.fragments.append(Fragment(e, f, size * math.hypot(c, d), text.replace("\t", " ")))


def read_pdf(path: Path) -> list[PdfPage]:
    pages = []
    for page in pypdf.PdfReader(path).pages:
        box = page.mediabox
        collector = _Collector()
        page.extract_text(visitor_text=collector)
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        images = sum(
            1
            for ref in (xobjects.get_object().values() if xobjects else [])
            if ref.get_object().get("/Subtype") == "/Image"
        )
        pages.append(PdfPage(float(box.width), float(box.height), collector.fragments, images))
    return pages
