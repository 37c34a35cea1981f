"""The rows of a checklist: the pack's indicators by category, with the user's marks, filtered.

The interface draws what :func:`checklist_groups` returns; the choice of rows (the category,
"only ticked", a text filter that ignores case and diacritics, in both languages and the notes)
is made here so that it is tested without a window. A mark on an indicator the pack no longer
has is never hidden: it comes last, in the group :data:`DROPPED`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.content.model import Indicator, Pack
from reader.i18n import _
from reader.search.analysis import fold

DROPPED = ""  # the category key of the group of marks on indicators the pack no longer has


@dataclass(frozen=True)
class Row:
    indicator_id: str
    category: str
    text: str  # in the checklist's language ("" for a dropped indicator)
    explanation: str
    second_text: str = ""  # in the side-by-side language, "" when there is none
    second_explanation: str = ""
    ticked: bool = False
    note: str = ""

    @property
    def dropped(self) -> bool:
        return self.category == DROPPED


@dataclass
class Group:
    category: str  # the category key, or DROPPED
    title: str
    rows: list[Row] = field(default_factory=list)
    total: int = 0  # rows in the category before filtering
    ticked: int = 0  # ticked rows in the category before filtering


def _indicators(pack: Pack, lang: str) -> dict[str, Indicator]:
    edition = pack.edition(lang) or pack.edition(pack.source_language)
    return {ind.id: ind for ind in edition.indicators} if edition else {}


def _categories(pack: Pack, lang: str) -> dict[str, str]:
    """Category key -> title in ``lang``, in the pack's order (falling back to the source)."""
    source = pack.edition(pack.source_language)
    edition = pack.edition(lang)
    keys = list(source.categories) if source else []
    if edition:
        keys += [key for key in edition.categories if key not in keys]
    titles: dict[str, str] = {}
    for key in keys:
        title = (edition.categories.get(key) if edition else None) or (
            source.categories.get(key) if source else None
        )
        titles[key] = title or key
    return titles


def _matches(needle: str, row: Row) -> bool:
    if not needle:
        return True
    fields = (row.text, row.explanation, row.second_text, row.second_explanation, row.note)
    return any(needle in fold(text) for text in fields) or needle in row.indicator_id


def checklist_groups(
    pack: Pack,
    lang: str,
    marks: Mapping[str, tuple[bool, str]],
    *,
    second_lang: str | None = None,
    category: str | None = None,
    only_ticked: bool = False,
    text: str = "",
) -> list[Group]:
    """The checklist's groups in the pack's category order, each with the rows that pass.

    ``marks`` is :meth:`reader.userdata.Checklist.marks` (empty for no checklist). Groups are
    returned even when the filter leaves them empty (with their totals); a group of marks on
    indicators the pack no longer has is added at the end when there are any.
    """
    first = _indicators(pack, lang)
    source = _indicators(pack, pack.source_language)
    second = _indicators(pack, second_lang) if second_lang else {}
    needle = fold(" ".join(text.split()))
    groups = {key: Group(key, title) for key, title in _categories(pack, lang).items()}
    known: set[str] = set()
    ordered = list(source.values()) + [i for k, i in first.items() if k not in source]
    for base in ordered:
        indicator = first.get(base.id, base)
        known.add(base.id)
        other = second.get(base.id)
        ticked, note = marks.get(base.id, (False, ""))
        row = Row(
            base.id,
            base.category,
            indicator.text,
            indicator.explanation,
            other.text if other else "",
            other.explanation if other else "",
            ticked,
            note,
        )
        group = groups.setdefault(base.category, Group(base.category, base.category))
        _add(group, row, category, only_ticked, needle)
    dropped = [key for key in marks if key not in known]
    if dropped:
        group = Group(DROPPED, _("No longer in the handbook"))
        for key in sorted(dropped):
            ticked, note = marks[key]
            _add(
                group,
                Row(key, DROPPED, "", "", ticked=ticked, note=note),
                None,
                only_ticked,
                needle,
            )
        groups[DROPPED] = group
    return [group for group in groups.values() if group.total]


def _add(group: Group, row: Row, category: str | None, only_ticked: bool, needle: str) -> None:
    group.total += 1
    group.ticked += row.ticked
    if category is not None and row.category not in (category, DROPPED):
        return
    if only_ticked and not row.ticked:
        return
    if _matches(needle, row):
        group.rows.append(row)
