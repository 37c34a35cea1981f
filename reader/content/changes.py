"""What changed between two editions of a pack: sections and chapters added, removed, changed.

Both sides are compared as *snapshots*: per language, the chapter titles and each section's
chapter, title and plain text (Markdown rendered, tags dropped, so that a diff shows words, not
markup). A snapshot can be made from a loaded pack or read back from a small JSON file in the
cache, so the comparison also works when the old pack folder is gone (built-in pack replaced by
a program update). No Qt here.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.content.loader import load_pack
from reader.content.model import Chapter, Pack
from reader.content.render import markdown_to_html

if TYPE_CHECKING:
    from reader.userdata import UserStore
    from reader.userdata.records import Bookmark, Note

SNAPSHOT_FORMAT = 1
_BLOCK_END = re.compile(r"</(?:p|li|h\d|tr|td|th|dt|dd|blockquote|pre|div)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")


class SnapshotError(Exception):
    """A snapshot file that cannot be used; the message names the file and what is wrong."""


def plain_text(markdown_text: str) -> str:
    """The text a reader sees: Markdown rendered to HTML, tags removed, one line per block."""
    fragment = markdown_to_html(markdown_text, lambda _target: True)
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", fragment)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- snapshots


def _chapters_in_order(pack: Pack, lang: str) -> list[Chapter]:
    edition = pack.editions[lang]
    order = list(pack.manifest.chapters) if pack.manifest else []
    return [edition.chapters[c] for c in order if c in edition.chapters]


def source_hash(pack: Pack) -> str:
    """A hash of the pack's text as written (titles and Markdown), cheap to work out at start.

    Rendering every section to plain text costs about a second for the full handbook; hashing
    the source takes milliseconds, so the once-at-start check can tell "same edition as last
    time" without rendering anything.
    """
    digest = hashlib.sha256()
    for lang in pack.languages:
        for chapter in _chapters_in_order(pack, lang):
            parts = [lang, chapter.id, chapter.title]
            for section in chapter.sections:
                parts += [section.id, section.title, section.markdown]
            digest.update("\x00".join(parts).encode("utf-8"))
            digest.update(b"\x01")
    return digest.hexdigest()


def snapshot_of(pack: Pack) -> dict[str, Any]:
    """A compact, JSON-ready picture of the pack's text, with the pack's identity."""
    languages: dict[str, Any] = {}
    for lang in pack.languages:
        chapters: dict[str, str] = {}
        sections: dict[str, list[str]] = {}
        for chapter in _chapters_in_order(pack, lang):
            chapters[chapter.id] = chapter.title
            for section in chapter.sections:
                title = chapter.title if section.is_chapter_lead else section.title
                sections[section.id] = [chapter.id, title, plain_text(section.markdown)]
        languages[lang] = {"chapters": chapters, "sections": sections}
    return {**_identity_fields(pack), "format": SNAPSHOT_FORMAT, "languages": languages}


def _identity_fields(pack: Pack) -> dict[str, str]:
    manifest = pack.manifest
    return {
        "pack_id": manifest.id if manifest else pack.root.name,
        "edition": manifest.edition if manifest else "",
        "date": manifest.date.isoformat() if manifest and manifest.date else "",
        "text_hash": source_hash(pack),
    }


def pack_identity(pack: Pack) -> str:
    """The identity :func:`identity_of` gives the pack's snapshot, without making the snapshot."""
    return identity_of(_identity_fields(pack))


def identity_of(snapshot: dict[str, Any]) -> str:
    """What identifies an edition: pack id, edition name and a hash of its source text.

    The hash is part of it because an edition name alone can stay the same while the text is
    corrected; a changed text counts as a new edition for "what changed".
    """
    return f"{snapshot['pack_id']}/{snapshot['edition']}/{snapshot['text_hash'][:16]}"


