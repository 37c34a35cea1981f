"""The WCAG contrast rule (reader/contrast.py) and every theme's text colours against it."""

from __future__ import annotations

import pytest

from reader.contrast import (
    NON_TEXT_MINIMUM,
    TEXT_MINIMUM,
    TEXT_MINIMUM_HIGH_CONTRAST,
    contrast_ratio,
    relative_luminance,
)
from reader.themes import THEMES, text_pairs


def test_the_wcag_formula() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21.0)  # order and #rgb do not matter
    assert contrast_ratio("#5a6670", "#5a6670") == pytest.approx(1.0)
    # Published figures: #767676 is the lightest grey that passes on white, #777777 fails.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < TEXT_MINIMUM
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    with pytest.raises(ValueError, match="not a #rrggbb colour: 'red'"):
        relative_luminance("red")


@pytest.mark.parametrize("key", sorted(THEMES))
def test_every_text_of_every_theme_reads_well(key: str) -> None:
    colours = THEMES[key]
    minimum = TEXT_MINIMUM_HIGH_CONTRAST if key == "contrast" else TEXT_MINIMUM
    pairs = text_pairs(colours)
    assert len(pairs) >= 20
    weak = [
        f"{what}: {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1"
        for what, fg, bg in pairs
        if contrast_ratio(fg, bg) < minimum
    ]
    assert weak == [], f"{key} needs {minimum}:1"
    # Today's frame is not text: 3:1 against the window (WCAG 1.4.11).
    assert contrast_ratio(colours.today, colours.window) >= NON_TEXT_MINIMUM


def test_high_contrast_disabled_text_reads_but_differs() -> None:
    colours = THEMES["contrast"]
    assert ("disabled text", colours.disabled, colours.window) in text_pairs(colours)
    assert contrast_ratio(colours.disabled, colours.window) >= TEXT_MINIMUM
    assert colours.disabled != colours.window_text
