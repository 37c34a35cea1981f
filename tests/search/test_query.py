from __future__ import annotations

from reader.search.query import (
    MAX_ALTERNATIVES,
    MAX_PARTS,
    MAX_PREFIXES,
    MAX_WORD_CHARS,
    Part,
    parse_query,
)


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


def test_a_query_is_bounded_in_parts_alternatives_and_prefixes() -> None:
    either = parse_query(" OR ".join(f"word{n}" for n in range(200)))
    assert len(either.groups) == 1 and len(either.groups[0]) == 1 + MAX_ALTERNATIVES
    many = parse_query(" ".join(f"w{n}" for n in range(100)) + " -x -y")
    assert len(many.groups) + len(many.excluded) == MAX_PARTS
    starred = parse_query("ab* cd* ef* gh", prefix_last=True)
    assert [p.prefix for g in starred.groups for p in g] == [True, True, False, False]
    assert MAX_PREFIXES == 2
