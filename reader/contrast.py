"""WCAG 2 contrast of two sRGB colours (no Qt here): the rule every theme is tested against.

Text needs 4.5:1 against its background (WCAG 1.4.3, level AA), 7:1 in the high-contrast theme
(1.4.6, level AAA); the edges of controls and marks that are not text need 3:1 (1.4.11).
"""

from __future__ import annotations

TEXT_MINIMUM = 4.5
TEXT_MINIMUM_HIGH_CONTRAST = 7.0
NON_TEXT_MINIMUM = 3.0


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of "#rrggbb" or "#rgb" (0 is black, 1 is white)."""
    digits = colour.strip().removeprefix("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    if len(digits) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in digits):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """(lighter + 0.05) / (darker + 0.05): from 1 (the same) to 21 (black on white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)
