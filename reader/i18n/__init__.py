"""User-interface translations (gettext catalogs compiled with Babel) and locale-aware formatting.

Every user-visible string goes through :func:`_` or :func:`ngettext`. Catalogs live in the
top-level ``i18n/`` folder as ``<lang>/LC_MESSAGES/strom-reader.po``; they are compiled in memory at
start (a few milliseconds), so a source checkout, a wheel and a frozen bundle all read the same
``.po`` files and no compiled ``.mo`` file can go stale. A language without a catalog, or a message
without a translation, falls back to English.

Dates, numbers and language names are formatted by Babel for the current UI language.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterable
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages import mofile, pofile

from reader import paths

DOMAIN = "strom-reader"
SOURCE_LANGUAGE = "en"
#: The UI languages the app is meant to speak; each gets a catalog.
UI_LANGUAGES: tuple[str, ...] = (
    "en",
    "da",
    "de",
    "et",
    "fi",
    "is",
    "lt",
    "lv",
    "nb",
    "pl",
    "ru",
    "sv",
)

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE


def catalog_path(lang: str, root: Path | None = None) -> Path:
    return (root or paths.i18n_dir()) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(lang: str, root: Path | None = None) -> gettext.NullTranslations:
    """Compile the language's .po catalog in memory; NullTranslations when there is none."""
    path = catalog_path(lang, root)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def has_catalog(lang: str, root: Path | None = None) -> bool:
    return catalog_path(lang, root).is_file()


def install(lang: str, root: Path | None = None) -> None:
    """Make ``lang`` the UI language for all later calls of :func:`_` and the formatters."""
    global _translations, _language
    _language = normalize(lang) or SOURCE_LANGUAGE
    _translations = load_catalog(_language, root)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def normalize(code: str) -> str:
    """Map a locale name such as ``lv_LV.UTF-8``, ``nb-NO`` or ``no`` to a two-letter code."""
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    if base in ("no", "nn"):
        return "nb"
    return base


def pick_language(preferred: Iterable[str], available: Iterable[str]) -> str:
    """The first preferred language that is available, else English."""
    offered = list(available)
    for code in preferred:
        lang = normalize(code)
        if lang in offered:
            return lang
    return SOURCE_LANGUAGE


def _locale(lang: str | None = None) -> Locale:
    try:
        return Locale.parse(lang or _language)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE)


def language_name(code: str, in_language: str | None = None) -> str:
    """The language's name in ``in_language`` (the UI language by default)."""
    try:
        name = Locale.parse(code).get_display_name(_locale(in_language))
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def language_in_sentence(code: str) -> str:
    """The language's name as it is written inside a sentence of the UI language.

    Babel gives the name as it stands in running text: lower case in Latvian, Danish, Polish,
    Russian and most of the other handbook languages ("latviešu"), capitalised in English and
    German. Lists and menus use :func:`language_name`, which always starts with a capital.
    """
    try:
        return str(Locale.parse(code).get_display_name(_locale())) or code
    except (ValueError, UnknownLocaleError):
        return code


def native_language_name(code: str) -> str:
    """The language's name in itself: what a speaker looks for in a list."""
    return language_name(code, code)


def format_date(value: dt.date, form: str = "long") -> str:
    return babel_dates.format_date(value, format=form, locale=_locale())


def format_month_year(value: dt.date) -> str:
    return babel_dates.format_skeleton("yMMMM", value, locale=_locale())


def format_time(value: dt.time) -> str:
    return babel_dates.format_time(value, format="short", locale=_locale())


def format_date_range(start: dt.date, end: dt.date) -> str:
    """``12–13 October 2017`` in the UI language's own way."""
    if start == end:
        return format_date(start)
    return babel_dates.format_interval(start, end, "yMMMd", locale=_locale())


def month_name(month: int) -> str:
    names = babel_dates.get_month_names("wide", context="stand-alone", locale=_locale())
    name = str(names[month])
    return name[:1].upper() + name[1:]


def first_weekday() -> int:
    """The first day of the week in the UI language's locale (0 = Monday ... 6 = Sunday)."""
    locale = _locale()
    if not locale.territory:
        territory = {"en": "GB", "nb": "NO", "da": "DK", "sv": "SE", "et": "EE", "is": "IS"}.get(
            locale.language, ""
        )
        locale = Locale.parse(f"{locale.language}_{territory}") if territory else locale
    return int(locale.first_week_day)


def weekday_names() -> list[str]:
    """Short weekday names starting with the locale's first day of the week."""
    names = babel_dates.get_day_names("abbreviated", context="stand-alone", locale=_locale())
    first = first_weekday()
    return [str(names[(first + offset) % 7]) for offset in range(7)]


def format_number(value: float) -> str:
    return babel_numbers.format_decimal(value, locale=_locale())


def format_percent(value: float) -> str:
    return babel_numbers.format_percent(value, locale=_locale())
