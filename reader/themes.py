"""Colour themes of the main window and its page: light, dark and high contrast (no Qt here).

The UI wraps these tables in a QPalette, a small application style sheet for the notice bars and
a page style sheet (reader/ui/theme.py). "system" is not a theme: it follows the operating
system's colour scheme and resolves to "light" or "dark".
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.i18n import N_

SYSTEM = "system"
DEFAULT_CHOICE = SYSTEM


@dataclass(frozen=True)
class Colours:
    key: str
    # Window (QPalette roles)
    window: str
    window_text: str
    base: str  # page, lists, text fields
    alternate_base: str
    text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    link: str
    tooltip_base: str
    tooltip_text: str
    placeholder: str
    disabled: str
    border: str
    # Page
    heading: str
    subheading: str
    external_link: str
    muted: str
    # Notice bars: warning (yellow), error (red), information (blue)
    warning_bg: str
    warning_text: str
    error_bg: str
    error_text: str
    info_bg: str
    info_text: str
    error_label: str  # an error message on the window background (e.g. in a dialog)
    # Marks: what changed between editions (reader/ui/diff_view.py), days in the month grid,
    # search hits in the page and in the result list.
    added_bg: str
    added_text: str
    removed_bg: str
    removed_text: str
    event_bg: str
    event_text: str
    bookmark_bg: str
    bookmark_text: str
    today: str  # the frame of today's cell (not text: 3:1 against the window)
    mark_bg: str  # a search hit
    mark_text: str
    current_mark_bg: str  # the hit F3 stepped to


THEMES: dict[str, Colours] = {
    "light": Colours(
        "light",
        window="#efefef",
        window_text="#1d232a",
        base="#ffffff",
        alternate_base="#f5f7f9",
        text="#1d232a",
        button="#e8e8e8",
        button_text="#1d232a",
        highlight="#0a5ca8",
        highlighted_text="#ffffff",
        link="#0a5ca8",
        tooltip_base="#ffffdc",
        tooltip_text="#000000",
        placeholder="#6b747c",
        disabled="#8a9096",
        border="#b8bec4",
        heading="#0b3d62",
        subheading="#23425c",
        external_link="#6b4c00",
        muted="#5a6670",
        warning_bg="#fff4d6",
        warning_text="#3d2e00",
        error_bg="#fde2e1",
        error_text="#4a0d0b",
        info_bg="#e1ecfb",
        info_text="#0d2440",
        error_label="#b00020",
        added_bg="#d7f5dc",
        added_text="#0b4f14",
        removed_bg="#fbdada",
        removed_text="#7a1010",
        event_bg="#dbe9f5",
        event_text="#0b3d62",
        bookmark_bg="#ffe066",
        bookmark_text="#4a3000",
        today="#c0392b",
        mark_bg="#ffe066",
        mark_text="#000000",
        current_mark_bg="#ff9f1c",
    ),
    "dark": Colours(
        "dark",
        window="#202428",
        window_text="#e6e8ea",
        base="#16191c",
        alternate_base="#1d2125",
        text="#e6e8ea",
        button="#2c3136",
        button_text="#e6e8ea",
        highlight="#3a74bd",
        highlighted_text="#ffffff",
        link="#8cc4ff",
        tooltip_base="#2c3136",
        tooltip_text="#e6e8ea",
        placeholder="#9aa3ab",
        disabled="#7d858c",
        border="#4a5158",
        heading="#9fd3ff",
        subheading="#c2e2ff",
        external_link="#ffd479",
        muted="#aab4bd",
        warning_bg="#4a3b10",
        warning_text="#ffefc2",
        error_bg="#5a1f1d",
        error_text="#ffdcda",
        info_bg="#1c3552",
        info_text="#dbe9ff",
        error_label="#ff8a8a",
        added_bg="#173d20",
        added_text="#c8f5d0",
        removed_bg="#4a1c1c",
        removed_text="#ffd6d6",
        event_bg="#1c3552",
        event_text="#dbe9ff",
        bookmark_bg="#5c4700",
        bookmark_text="#ffeeb0",
        today="#ff7a6b",
        mark_bg="#ffe066",
        mark_text="#000000",
        current_mark_bg="#ff9f1c",
    ),
    # Black and white, yellow for what is selected, cyan links: WCAG AAA contrast everywhere.
    "contrast": Colours(
        "contrast",
        window="#000000",
        window_text="#ffffff",
        base="#000000",
        alternate_base="#000000",
        text="#ffffff",
        button="#000000",
        button_text="#ffffff",
        highlight="#ffff00",
        highlighted_text="#000000",
        link="#00ffff",
        tooltip_base="#000000",
        tooltip_text="#ffffff",
        placeholder="#ffffff",
        disabled="#c0c0c0",
        border="#ffffff",
        heading="#ffff00",
        subheading="#ffff00",
        external_link="#00ff00",
        muted="#ffffff",
        warning_bg="#000000",
        warning_text="#ffff00",
        error_bg="#000000",
        error_text="#ffffff",
        info_bg="#000000",
        info_text="#ffffff",
        error_label="#ffff00",
        added_bg="#000000",
        added_text="#00ff00",
        removed_bg="#000000",
        removed_text="#ff9999",
        event_bg="#000000",
        event_text="#00ffff",
        bookmark_bg="#ffff00",
        bookmark_text="#000000",
        today="#00ff00",
        mark_bg="#ffff00",
        mark_text="#000000",
        current_mark_bg="#00ffff",
    ),
}

#: The View > Theme choices, in menu order, with their names marked for translation.
CHOICES: list[tuple[str, str]] = [
    (SYSTEM, N_("System")),
    ("light", N_("Light")),
    ("dark", N_("Dark")),
    ("contrast", N_("High contrast")),
]


def resolve(choice: str, system_dark: bool) -> str:
    """The theme to show for a choice; "system" (and anything unknown) follows the system."""
    if choice in THEMES:
        return choice
    return "dark" if system_dark else "light"


def text_pairs(c: Colours) -> list[tuple[str, str, str]]:
    """(what, text colour, background) of every text the theme colours, for the contrast rule
    (reader/contrast.py): 4.5:1, 7:1 in high contrast."""
    pairs = [
        ("text", c.text, c.base),
        ("window text", c.window_text, c.window),
        ("button text", c.button_text, c.button),
        ("selected text", c.highlighted_text, c.highlight),
        ("link", c.link, c.base),
        ("tooltip", c.tooltip_text, c.tooltip_base),
        ("placeholder", c.placeholder, c.base),
        ("heading", c.heading, c.base),
        ("subheading", c.subheading, c.base),
        ("external link", c.external_link, c.base),
        ("muted text", c.muted, c.base),
        ("muted text on the window", c.muted, c.window),
        ("warning", c.warning_text, c.warning_bg),
        ("error", c.error_text, c.error_bg),
        ("information", c.info_text, c.info_bg),
        ("error message", c.error_label, c.window),
        ("added text", c.added_text, c.added_bg),
        ("removed text", c.removed_text, c.removed_bg),
        ("event day", c.event_text, c.event_bg),
        ("bookmarked day", c.bookmark_text, c.bookmark_bg),
        ("search hit", c.mark_text, c.mark_bg),
        ("current search hit", c.mark_text, c.current_mark_bg),
    ]
    if c.key == "contrast":  # disabled text is exempt in WCAG; high contrast keeps it readable
        pairs.append(("disabled text", c.disabled, c.window))
    return pairs


def page_css(c: Colours) -> str:
    """Colour rules for the reading page, appended to resources/reader.css (which sets layout)."""
    return f"""
