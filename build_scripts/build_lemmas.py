"""Build the per-language lemma tables that search uses (content/lemmas/<lang>.tsv).

Usage: python build_scripts/build_lemmas.py [LANG ...]     (needs: pip install ".[lemmas]")

Snowball stemmers miss common inflections (Polish handel/handlu, ludzie/ludźmi; Estonian
inimkaubandus/inimkaubanduse; Norwegian and Danish offer/ofrene). simplemma's dictionaries get
them right but take about 25 s and 1.5 GB to load for twelve languages, far too much for an
office PC. So this script runs at build time only: it finds the lemma of every word in the pack
and keeps, from simplemma's dictionary, just the inflected forms of those lemmas. The search
analyzer looks words up in that small table and falls back to the stemmer.

The tables are derived from simplemma's data (ODbL / CC BY); see content/lemmas/NOTICE.md.
Run it again whenever the pack's text changes (the index hash covers the tables).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.loader import load_pack  # noqa: E402
from reader.search.analysis import fold, tokenize  # noqa: E402
from reader.search.documents import documents  # noqa: E402
from reader.search.index import LEMMA_FOLDER  # noqa: E402
from reader.search.stemmers import get_stemmer  # noqa: E402

MAX_FORM_CHARS = 40


def pack_words(pack_dir: Path, lang: str) -> set[str]:
    pack = load_pack(pack_dir)
    words: set[str] = set()
    for doc in documents(pack, lang):
        for token in tokenize(f"{doc.title}\n{doc.text}"):
            if not token.text.isdigit():
                words.add(token.text.lower())
    return words


def build_table(pack_dir: Path, lang: str) -> dict[str, str]:
    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    words = pack_words(pack_dir, lang)
    lemmas: dict[str, str] = {}
    for word in words:
        lemma = simplemma.lemmatize(word, lang=lang).lower()
        lemmas[word] = lemma
    wanted = set(lemmas.values())
    dictionary = DefaultDictionaryFactory().get_dictionary(lang)
    table: dict[str, str] = {}
    for form, lemma in dictionary.items():
        lemma_text = lemma.decode() if isinstance(lemma, bytes) else str(lemma)
        lower = lemma_text.lower()
        if lower in wanted:
            form_text = (form.decode() if isinstance(form, bytes) else str(form)).lower()
            if len(form_text) <= MAX_FORM_CHARS:
                table.setdefault(form_text, lower)
    for word, lemma in lemmas.items():
        table[word] = lemma
    # Keep only what the stemmer cannot do itself. When all pack words of a lemma share one
    # stem, a form with that same stem finds them without the table; when they have several
    # stems (ludzie/ludźmi), every form of the lemma is kept so that each reaches all of them.
    stem = get_stemmer(lang)
    pack_stems: dict[str, set[str]] = {}
    for word, lemma in lemmas.items():
        pack_stems.setdefault(lemma, set()).add(fold(stem(word)))
    needed = {
        form: lemma
        for form, lemma in table.items()
        if len(pack_stems.get(lemma, ())) > 1 or fold(stem(form)) not in pack_stems.get(lemma, ())
    }
    useful = set(needed.values())
    # Pack words are indexed with their lemma so that the forms kept above can reach them.
    for word, lemma in lemmas.items():
        if lemma in useful:
            needed[word] = lemma
    return needed


def main(argv: list[str]) -> int:
    pack_dir = ROOT / "content"
    pack = load_pack(pack_dir)
    langs = argv or pack.languages
    out = pack_dir / LEMMA_FOLDER
    out.mkdir(exist_ok=True)
    for lang in langs:
        started = time.perf_counter()
        table = build_table(pack_dir, lang)
        lines = [f"{form}\t{lemma}" for form, lemma in sorted(table.items())]
        path = out / f"{lang}.tsv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        size = path.stat().st_size / 1024
        seconds = time.perf_counter() - started
        print(f"{lang}: {len(table)} forms, {size:.0f} KiB, {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
