"""Python-Markdown's inline processor, passing over text that no inline pattern can match.

Python-Markdown tries each of its ~14 inline patterns on every piece of text of a page, one
regular expression and several Python calls per pattern, even on a sentence with no markup in
it. That was half of turning a handbook section into HTML (cProfile of the documents of all 12
languages: ``__applyPattern`` 110 000 calls for 10 000 texts). Every pattern needs one of a few
characters to match (a backtick, a backslash, ``[``, ``<``, ``&``, an emphasis delimiter, two
spaces before a line break); a text with none of them comes back from the patterns unchanged,
so :class:`QuickInlineProcessor` returns it at once.

The characters are known per pattern name. :func:`install` puts the processor in place only
when every inline pattern of the converter is one it knows, so an extension that adds a pattern
leaves Python-Markdown's own processor at work. The pack's every page converts to the same HTML
either way (tests/content/test_quick_inline.py).
"""

from __future__ import annotations

import re
from typing import Any

import markdown
from markdown.treeprocessors import InlineProcessor

# What each built-in pattern cannot match without. The reference and image patterns start at
# "[" ("![" too); "html" is listed though the app's converters remove it.
PATTERN_NEEDS = {
    "backtick": "`",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "html": "<&",
    "entity": "&",
}
LINE_BREAK = "linebreak"  # two spaces before a new line
DELIMITERS = "em_strong"  # its delimiters are in md.delimiters.tokens ("*", "_")
# Python-Markdown's placeholders of stashed text start with STX and end with ETX.
PLACEHOLDER_MARKS = "\x02\x03"


def syntax_pattern(md: markdown.Markdown) -> re.Pattern[str] | None:
    """A pattern that finds what any of ``md``'s inline patterns needs to match; None if one of
    them is not known here."""
    needed = set(PLACEHOLDER_MARKS)
    line_break = False
    for name, _priority in _names(md.inlinePatterns):
        if name in PATTERN_NEEDS:
            needed.update(PATTERN_NEEDS[name])
        elif name == LINE_BREAK:
            line_break = True
        elif name == DELIMITERS and getattr(md, "delimiters", None) is not None:
            tokens = list(md.delimiters.tokens)  # type: ignore[union-attr]
            if any(len(token) != 1 for token in tokens):
                return None
            needed.update(tokens)
        else:
            return None
    chars = "[" + "".join(re.escape(ch) for ch in sorted(needed)) + "]"
    return re.compile(chars + ("|  \n" if line_break else ""))


class QuickInlineProcessor(InlineProcessor):
    """InlineProcessor that returns a text without inline syntax as it is (see the module)."""

    def __init__(self, md: markdown.Markdown, syntax: re.Pattern[str]) -> None:
        super().__init__(md)
        self._syntax = syntax

    # Python-Markdown calls its private ``__handleInline`` for each text, and again (with a
    # later ``patternIndex``) for the rest of a text after a match: only the first is skipped.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> Any:
        if patternIndex == 0 and self._syntax.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


def install(md: markdown.Markdown) -> bool:
    """Put a QuickInlineProcessor in the place of ``md``'s inline processor; whether it did."""
    syntax = syntax_pattern(md)
    if syntax is None or "inline" not in md.treeprocessors:
        return False
    priority = dict(_names(md.treeprocessors))["inline"]
    md.treeprocessors.register(QuickInlineProcessor(md, syntax), "inline", priority)
    return True


def _names(registry: Any) -> list[tuple[str, float]]:
    """The names and priorities in a Python-Markdown registry (its ``_priority`` list: the
    registry has no public way to them)."""
    return [(item.name, item.priority) for item in registry._priority]
