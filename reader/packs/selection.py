"""Which pack the reader opens: the installed edition when it is usable, else the built-in one.

An imported pack lives in ``<data>/packs/current`` (its search index in ``current/index``), the
one it replaced in ``<data>/packs/previous``. At start the installed pack is used when it loads
without problems, has every language of the built-in pack and is not older than it; otherwise
the reader falls back (to ``previous`` only when ``current`` is missing, which is what a crash
between the two renames of an import leaves) and says why. A damaged installed pack never stops
the app from starting.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reader.content.loader import load_pack
from reader.content.model import Pack
from reader.i18n import _
from reader.packs.edition import EditionError, parse_edition
from reader.paths import Folders, default_pack_dir

log = logging.getLogger(__name__)

PACKS_FOLDER = "packs"
CURRENT = "current"
PREVIOUS = "previous"
INDEX_FOLDER = "index"


def packs_dir(folders: Folders) -> Path:
    return folders.data / PACKS_FOLDER


def current_dir(folders: Folders) -> Path:
    return packs_dir(folders) / CURRENT


def previous_dir(folders: Folders) -> Path:
    return packs_dir(folders) / PREVIOUS


@dataclass(frozen=True)
class BuiltinInfo:
    """What the import and the start-up compare against: the pack that ships with the app."""

    id: str
    edition: str
    languages: tuple[str, ...]


def builtin_info(builtin: Path | None = None) -> BuiltinInfo:
    root = builtin or default_pack_dir()
    try:
        data = tomllib.loads((root / "manifest.toml").read_text(encoding="utf-8"))
        return BuiltinInfo(
            str(data["id"]), str(data["edition"]), tuple(str(x) for x in data["languages"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return BuiltinInfo("", "0", ())


@dataclass(frozen=True)
class PackChoice:
    pack: Pack
    index: Path | None  # a prebuilt index of this pack (None: the app's shipped one)
    installed: bool
    notice: str  # why the installed pack was not used, "" when nothing to say


def installed_problem(root: Path, pack: Pack, builtin: BuiltinInfo) -> str:
    """Why the installed pack in ``root`` cannot be used, or "" when it can."""
    if pack.manifest is None or pack.problems:
        first = pack.problems[0] if pack.problems else root / "manifest.toml"
        return _("it is damaged ({problem})").format(problem=first)
    missing = [lang for lang in builtin.languages if lang not in pack.languages]
    if missing:
        return _("it lacks the languages {langs}").format(langs=", ".join(missing))
    if pack.manifest.id != builtin.id:
        return _("it is the pack {id}, not {expected}").format(
            id=pack.manifest.id, expected=builtin.id
        )
    try:
        older = parse_edition(pack.manifest.edition) < parse_edition(builtin.edition)
    except EditionError as exc:
        return str(exc)
    if older:
        return _("its edition {edition} is older than the built-in edition {builtin}").format(
            edition=pack.manifest.edition, builtin=builtin.edition
        )
    return ""


def choose_pack(folders: Folders, builtin: Path | None = None) -> PackChoice:
    """The pack to open: installed ``current`` (or ``previous`` after a crash), else built-in."""
    builtin_root = builtin or default_pack_dir()
    info = builtin_info(builtin_root)
    notice = ""
    candidates = [current_dir(folders)]
    if not candidates[0].exists():
        candidates.append(previous_dir(folders))
    for root in candidates:
        if not root.exists():
            continue
        pack = load_pack(root)
        problem = installed_problem(root, pack, info)
        if not problem:
            index = root / INDEX_FOLDER
            return PackChoice(pack, index if index.is_dir() else None, True, notice)
        notice = _(
            "The installed handbook in {folder} is not used because {reason}; "
            "the built-in edition is open instead."
        ).format(folder=root, reason=problem)
        log.warning("%s", notice)
    return PackChoice(load_pack(builtin_root), None, False, notice)
