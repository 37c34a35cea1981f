"""The compact word map answers as a dict (the first of repeated keys wins)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.search.compact_map import CompactMap

_KEYS = st.text(st.characters(blacklist_characters="\t\n", blacklist_categories=("Cs",)))


@given(st.lists(st.tuples(_KEYS, st.text(max_size=5)), max_size=60), st.lists(_KEYS, max_size=20))
def test_lookups_answer_as_a_dict(items: list[tuple[str, str]], others: list[str]) -> None:
    expected: dict[str, str] = {}
    for key, value in items:
        expected.setdefault(key, value)
    compact = CompactMap(items)
    assert len(compact) == len(expected)
    for key in [*expected, *others, "", "\ud800"]:
        assert compact.get(key) == expected.get(key)
        assert (key in compact) == (key in expected)
    assert sorted(compact.items()) == sorted(expected.items())


def test_keys_that_hold_one_another_are_told_apart() -> None:
    compact = CompactMap([("arbeit", "1"), ("zwangsarbeit", "2"), ("arbeiten", "3"), ("", "4")])
    assert compact.get("arbeit") == "1" and compact.get("arbeite") is None
    assert compact.get("zwangsarbeit") == "2" and compact.get("arbeiten") == "3"
    assert compact.get("") == "4" and compact.get("beit") is None


def test_a_key_with_a_tab_or_a_newline_is_refused() -> None:
    with pytest.raises(ValueError, match="tab or a newline"):
        CompactMap([("a\tb", "x")])
    with pytest.raises(ValueError, match="tab or a newline"):
        CompactMap([("a\nb", "x")])
