"""Whole-pack checks: what the loader found, plus everything that compares languages.

``validate_pack`` returns every problem with its file and line; ``strom-reader validate`` prints
them and exits 1 if there are any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from reader.content.cards import read_cards
from reader.content.loader import load_pack
from reader.content.model import Pack, Problem
from reader.content.render import INDICATOR_DIRECTIVE, RenderReport, markdown_to_html


def _line_of(path: Path, needle: str) -> int | None:
    """The first line of ``path`` that contains ``needle`` (for data files without positions)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _check_sections(pack: Pack, problems: list[Problem]) -> None:
    assert pack.manifest is not None
    source = pack.editions.get(pack.source_language)
    owners: dict[str, Path] = {}
    for lang, edition in pack.editions.items():
        for chapter in edition.chapters.values():
            for section in chapter.sections:
                if section.is_chapter_lead:
                    continue
                if section.id in pack.manifest.chapters:
                    problems.append(
                        Problem(
                            section.path, section.line, f"section id {section.id!r} is a chapter id"
                        )
                    )
                owner = owners.setdefault(f"{lang}/{section.id}", section.path)
                if owner != section.path:
                    problems.append(
                        Problem(
                            section.path,
                            section.line,
                            f"duplicate section id {section.id!r} (also in {owner.name})",
                        )
                    )
    if source is None:
        return
    for lang, edition in pack.editions.items():
        if lang == pack.source_language:
            continue
        for chapter_id, source_chapter in source.chapters.items():
            translated = edition.chapters.get(chapter_id)
            if translated is None:
                continue  # the loader reported the missing file
            chapter = translated
            expected = [s.id for s in source_chapter.sections]
            actual = [s.id for s in chapter.sections]
            for missing in [i for i in expected if i not in actual]:
                problems.append(
                    Problem(
                        chapter.path,
                        None,
                        f"section {missing!r} is missing (it exists in "
                        f"{pack.source_language}/{source_chapter.path.name})",
                    )
                )
            for section in chapter.sections:
                if section.id not in expected:
                    problems.append(
                        Problem(
                            chapter.path,
                            section.line,
                            f"section {section.id!r} does not exist in the source language",
                        )
                    )
            common = [i for i in actual if i in expected]
            if common != [i for i in expected if i in actual]:
                problems.append(
                    Problem(
                        chapter.path, None, "sections are in a different order than in the source"
                    )
                )


def _id_checker(ids: set[str]) -> Callable[[str], bool]:
    return ids.__contains__


def _check_rendering(pack: Pack, problems: list[Problem]) -> None:
    assert pack.manifest is not None
    known = {i for lang in pack.languages for i in pack.sections_in(lang)}
    known.update(pack.manifest.chapters)
    for lang, edition in pack.editions.items():
        indicator_anchors = {f"indicator-{i.id}" for i in edition.indicators}
        for chapter in edition.chapters.values():
            for section in chapter.sections:
                report = RenderReport()
                markdown_to_html(
                    section.markdown,
                    _id_checker(known | indicator_anchors),
                    PurePosixPath(lang),
                    edition.indicators,
                    report,
                )
                for target in report.broken_links:
                    line = _line_of(section.path, f"({target})")
                    problems.append(
                        Problem(
                            section.path, line or section.line, f"broken internal link {target!r}"
                        )
                    )
                for src in report.blocked_images:
                    problems.append(
                        Problem(
                            section.path,
                            _line_of(section.path, src) or section.line,
                            f"image {src!r} is not inside the pack",
                        )
                    )
                for relative in report.images:
                    if not (pack.root / relative).is_file():
                        name = PurePosixPath(relative).name
                        problems.append(
                            Problem(
                                section.path,
                                _line_of(section.path, name) or section.line,
                                f"image {relative!r} does not exist in the pack",
                            )
                        )
                for match in INDICATOR_DIRECTIVE.finditer(section.markdown):
                    if match.group(1) not in edition.categories:
                        problems.append(
                            Problem(
                                section.path,
                                _line_of(section.path, match.group(0)) or section.line,
                                f"unknown indicator category {match.group(1)!r}",
                            )
                        )


