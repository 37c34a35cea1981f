"""Render sections to sanitised HTML for the reader view.

Markdown is converted with python-markdown; a tree processor then rewrites links and images before
the HTML is cleaned with nh3 (an allow-list sanitiser):

- ``#section-id`` links become ``section:section-id`` links that the reader view opens itself;
- ``http``, ``https`` and ``mailto`` links are kept as addresses the user can see and copy, and
  the address is printed beside the link text, because the app never fetches them;
- images load only from inside the pack (``pack:relative/path``); any other image becomes its
  alternative text.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from reader.content import quick_inline
from reader.content.model import Indicator

INTERNAL_SCHEME = "section"
PACK_SCHEME = "pack"
EXTERNAL_SCHEMES = ("http", "https", "mailto")
INDICATOR_DIRECTIVE = re.compile(r"^\{\{indicators\s+([a-z0-9-]+)\}\}\s*$", re.MULTILINE)
INDICATOR_ANCHOR_PREFIX = "indicator-"
PACK_ROOT = PurePosixPath(".")

ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "div",
    "small",
    "sup",
    "sub",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "name", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "span": {"class"},
    "div": {"class"},
    "p": {"class"},
    "ul": {"class"},
    "li": {"class"},
    "td": {"align"},
    "th": {"align"},
    "h1": {"class"},
    "h2": {"class"},
}
ALLOWED_SCHEMES = {INTERNAL_SCHEME, PACK_SCHEME, *EXTERNAL_SCHEMES}


@dataclass
class RenderReport:
    """What rendering noticed: links to ids that do not exist, images outside the pack."""

    broken_links: list[str] = field(default_factory=list)
    blocked_images: list[str] = field(default_factory=list)
    external_links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


class _LinkRewriter(Treeprocessor):
    def __init__(
        self,
        md: markdown.Markdown,
        known_id: Callable[[str], bool],
        base: PurePosixPath,
        report: RenderReport,
    ) -> None:
        super().__init__(md)
        self.known_id = known_id
        self.base = base
        self.report = report

    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter("a")):
            self._link(element)
        for element in list(root.iter("img")):
            self._image(element, parents.get(element))

    def _link(self, element: ET.Element) -> None:
        href = (element.get("href") or "").strip()
        if href.startswith("#"):
            target = href[1:]
            if not self.known_id(target):
                self.report.broken_links.append(href)
            element.set("href", f"{INTERNAL_SCHEME}:{target}")
            return
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        if scheme in EXTERNAL_SCHEMES:
            self.report.external_links.append(href)
            element.set("class", "external")
            element.set("title", href)
            shown = href.removeprefix("mailto:")
            text = "".join(element.itertext()).strip()
            if text and text != shown and text != href:
                element.tail = f" ({shown})" + (element.tail or "")
            return
        # A relative file link or an unknown scheme: keep the text, drop the link.
        self.report.broken_links.append(href)
        element.attrib.pop("href", None)

    def _image(self, element: ET.Element, parent: ET.Element | None) -> None:
        src = (element.get("src") or "").strip()
        inside = (
            src
            and ":" not in src
            and not src.startswith(("/", "\\"))
            and ".." not in PurePosixPath(src).parts
        )
        if inside:
            relative = (self.base / src).as_posix()
            self.report.images.append(relative)
            element.set("src", f"{PACK_SCHEME}:{relative}")
            return
        self.report.blocked_images.append(src)
        alt = element.get("alt") or ""
        if parent is not None:
            index = list(parent).index(element)
            tail = element.tail or ""
            parent.remove(element)
            replacement = f"[{alt}]" if alt else ""
            if index == 0:
                parent.text = (parent.text or "") + replacement + tail
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + replacement + tail


class _Rewrite(Extension):
    def __init__(self, processor_factory: Callable[[markdown.Markdown], Treeprocessor]) -> None:
        super().__init__()
        self.factory = processor_factory

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(self.factory(md), "strom-links", 5)


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
    )


def indicator_list_html(indicators: Iterable[Indicator]) -> str:
    items = []
    for indicator in indicators:
        explanation = (
            f"<br><small>{html.escape(indicator.explanation)}</small>"
            if indicator.explanation
            else ""
        )
        items.append(
            f'<li class="indicator"><a name="{INDICATOR_ANCHOR_PREFIX}{indicator.id}"></a>'
            f"\u2610 {html.escape(indicator.text)}{explanation}</li>"
        )
    return '<ul class="indicators">' + "".join(items) + "</ul>"


_converters = threading.local()  # Markdown objects are not safe to share between threads


def _no_id(_target: str) -> bool:
    return False


def _converter() -> tuple[markdown.Markdown, _LinkRewriter]:
    """A Markdown converter of this thread that no call is using, and its link rewriter.

    Made once, not at every call: making one (its extensions, their patterns) took 0.75 ms, a
    third of indexing a section (cProfile of an index build, 110 sections of de: 82 of 223 ms
    in the documents); ``reset()`` clears what a conversion leaves behind."""
    idle: list[tuple[markdown.Markdown, _LinkRewriter]] = _converters.__dict__.setdefault(
        "idle", []
    )
    if idle:
        return idle.pop()
    made: list[_LinkRewriter] = []

    def rewriter(md: markdown.Markdown) -> _LinkRewriter:
        made.append(_LinkRewriter(md, _no_id, PACK_ROOT, RenderReport()))
        return made[0]

    converter = markdown.Markdown(
        extensions=["sane_lists", "attr_list", "tables", _Rewrite(rewriter)],
        output_format="html",
    )
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    quick_inline.install(converter)
    return converter, made[0]


def markdown_to_html(
    text: str,
    known_id: Callable[[str], bool],
    base: PurePosixPath = PACK_ROOT,
    indicators: Iterable[Indicator] = (),
    report: RenderReport | None = None,
) -> str:
    """Markdown to sanitised HTML; ``{{indicators X}}`` lines become that category's checklist."""
    report = report if report is not None else RenderReport()
    by_category: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_category.setdefault(indicator.category, []).append(indicator)
    placeholders: dict[str, str] = {}

    def directive(match: re.Match[str]) -> str:
        key = f"STROMINDICATORS{len(placeholders)}X"
        placeholders[key] = indicator_list_html(by_category.get(match.group(1), []))
        return f"\n{key}\n"

    text = INDICATOR_DIRECTIVE.sub(directive, text)
    converter, links = _converter()
    links.known_id, links.base, links.report = known_id, base, report
    try:
        body = converter.reset().convert(text)
    finally:
        links.known_id, links.report = _no_id, RenderReport()  # keep nothing of the caller's
        _converters.idle.append((converter, links))
    for key, fragment in placeholders.items():
        body = body.replace(f"<p>{key}</p>", fragment)
    return sanitize(body)


def pack_relative_path(root: Path, reference: str) -> Path | None:
    """Resolve a ``pack:`` reference to a file inside the pack, or None if it points outside."""
    relative = reference.removeprefix(f"{PACK_SCHEME}:")
    candidate = (root / relative).resolve()
    try:
        candidate.relative_to(root.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None
