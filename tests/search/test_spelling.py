from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.search.engine import SearchEngine
from reader.search.spelling import Vocabulary, edit_distance


def _table_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


@given(st.text(alphabet="abcöß", max_size=14), st.text(alphabet="abcöß", max_size=14))
def test_edit_distance_is_levenshtein(a: str, b: str) -> None:
    assert edit_distance(a, b) == _table_distance(a, b)


def test_edit_distance_examples() -> None:
    assert edit_distance("trafficking", "traffikcing") == 2
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3


def test_closest_prefers_fewer_edits_then_frequency() -> None:
    vocabulary = Vocabulary([("victim", 3), ("victims", 40), ("vicar", 100), ("pictim", 99)])
    assert vocabulary.closest("victm") == "victim"  # one edit beats a more frequent word at two
    assert vocabulary.closest("victimz") in ("victim", "victims")
    assert Vocabulary([("victims", 40), ("victimo", 2)]).closest("victimx") == "victims"
    assert vocabulary.closest("pictm") == "pictim"  # the first letter is kept
    assert vocabulary.closest("zzzzzz") == ""
    assert vocabulary.closest("") == ""
    assert "victim" in vocabulary and "victm" not in vocabulary


def test_warm_up_loads_what_the_first_search_needs(mini_engine: SearchEngine) -> None:
    steps = list(mini_engine.warm_up_steps(["en", "lv", "xx"], texts=["en"]))  # xx: unknown
    # Searches as typed run only for the content language, after its texts are analysed.
    assert steps[-1] == "en searches" and "lv searches" not in steps
    assert steps.index("en texts") < steps.index("en searches")
    assert {"en", "lv"} <= set(mini_engine._searchers) and "en" in mini_engine._vocabularies
    # The forms of every indexed word only for the content language (the one with texts).
    assert len(mini_engine.analyzer("en")._cache) >= len(mini_engine._vocabularies["en"])
    assert len(mini_engine.analyzer("lv")._cache) < len(mini_engine._vocabulary("lv")) / 2
    mini_engine.warm_up(cancel=lambda: True)  # cancelled before any language: no error
    assert mini_engine.search("helpline", ["en"]).hits


_WORDS = st.text(alphabet="abcdeöß", min_size=1, max_size=9)


@given(st.lists(st.tuples(_WORDS, st.integers(1, 50)), max_size=30), _WORDS)
def test_closest_is_the_nearest_word_by_brute_force(
    words: list[tuple[str, int]], word: str
) -> None:
    # The letter-set bound may skip a candidate only when the distance would be too large.
    vocabulary = Vocabulary(words)
    frequency = dict(words)
    ranked = sorted(
        (edit_distance(word, other), -count, other)
        for other, count in frequency.items()
        if other != word and other[0] == word[0] and edit_distance(word, other) <= 2
    )
    assert vocabulary.closest(word) == (ranked[0][2] if ranked else "")