body {{ color: {c.text}; }}
h1, h2 {{ color: {c.heading}; }}
h3 {{ color: {c.subheading}; }}
a {{ color: {c.link}; }}
a.external {{ color: {c.external_link}; }}
p.crumb, p.next {{ color: {c.muted}; }}
small {{ color: {c.muted}; }}
p.notice {{ background-color: {c.warning_bg}; color: {c.warning_text}; }}
table.country-box {{ background-color: {c.info_bg}; color: {c.info_text}; }}
table.country-box {{ border-color: {c.border}; }}
"""


def window_css(c: Colours) -> str:
    """The application style sheet: the notice bars and messages that have their own colours."""
    warning = f"background:{c.warning_bg}; color:{c.warning_text};"
    error = f"background:{c.error_bg}; color:{c.error_text};"
    css = f"""
QLabel#languageNotice {{ {warning} padding:6px; }}
QLabel#checklistReminder {{ {warning} padding:4px; }}
QLabel#dataNotice {{ {error} padding:6px; }}
#dataProblemBar {{ {error} border-bottom:1px solid {c.border}; }}
#dataProblemBar QLabel {{ color:{c.error_text}; }}
#editionNotice {{ background:{c.info_bg}; border-bottom:1px solid {c.border}; }}
#editionNotice QLabel {{ color:{c.info_text}; }}
QLabel#eventError {{ color:{c.error_label}; }}
"""
    if c.key == "contrast":  # black on black: draw the edges of fields, lists, bars, buttons
        css += f"""
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView, QAbstractSpinBox, QComboBox {{
    border:1px solid {c.border}; }}
QLabel#languageNotice, QLabel#dataNotice, QLabel#checklistReminder {{
    border:1px solid {c.border}; }}
QPushButton {{ border:1px solid {c.border}; padding:3px 10px; }}
QPushButton:default {{ border-width:2px; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QComboBox:focus,
QAbstractItemView:focus, QTextEdit:focus {{ border:2px solid {c.highlight}; }}
QPushButton:checked {{ background:{c.highlight}; color:{c.highlighted_text}; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width:12px; height:12px; border:1px solid {c.border}; background:{c.base}; }}
QRadioButton::indicator {{ border-radius:7px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
    background:{c.highlight}; border:2px solid {c.border}; }}
QCheckBox::indicator:indeterminate, QCheckBox::indicator:checked:disabled {{
    background:{c.disabled}; }}
QPushButton:disabled, QLineEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled,
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border:1px dashed {c.disabled}; color:{c.disabled}; }}
"""
    return css