def save_snapshot(snapshot: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")), "utf-8")
    temp.replace(path)


def load_snapshot(path: Path) -> dict[str, Any]:
    """Read a snapshot back; :class:`SnapshotError` says which file and what is wrong."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SnapshotError(f"{path}: the snapshot file is missing") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{path}: cannot read the snapshot ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise SnapshotError(f"{path}:{exc.lineno}: the snapshot is damaged ({exc.msg})") from exc
    if not isinstance(raw, dict) or raw.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(f"{path}: not a snapshot of format {SNAPSHOT_FORMAT}")
    languages = raw.get("languages")
    if not isinstance(languages, dict) or not all(
        isinstance(lang, dict)
        and isinstance(lang.get("chapters"), dict)
        and isinstance(lang.get("sections"), dict)
        and all(
            isinstance(entry, list) and len(entry) == 3 and all(isinstance(x, str) for x in entry)
            for entry in lang["sections"].values()
        )
        for lang in languages.values()
    ):
        raise SnapshotError(f"{path}: the snapshot's languages are not in the expected form")
    for key in ("pack_id", "edition", "date", "text_hash"):
        if not isinstance(raw.get(key), str):
            raise SnapshotError(f"{path}: the snapshot has no {key!r} text")
    return raw


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class SectionRef:
    id: str
    chapter_id: str
    title: str


@dataclass(frozen=True)
class DiffPart:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class ChangedSection:
    section: SectionRef
    old_title: str
    diff: tuple[DiffPart, ...]


@dataclass
class LanguageChanges:
    language: str
    added: list[SectionRef] = field(default_factory=list)
    removed: list[SectionRef] = field(default_factory=list)
    changed: list[ChangedSection] = field(default_factory=list)
    chapters_added: list[str] = field(default_factory=list)  # chapter titles
    chapters_removed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


@dataclass
class PackChanges:
    old_edition: str
    new_edition: str
    old_identity: str
    new_identity: str
    languages: dict[str, LanguageChanges] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return all(
            not (c.count or c.chapters_added or c.chapters_removed) for c in self.languages.values()
        )


def word_diff(old: str, new: str) -> tuple[DiffPart, ...]:
    """Word-level differences, whitespace kept, neighbouring parts of one kind merged."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[DiffPart] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = DiffPart(kind, parts[-1].text + text)
        else:
            parts.append(DiffPart(kind, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return tuple(parts)


def edition_label(snapshot: dict[str, Any]) -> str:
    """The edition's name as the user should see it; the text hash where there is no name."""
    if snapshot["edition"]:
        return str(snapshot["edition"])
    return str(snapshot["text_hash"][:12])


def compare(old: dict[str, Any], new: dict[str, Any]) -> PackChanges:
    """Differences per language present in the new snapshot (a language new to it: all added)."""
    result = PackChanges(edition_label(old), edition_label(new), identity_of(old), identity_of(new))
    for lang, new_lang in new["languages"].items():
        old_lang = old["languages"].get(lang, {"chapters": {}, "sections": {}})
        changes = LanguageChanges(lang)
        old_sections, new_sections = old_lang["sections"], new_lang["sections"]
        for sid, (chapter_id, title, text) in new_sections.items():
            before = old_sections.get(sid)
            ref = SectionRef(sid, chapter_id, title)
            if before is None:
                changes.added.append(ref)
            elif before[1] != title or before[2] != text:
                changes.changed.append(ChangedSection(ref, before[1], word_diff(before[2], text)))
        for sid, (chapter_id, title, _text) in old_sections.items():
            if sid not in new_sections:
                changes.removed.append(SectionRef(sid, chapter_id, title))
        old_chapters, new_chapters = old_lang["chapters"], new_lang["chapters"]
        changes.chapters_added = [t for c, t in new_chapters.items() if c not in old_chapters]
        changes.chapters_removed = [t for c, t in old_chapters.items() if c not in new_chapters]
        result.languages[lang] = changes
    return result


def changes_between(old_dir: Path, new_dir: Path) -> PackChanges:
    """Compare two pack folders (e.g. the one kept after an import and the new one)."""
    return compare(snapshot_of(load_pack(old_dir)), snapshot_of(load_pack(new_dir)))


def orphaned_ids(section_ids: list[str], pack: Pack) -> list[str]:
    """The ids, in the order given and without repeats, of sections in no language of ``pack``."""
    known = {sid for lang in pack.languages for sid in pack.sections_in(lang)}
    seen: set[str] = set()
    result = []
    for sid in section_ids:
        if sid not in known and sid not in seen:
            seen.add(sid)
            result.append(sid)
    return result


@dataclass(frozen=True)
class Orphans:
    """Bookmarks and notes on sections the pack no longer has. They stay in the store."""

    bookmarks: list[Bookmark]
    notes: list[Note]

    @property
    def count(self) -> int:
        return len(self.bookmarks) + len(self.notes)


def orphans(store: UserStore, pack: Pack) -> Orphans:
    """The user's section bookmarks and notes whose section is in no language of ``pack``."""
    marks = store.bookmarks("section")
    notes = store.notes()
    lost = set(orphaned_ids([b.target_id for b in marks] + [n.section_id for n in notes], pack))
    return Orphans(
        [b for b in marks if b.target_id in lost], [n for n in notes if n.section_id in lost]
    )


def changes_since_seen(
    pack: Pack, snapshot_path: Path, seen_identity: str, previous_path: Path | None = None
) -> tuple[PackChanges | None, str]:
    """At start: the changes to show once, and the identity to remember as seen.

    Changes are returned only when an edition was seen before (``seen_identity``), it differs
    from this pack's, and its snapshot can still be read. The snapshot of this pack is written
    whenever the identity changed, so the next start compares against it; the one it replaces
    is moved to ``previous_path`` (when given), so that :func:`last_changes` can show the same
    comparison later. Starting the same edition again only hashes the source (milliseconds).
    A damaged snapshot raises :class:`SnapshotError` only after the new snapshot was saved.
    """
    identity = pack_identity(pack)
    if identity == seen_identity and snapshot_path.is_file():
        return None, identity
    current = snapshot_of(pack)
    previous: dict[str, Any] | None = None
    damaged: SnapshotError | None = None
    if seen_identity and snapshot_path.is_file():
        try:
            previous = load_snapshot(snapshot_path)
        except SnapshotError as exc:
            damaged = exc
    changed = previous is not None and identity_of(previous) != identity
    if changed and previous_path is not None:
        snapshot_path.replace(previous_path)
    save_snapshot(current, snapshot_path)
    if damaged is not None:
        raise damaged
    if previous is None or not changed:
        return None, identity
    return compare(previous, current), identity


def last_changes(previous_path: Path, snapshot_path: Path) -> PackChanges | None:
    """The last comparison made at start, again (None when no earlier edition was kept)."""
    if not previous_path.is_file():
        return None
    return compare(load_snapshot(previous_path), load_snapshot(snapshot_path))
