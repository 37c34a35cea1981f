from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from reader.content.model import Indicator
from reader.content.render import RenderReport, markdown_to_html, pack_relative_path


def render(text: str, report: RenderReport | None = None) -> str:
    return markdown_to_html(text, {"known"}.__contains__, PurePosixPath("en"), report=report)


def test_internal_links_point_to_sections() -> None:
    report = RenderReport()
    html = render("See [this](#known) and [that](#unknown).", report)
    assert '<a href="section:known">this</a>' in html
    assert report.broken_links == ["#unknown"]


def test_external_links_are_shown_with_their_address() -> None:
    report = RenderReport()
    html = render("Visit [the ministry](https://example.org/x) or <https://example.org/y>.", report)
    assert 'class="external"' in html
    assert "the ministry</a> (https://example.org/x)" in html
    assert report.external_links == ["https://example.org/x", "https://example.org/y"]


def test_raw_html_and_scripts_never_survive() -> None:
    html = render('<script>alert(1)</script> <img src=x onerror="alert(2)"> **ok**')
    assert "<script" not in html and "onerror=" not in html.replace("&quot;", '"').split(">")[0]
    assert "<strong>ok</strong>" in html
    assert "&lt;script&gt;" in html


def test_images_only_from_inside_the_pack() -> None:
    report = RenderReport()
    html = render(
        "![a](images/a.png) ![b](https://example.org/b.png) ![c](../../etc/c.png)", report
    )
    assert '<img alt="a" src="pack:en/images/a.png">' in html
    assert "example.org/b.png" not in html and "[b]" in html and "[c]" in html
    assert report.blocked_images == ["https://example.org/b.png", "../../etc/c.png"]


def test_pack_paths_cannot_escape_the_pack(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.png").write_bytes(b"png")
    (tmp_path.parent / "secret.txt").write_text("no", encoding="utf-8")
    assert pack_relative_path(tmp_path, "pack:en/a.png") == (tmp_path / "en" / "a.png").resolve()
    assert pack_relative_path(tmp_path, "pack:../secret.txt") is None
    assert pack_relative_path(tmp_path, "pack:en/missing.png") is None


def test_indicator_directive_becomes_a_checklist() -> None:
    indicators = [
        Indicator("general-a", "general", "en", "Text <A>", "Why & how"),
        Indicator("labour-b", "labour", "en", "Other"),
    ]
    html = markdown_to_html(
        "Intro\n\n{{indicators general}}\n", lambda _: True, indicators=indicators
    )
    assert '<a name="indicator-general-a"></a>' in html
    assert "Text &lt;A&gt;" in html and "Why &amp; how" in html
    assert "Other" not in html and "{{" not in html


def test_a_reused_converter_keeps_nothing_of_the_call_before() -> None:
    # One Markdown converter per thread is reused (reset between calls): a link, a table or a
    # list of one call must not change the next one, nor its report.
    first = RenderReport()
    markdown_to_html(
        "| a | b |\n| - | - |\n| 1 | 2 |\n\n[x](#gone) [y](https://example.org)",
        lambda _t: False,
        report=first,
    )
    assert first.broken_links == ["#gone"] and first.external_links
    second = RenderReport()
    plain = markdown_to_html("Just [a link](#here).", lambda t: t == "here", report=second)
    assert second == RenderReport() and "<table" not in plain and 'href="section:here"' in plain


def test_converters_are_not_shared_between_threads_or_nested_calls() -> None:
    text = "1. one\n2. two\n\n[a](#a) and [b](#b)"
    expected = markdown_to_html(text, lambda _t: True)
    nested: list[str] = []

    def known(target: str) -> bool:  # a caller whose check renders again, inside the call
        nested.append(markdown_to_html("*inner* [z](#z)", lambda _t: False))
        return True

    assert markdown_to_html(text, known) == expected
    assert nested and all("<em>inner</em>" in html for html in nested)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _n: markdown_to_html(text, lambda _t: True), range(200)))
    assert set(results) == {expected}
