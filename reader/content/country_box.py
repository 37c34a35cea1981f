"""Country boxes as HTML: a country's facts for one section, in the reader's content language.

The words around the facts ("Reflection period", "Confirm before use") come from the UI
catalog of the *content* language, as printing does: a reader of the Russian edition sees a
Russian box whatever the window's language. Facts (names, numbers) are written once in the
record; the texts are the record's own for that language, else English, marked as such. A fact
the record lacks is named in the box, never left out silently. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import html
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates

from reader.content.country_records import (
    NATIONAL_LANGUAGES,
    NONE_IN_LAW,
    TO_CONFIRM,
    CountryRecord,
    CountryRecords,
    Source,
)
from reader.i18n import load_catalog, normalize

BOX_CLASS = "country-box"


@functools.lru_cache(maxsize=16)
def _catalog(lang: str) -> gettext.NullTranslations:
    return load_catalog(lang)


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (Babel), e.g. LV in ru -> Латвия."""
    return str(_locale(normalize(lang)).territories.get(code, code))


def format_day(value: dt.date, lang: str) -> str:
    return str(babel_dates.format_date(value, format="long", locale=_locale(lang)))


class _Box:
    def __init__(self, record: CountryRecord, lang: str) -> None:
        self.record = record
        self.lang = lang
        catalog = _catalog(normalize(lang))
        self._ = catalog.gettext
        self.ngettext = catalog.ngettext
        self.national = lang in NATIONAL_LANGUAGES.get(record.code, ())

    def value(self, fact: str, key: str) -> str:
        value = self.record.value(fact, key)
        _ = self._
        if value == TO_CONFIRM:
            marker = _("to confirm")
            return f"<i>{html.escape(marker)}</i>"
        return html.escape(str(value)) if value is not None else ""

    def name(self, fact: str) -> str:
        """The body's official name, with the English name unless the reader is at home."""
        name = self.value(fact, "name")
        english = self.value(fact, "name_en")
        if english and english != name and not self.national:
            return f"{name} ({english})"
        return name

    def text(self, key: str) -> str:
        found = self.record.text(key, self.lang)
        if found is None:
            return ""
        text, used = found
        _ = self._
        note = _("(in English)")
        marker = f" <small>{html.escape(note)}</small>" if used != self.lang else ""
        return html.escape(text) + marker

    def line(self, label: str, body: str) -> str:
        return f"<p><b>{html.escape(label)}:</b> {body}</p>" if body else ""

    def fact(self, fact: str) -> str:
        _ = self._
        if fact not in self.record.facts:
            return ""
        if fact == "law":
            law = f"{self.value('law', 'name')}, {self.value('law', 'article')}"
            if not self.national:
                english = f"{self.value('law', 'name_en')}, {self.value('law', 'article_en')}"
                law += f" ({english})"
            summary = self.text("summary")
            return self.line(_("Criminal law"), law) + (f"<p>{summary}</p>" if summary else "")
        if fact == "identification":
            return self.line(_("Who identifies victims"), self.text("identification"))
        if fact == "referral":
            return self.line(_("Who decides on victim status and assistance"), self.name(fact))
        if fact == "hotline":
            name, number = self.name(fact), self.value("hotline", "number")
            body = number if name == number else f"{name}: {number}"
            return self.line(_("National hotline"), body)
        if fact == "emergency":
            return self.line(_("Emergency number"), self.value("emergency", "number"))
        if fact == "reflection":
            return self.line(_("Reflection period"), self._days() + " " + self.text("reflection"))
        if fact == "residence":
            return self.line(_("Residence permit"), self.text("residence"))
        if fact == "guardianship":
            return self.line(_("Guardian for an unaccompanied child"), self.name(fact))
        return self.line(_("What the municipality must do"), self.text("municipality"))

    def _days(self) -> str:
        _ = self._
        days = self.record.value("reflection", "days")
        if isinstance(days, int):
            label = self.ngettext("{count} day.", "{count} days.", days).format(count=days)
        elif days == NONE_IN_LAW:
            label = _("None in law.")
        elif days == TO_CONFIRM:
            label = _("Number of days to confirm.")
        else:
            return ""
        return f"<b>{html.escape(label)}</b>"

    def sources(self, facts: Iterable[str]) -> str:
        _ = self._
        cited: dict[str, Source] = {}
        for fact in facts:
            for source in self.record.sources_of(fact):
                cited.setdefault(source.id, source)
        if not cited:
            return ""
        items = "; ".join(source_html(source, self.lang) for source in cited.values())
        label = _("Sources")
        return f"<p><small><b>{html.escape(label)}:</b> {items}</small></p>"


