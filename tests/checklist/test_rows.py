"""The checklist's rows from the real pack loader (no Qt): order, filters, dropped indicators."""

from __future__ import annotations

from pathlib import Path

from reader.checklist import DROPPED, Group, checklist_groups
from reader.content.loader import load_pack
from tests.conftest import MINI_PACK


def ids(groups: list[Group]) -> list[str]:
    return [row.indicator_id for group in groups for row in group.rows]


def test_groups_follow_the_categories_of_the_pack_in_its_language() -> None:
    pack = load_pack(MINI_PACK)
    groups = checklist_groups(pack, "lv", {"labour-withheld-wages": (True, "n")})
    assert [g.category for g in groups] == ["general", "labour"]
    assert [(g.total, g.ticked) for g in groups] == [(1, 0), (1, 1)]
    assert groups[0].title == pack.editions["lv"].categories["general"]
    [row] = groups[1].rows
    assert row.text.startswith("Alga") and row.ticked and row.note == "n" and not row.dropped


def test_the_full_handbook_has_seven_categories_and_every_indicator_once(
    default_pack: Path,
) -> None:
    pack = load_pack(default_pack)
    groups = checklist_groups(pack, "ru", {}, second_lang="lv")
    assert len(groups) == 7
    all_ids = ids(groups)
    assert len(all_ids) == len(set(all_ids)) == len(pack.editions["ru"].indicators)
    assert all(row.second_text for group in groups for row in group.rows)


def test_filters_combine_and_the_text_filter_forgives_diacritics(default_pack: Path) -> None:
    pack = load_pack(default_pack)
    found = ids(checklist_groups(pack, "lv", {}, text="parads"))
    assert found and all(
        "parād" in row.text + row.explanation
        for group in checklist_groups(pack, "lv", {}, text="parads")
        for row in group.rows
    )
    assert ids(checklist_groups(pack, "lv", {}, text="PARĀDS")) == found
    marks = {found[0]: (True, ""), "general-no-documents": (True, "")}
    only = checklist_groups(pack, "lv", marks, only_ticked=True, text="parads")
    assert ids(only) == [found[0]]
    labour = checklist_groups(pack, "lv", marks, category="labour")
    assert {row.category for group in labour for row in group.rows} == {"labour"}
    # A note is searched too.
    note = {"general-no-money": (False, "Šķūnis pie ceļa")}
    noted = checklist_groups(pack, "en", note, text="skunis")
    assert ids(noted) == ["general-no-money"]


def test_marks_on_indicators_the_pack_no_longer_has_come_last_and_stay() -> None:
    pack = load_pack(MINI_PACK)
    marks = {"gone-b": (False, "note"), "gone-a": (True, ""), "general-no-documents": (True, "")}
    groups = checklist_groups(pack, "en", marks, category="labour")
    assert groups[-1].category == DROPPED
    assert [r.indicator_id for r in groups[-1].rows] == ["gone-a", "gone-b"]
    assert all(r.dropped for r in groups[-1].rows)
    assert ids(checklist_groups(pack, "en", marks, only_ticked=True)) == [
        "general-no-documents",
        "gone-a",
    ]
    assert DROPPED not in [g.category for g in checklist_groups(pack, "en", {})]
