"""``strom-reader self-test``: open every section in every language in the real window, offscreen.

Each page must show its title and no raw Markdown. The report names every page that fails.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ui.app import Application

SEARCH_READY_TIMEOUT_MS = 120_000
RAW_MARKDOWN = re.compile(r"(^#{1,6}\s)|(\*\*\S)|(\]\()|(\{#[a-z0-9-]+\})|(\{\{indicators)", re.M)


@dataclass
class SelfTestReport:
    pages: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pages > 0 and not self.failures


def run_self_test(pack_dir: Path, progress: Callable[[str], None] | None = None) -> SelfTestReport:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Settings of a self-test run never touch the user's own.
    with tempfile.TemporaryDirectory(prefix="strom-selftest-") as home:
        os.environ["STROM_READER_HOME"] = home
        from reader.ui.app import Application, LaunchOptions

        application = Application(LaunchOptions(pack_dir=pack_dir, ui_language="en"))
        window = application.build_window()
        report = SelfTestReport()
        pack = application.pack
        if pack.manifest is None:
            report.failures.extend(str(p) for p in pack.problems)
            return report
        for lang in pack.languages:
            window.set_content_language(lang)
            for section_id in pack.section_order():
                section = pack.section(lang, section_id)
                if section is None:
                    report.failures.append(f"{lang}/{section_id}: section is missing")
                    continue
                window.open_section(section_id, record=False)
                report.pages += 1
                text = window.view.toPlainText()
                title = (
                    pack.editions[lang].chapters[section.chapter_id].title
                    if section.is_chapter_lead
                    else section.title
                )
                if title not in text:
                    report.failures.append(f"{lang}/{section_id}: the title {title!r} is not shown")
                raw = RAW_MARKDOWN.search(text)
                if raw:
                    report.failures.append(
                        f"{lang}/{section_id}: raw Markdown on the page: {raw.group(0)!r}"
                    )
            if progress:
                progress(f"{lang}: {len(pack.section_order())} sections")
        try:
            _check_search(application, report, progress)
        finally:
            window.close()
            application.shutdown()
        return report


def _check_search(
    application: Application, report: SelfTestReport, progress: Callable[[str], None] | None
) -> None:
    """Wait for the search index, then search each language for a word of its first title."""
    from PySide6.QtCore import QEventLoop, QTimer

    from reader.search.analysis import tokenize
    from reader.search.engine import SearchEngine

    service = application.search
    if service is None:
        report.failures.append("search: no search service")
        return
    reasons: list[str] = []
    if not service.is_ready:
        loop = QEventLoop()

        def on_ready(ok: int, message: str) -> None:
            if not ok:
                reasons.append(message)
            loop.quit()

        service.ready.connect(on_ready)
        QTimer.singleShot(SEARCH_READY_TIMEOUT_MS, loop.quit)
        loop.exec()
    if not service.is_ready:
        why = reasons[0] if reasons else "timed out"
        report.failures.append(f"search: the index did not become ready ({why})")
        return
    pack = application.pack
    engine = SearchEngine(pack, service.worker.manager.folder)
    try:
        for lang in pack.languages:
            section = pack.section(lang, pack.section_order()[-1])
            words = [t.text for t in tokenize(section.title)] if section else []
            word = max(words, key=len) if words else ""
            results = engine.search(word, [lang])
            if not any(hit.section_id == pack.section_order()[-1] for hit in results.hits):
                report.failures.append(f"search {lang}: {word!r} does not find its own section")
            elif progress:
                progress(f"search {lang}: {word!r} -> {len(results.hits)} hits")
    finally:
        engine.close()
