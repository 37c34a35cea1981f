"""Whatever is typed, search returns a list (maybe empty) and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search.engine import SearchEngine

ODD_INPUTS = [
    '"unbalanced',
    'x"',
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "*",
    "**",
    "-",
    "- -",
    "()",
    "\x00\x01\x1b[31m",
    "😀🙂 trafficking",
    "\u202eright-to-left\u202c",
    "עברית ערבית",
    "مرحبا",
    "a" * 10_000,
    " ".join(["word"] * 2_000),
    "%s %d {0} {}",
    "\\",
    "title_exact:x",
]


def test_odd_inputs_return_results_or_nothing(mini_engine: SearchEngine) -> None:
    for text in ODD_INPUTS:
        for prefix in (False, True):
            results = mini_engine.search(text, ["en", "lv"], prefix_last=prefix)
            assert isinstance(results.hits, list)
            assert results.elapsed_ms < 5_000


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=300), st.booleans(), st.sampled_from([None, "section", "indicator", "event"])
)
def test_random_text_never_raises(
    mini_engine: SearchEngine, text: str, prefix: bool, kind: str | None
) -> None:
    results = mini_engine.search(text, ["en", "lv"], kind=kind, prefix_last=prefix)
    assert all(hit.lang in ("en", "lv") for hit in results.hits)
