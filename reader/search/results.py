"""What a search returns: hits with their snippets. No Whoosh here, so the window can import
these types (to show results) without loading the search engine before its first page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.search.snippets import Segment


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    lang: str
    section_id: str
    chapter_id: str
    chapter_title: str
    title: str
    score: float
    snippet: tuple[Segment, ...]
    matched_words: tuple[str, ...]
    anchor: str = ""

    def as_dict(self) -> dict[str, Any]:
        from reader.search.snippets import snippet_text

        return {
            "section_id": self.section_id,
            "language": self.lang,
            "title": self.title,
            "chapter": self.chapter_title,
            "chapter_id": self.chapter_id,
            "kind": self.kind,
            "score": round(self.score, 4),
            "snippet": snippet_text(list(self.snippet)),
            "anchor": self.anchor,
        }


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    suggestion: str = ""
    elapsed_ms: float = 0.0
    # Matching ran out of its time budget (reader.search.budget): the hits are those found in time.
    cut_short: bool = False
