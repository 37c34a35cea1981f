from __future__ import annotations

from reader.search.query import MAX_WORD_CHARS, Part, parse_query


def test_plain_words_phrases_prefixes_and_operators() -> None:
    parsed = parse_query('"handel ludźmi" praca* -dzieci', prefix_last=False)
    assert parsed.groups == [
        [Part(("handel", "ludźmi"), phrase=True)],
        [Part(("praca",), prefix=True)],
    ]
    assert parsed.excluded == [Part(("dzieci",), negated=True)]
    either = parse_query("debt OR fines NOT children")
    assert either.groups == [[Part(("debt",)), Part(("fines",))]]
    assert either.excluded == [Part(("children",), negated=True)]


def test_last_word_is_a_prefix_while_typing() -> None:
    assert parse_query("forced lab", prefix_last=True).groups[-1] == [Part(("lab",), prefix=True)]
    assert parse_query("forced lab ", prefix_last=True).groups[-1] == [Part(("lab",))]


def test_odd_input_never_breaks() -> None:
    for text in (
        "",
        "*",
        "AND OR NOT",
        '"',
        '"unbalanced',
        "((()))",
        "\x00\x07",
        "😀😀",
        "\u202eabc",
    ):
        parse_query(text, prefix_last=True)
    assert parse_query("AND OR NOT").empty
    assert parse_query('"unbalanced quote').words() == ["unbalanced", "quote"]
    long = parse_query("x" * 10_000)
    assert long.words() == ["x" * MAX_WORD_CHARS]
    assert len(parse_query(" ".join(["word"] * 5000)).groups) <= 16
