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
        window.close()
        return report
