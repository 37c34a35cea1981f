"""How slides look: themes, text size for a screen, and where the panes go on it."""

from __future__ import annotations

from dataclasses import dataclass

from reader.i18n import N_
from reader.settings import PRESENT_TEXT_DEFAULT, PRESENT_TEXT_MAX, PRESENT_TEXT_MIN

TEXT_PERCENT_DEFAULT = PRESENT_TEXT_DEFAULT
TEXT_PERCENT_MIN = PRESENT_TEXT_MIN
TEXT_PERCENT_MAX = PRESENT_TEXT_MAX
TEXT_PERCENT_STEP = 10
LINES_PER_SCREEN = 26  # at 100 %, body text is 1/26 of the screen height (about 41 px at 1080)
TWO_LANGUAGE_FACTOR = 0.8  # two panes side by side hold less per line
READABLE_LINES = 48  # never smaller than 1/48 of the screen height...
READABLE_MIN_PX = 18  # ...nor than 18 px


@dataclass(frozen=True)
class Theme:
    key: str
    name: str  # marked for translation; shown through _()
    background: str
    text: str
    heading: str
    muted: str
    link: str
    rule: str


THEMES: dict[str, Theme] = {
    # Weak projectors wash out light greys and thin colours: black text, dark blue headings.
    "light": Theme(
        "light", N_("Light"), "#ffffff", "#000000", "#08315a", "#333333", "#003f8a", "#555555"
    ),
    "dark": Theme(
        "dark", N_("Dark"), "#111417", "#f4f4f4", "#9fd3ff", "#c8c8c8", "#ffd479", "#8a8a8a"
    ),
    "contrast": Theme(
        "contrast",
        N_("High contrast"),
        "#000000",
        "#ffffff",
        "#ffff00",
        "#ffffff",
        "#00ffff",
        "#ffffff",
    ),
}
DEFAULT_THEME = "light"


def theme(key: str) -> Theme:
    return THEMES.get(key, THEMES[DEFAULT_THEME])


def clamp_percent(percent: int) -> int:
    return max(TEXT_PERCENT_MIN, min(TEXT_PERCENT_MAX, percent))


def minimum_pixel_size(short_side: int) -> int:
    return max(READABLE_MIN_PX, round(short_side / READABLE_LINES))


def text_pixel_size(short_side: int, percent: int, two_languages: bool = False) -> int:
    """Body text size in pixels: scales with the screen, never below the readable minimum.

    ``short_side`` is the screen's height, or its width on a portrait screen (where the height
    would make lines of a few words).
    """
    size = short_side / LINES_PER_SCREEN * clamp_percent(percent) / 100
    if two_languages:
        size *= TWO_LANGUAGE_FACTOR
    return max(minimum_pixel_size(short_side), round(size))


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class SlideLayout:
    panes: tuple[Rect, ...]  # where each language's text goes
    footer: Rect
    footer_pixel_size: int


def slide_layout(width: int, height: int, text_px: int, languages: int = 1) -> SlideLayout:
    """Panes for one or two languages (side by side, or one above the other when portrait)."""
    margin = max(12, round(min(width, height) * 0.04))
    footer_px = max(READABLE_MIN_PX - 4, round(text_px * 0.6))
    footer_height = round(footer_px * 2.2)
    area_height = height - 2 * margin - footer_height
    area_width = width - 2 * margin
    panes: list[Rect] = []
    if languages == 1:
        panes.append(Rect(margin, margin, area_width, area_height))
    elif width >= height:
        pane_width = (area_width - margin) // 2
        panes += [
            Rect(margin, margin, pane_width, area_height),
            Rect(margin * 2 + pane_width, margin, pane_width, area_height),
        ]
    else:
        pane_height = (area_height - margin) // 2
        panes += [
            Rect(margin, margin, area_width, pane_height),
            Rect(margin, margin * 2 + pane_height, area_width, pane_height),
        ]
    footer = Rect(margin, height - margin - footer_height, area_width, footer_height)
    return SlideLayout(tuple(panes), footer, footer_px)


def slide_css(key: str) -> str:
    """The slide style sheet (the subset of CSS that QTextDocument understands)."""
    t = theme(key)
    return (
        f'body {{ font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", sans-serif;'
        f" color: {t.text}; background-color: {t.background}; }}\n"
        f"h1 {{ font-size: 150%; color: {t.heading}; margin-top: 0px; margin-bottom: 14px; }}\n"
        f"h2 {{ font-size: 128%; color: {t.heading}; margin-top: 0px; margin-bottom: 12px; }}\n"
        f"h3, h4, h5, h6 {{ font-size: 110%; color: {t.heading}; margin-top: 14px;"
        " margin-bottom: 8px; }\n"
        "p { margin-top: 0px; margin-bottom: 14px; line-height: 125%; }\n"
        "li { margin-bottom: 8px; }\n"
        f"a {{ color: {t.link}; text-decoration: none; }}\n"
        f"small {{ color: {t.muted}; font-size: 80%; }}\n"
        f"small.continued {{ color: {t.muted}; font-weight: normal; }}\n"
        f"p.notice {{ color: {t.muted}; font-style: italic; }}\n"
        f"th, td {{ border: 1px solid {t.rule}; padding: 4px; }}\n"
        'code { font-family: "DejaVu Sans Mono", monospace; }\n'
    )