def _check_indicators(pack: Pack, problems: list[Problem]) -> None:
    source = pack.editions.get(pack.source_language)
    if source is None:
        return
    expected = {i.id: i.category for i in source.indicators}
    for lang, edition in pack.editions.items():
        path = pack.root / lang / "indicators.toml"
        counts = Counter(i.id for i in edition.indicators)
        for ident, count in counts.items():
            if count > 1:
                problems.append(
                    Problem(path, _line_of(path, f'"{ident}"'), f"duplicate indicator {ident!r}")
                )
        for indicator in edition.indicators:
            if indicator.category not in edition.categories:
                problems.append(
                    Problem(
                        path,
                        _line_of(path, f'"{indicator.id}"'),
                        f"indicator {indicator.id!r} has unknown category {indicator.category!r}",
                    )
                )
        if lang == pack.source_language:
            continue
        for key in set(source.categories) - set(edition.categories):
            problems.append(
                Problem(path.with_name("pack.toml"), None, f"category {key!r} has no name")
            )
        actual = {i.id: i.category for i in edition.indicators}
        for ident in expected.keys() - actual.keys():
            problems.append(Problem(path, None, f"indicator {ident!r} is missing"))
        for ident in actual.keys() - expected.keys():
            problems.append(
                Problem(
                    path, _line_of(path, f'"{ident}"'), f"indicator {ident!r} is not in the source"
                )
            )
        for ident in expected.keys() & actual.keys():
            if expected[ident] != actual[ident]:
                problems.append(
                    Problem(
                        path,
                        _line_of(path, f'"{ident}"'),
                        f"indicator {ident!r} has category {actual[ident]!r}, "
                        f"not {expected[ident]!r} as in the source",
                    )
                )


def _check_events(pack: Pack, problems: list[Problem]) -> None:
    assert pack.manifest is not None
    path = pack.root / "events.toml"
    ids = [e.id for e in pack.events]
    for ident, count in Counter(ids).items():
        if count > 1:
            problems.append(
                Problem(path, _line_of(path, f'"{ident}"'), f"duplicate event {ident!r}")
            )
    known = set(pack.manifest.chapters) | {
        i for lang in pack.languages for i in pack.sections_in(lang)
    }
    for event in pack.events:
        if event.chapter and event.chapter not in known:
            problems.append(
                Problem(
                    path,
                    _line_of(path, f'"{event.chapter}"'),
                    f"event {event.id!r} links to unknown chapter or section {event.chapter!r}",
                )
            )
    for lang, edition in pack.editions.items():
        texts_path = pack.root / lang / "events.toml"
        for ident in sorted(set(ids) - edition.event_texts.keys()):
            problems.append(Problem(texts_path, None, f"event {ident!r} has no title in {lang!r}"))
        for ident in sorted(edition.event_texts.keys() - set(ids)):
            problems.append(
                Problem(
                    texts_path,
                    _line_of(texts_path, f"[{ident}]"),
                    f"event {ident!r} is not in events.toml",
                )
            )


def _check_synonyms(pack: Pack, problems: list[Problem]) -> None:
    """Each language's synonyms.toml: its own problems, and terms the handbook does not use."""
    from reader.search.analysis import Analyzer, tokenize
    from reader.search.documents import documents
    from reader.search.index import lemma_table
    from reader.search.synonyms import SYNONYMS_FILE, read_synonyms

    for lang in pack.languages:
        path = pack.root / lang / SYNONYMS_FILE
        if not path.is_file():
            continue
        entries, found = read_synonyms(path)
        problems.extend(found)
        analyzer = Analyzer(lang, lemma_table(pack, lang))
        known: set[str] = set()
        for doc in documents(pack, lang):
            for token in tokenize(f"{doc.title}\n{doc.headings}\n{doc.text}"):
                forms = analyzer.forms(token.text)
                known.add(forms.folded)
                known.update(forms.stems)
        for entry in entries:
            for term in entry.terms:
                words = [analyzer.forms(t.text) for t in tokenize(term)]
                if not all(w.folded in known or set(w.stems) & known for w in words):
                    message = f"{entry.word!r}: the term {term!r} is not in the {lang} handbook"
                    problems.append(Problem(path, entry.line or None, message, warning=True))


def _check_countries(pack: Pack, problems: list[Problem]) -> None:
    """The country records' own problems are the loader's; here: boxes in known sections."""
    from reader.content.countries import check_box_places

    assert pack.manifest is not None
    if pack.countries is not None:
        known = {i for lang in pack.languages for i in pack.sections_in(lang)}
        problems.extend(check_box_places(pack.countries, known | set(pack.manifest.chapters)))


def check_pack(pack: Pack) -> list[Problem]:
    """All problems of an already loaded pack, in file order."""
    problems = list(pack.problems)
    if pack.manifest is not None:
        _check_sections(pack, problems)
        _check_rendering(pack, problems)
        _check_indicators(pack, problems)
        _check_events(pack, problems)
        _check_synonyms(pack, problems)
        _check_countries(pack, problems)
        problems.extend(read_cards(pack.root)[1])
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (str(p.path), p.line or 0))


def validate_pack(root: Path) -> list[Problem]:
    return check_pack(load_pack(root))
