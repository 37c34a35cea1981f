"""The quick inline processor gives the HTML Python-Markdown's own gives, only sooner."""

from __future__ import annotations

import markdown
import pytest
from markdown.inlinepatterns import SimpleTagInlineProcessor

from reader.content import load_pack, quick_inline, render
from reader.content.quick_inline import QuickInlineProcessor
from tests.conftest import default_pack_dir

EXTENSIONS = ["sane_lists", "attr_list", "tables"]
SAMPLES = [
    "Plain words only, nothing to do here.",
    # one kind of syntax each, nothing else that would send the text through the patterns
    "just `code`",
    "a literal \\[bracket",
    "see [this](#victims)",
    "write <help@example.org>",
    "line one  \nline two",
    "copyright &copy; here",
    "some *emphasis* here",
    "some _emphasis_ here",
    "A `code span` and a \\*literal star\\* and \\_underscores\\_.",
    "A [link](#victims) and ![an image](pic.png) and [a ref][r] and [r].\n\n[r]: #help",
    "Mail <help@example.org> or see <https://example.org/a?b=1&c=2>.",
    "Line one  \nline two, &amp; an entity, &copy; &#169; and a bare & sign.",
    "*em* **strong** ***both*** _em_ __strong__ snake_case_word 2*3*4",
    "- item with **bold [link](#x)**\n- item `code` <b>raw</b>\n\n"
    "| a | *b* |\n|---|---|\n| 1 | [2](#y) |",
    "Heading {: .note }\n\n# Title with *emphasis* #",
    "Nested *emphasis with [a link *inside*](#z)* and text after.",
]


def _all_pages() -> list[str]:
    pack = load_pack(default_pack_dir())
    pages = []
    for lang in pack.languages:
        edition = pack.edition(lang)
        assert edition is not None
        for chapter in edition.chapters.values():
            for section in chapter.sections:
                pages.append(
                    render.markdown_to_html(
                        section.markdown, lambda _t: True, indicators=edition.indicators
                    )
                )
    return pages


def test_every_page_of_the_pack_converts_as_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    render._converters.__dict__.pop("idle", None)
    quick = _all_pages()
    converter, _links = render._converter()
    assert isinstance(converter.treeprocessors["inline"], QuickInlineProcessor)
    render._converters.__dict__.pop("idle", None)
    monkeypatch.setattr(quick_inline, "install", lambda _md: False)
    plain = _all_pages()
    render._converters.__dict__.pop("idle", None)
    assert len(quick) > 1000 and quick == plain


@pytest.mark.parametrize("text", SAMPLES)
def test_each_kind_of_inline_syntax_converts_as_without_it(text: str) -> None:
    plain = markdown.Markdown(extensions=EXTENSIONS)
    quick = markdown.Markdown(extensions=EXTENSIONS)
    assert quick_inline.install(quick)
    assert quick.convert(text) == plain.convert(text)


def test_a_pattern_it_does_not_know_leaves_python_markdowns_processor() -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 65)
    assert not quick_inline.install(md)
    assert not isinstance(md.treeprocessors["inline"], QuickInlineProcessor)
    assert "<del>gone</del>" in md.convert("~~gone~~")
