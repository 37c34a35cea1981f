from __future__ import annotations

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