def source_html(source: Source, lang: str) -> str:
    _ = _catalog(normalize(lang)).gettext
    url = html.escape(source.url)
    link = f' <a class="external" href="{url}" title="{url}">{url}</a>' if url else ""
    checked = (
        " (" + html.escape(_("checked {date}").format(date=format_day(source.checked, lang))) + ")"
        if source.checked
        else ""
    )
    return f"{html.escape(source.title)}{link}{checked}"


def _frame(content: str) -> str:
    return (
        f'<table class="{BOX_CLASS}" width="100%" border="1" cellspacing="0" cellpadding="8">'
        f"<tr><td>{content}</td></tr></table>"
    )


def _concerns(missing: str, facts: tuple[str, ...], lang: str) -> bool:
    """Whether a gap of the record ("referral.name_en", "text.lv.summary") shows in this box."""
    parts = missing.split(".")
    if parts[0] != "text":
        return parts[0] in facts and missing not in facts
    key = "law" if parts[-1] == "summary" else parts[-1]
    return parts[1] == lang and key in facts


def box_html(records: CountryRecords | None, code: str, section_id: str, lang: str) -> str:
    """The box of country ``code`` for ``section_id`` in ``lang``; "" where it has none."""
    facts = records.facts_for(section_id) if records is not None else ()
    if records is None or not facts or not code:
        return ""
    _ = _catalog(normalize(lang)).gettext
    title = _("Country information: {country}").format(country=country_name(code, lang))
    parts = [f'<p class="country-title"><b>{html.escape(title)}</b></p>']
    record = records.records.get(code)
    if record is None or record.unreadable:
        why = record.unreadable if record is not None else _("there is no record")
        name = record.path.name if record is not None else f"{code}.toml"
        notice = _("The country record could not be read ({file}: {problem}).").format(
            file=name, problem=why
        )
        parts.append(f'<p class="notice">{html.escape(notice)}</p>')
        return _frame("".join(parts))
    box = _Box(record, lang)
    parts.extend(box.fact(fact) for fact in facts)
    missing = [f for f in facts if f not in record.facts] + [
        m for m in record.missing if _concerns(m, facts, lang)
    ]
    unconfirmed = [f for f in facts if f in record.facts and record.facts[f].unconfirmed()]
    if missing:
        text = _("Missing in the country record: {fields}.").format(fields=", ".join(missing))
        parts.append(f'<p class="notice">{html.escape(text)}</p>')
    checked = record.checked()
    confirm = (
        _("Confirm before use (checked {date}).").format(date=format_day(checked, lang))
        if checked
        else _("Confirm before use (no date checked).")
    )
    if unconfirmed:
        confirm += " " + _("Some facts are still to confirm.")
    parts.append(f'<p class="notice">{html.escape(confirm)}</p>')
    parts.append(box.sources(facts))
    return _frame("".join(parts))


def sources_list_html(records: CountryRecords | None, lang: str) -> str:
    """Every country's sources, for the sources chapter."""
    if records is None or not records.records:
        return ""
    _ = _catalog(normalize(lang)).gettext
    heading = _("Sources of the country boxes")
    parts = [f"<h2>{html.escape(heading)}</h2>"]
    for code, record in sorted(records.records.items(), key=lambda i: country_name(i[0], lang)):
        items = "".join(f"<li>{source_html(s, lang)}</li>" for s in record.sources.values())
        parts.append(f"<h3>{html.escape(country_name(code, lang))}</h3><ul>{items}</ul>")
    return "".join(parts)
