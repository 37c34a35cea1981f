"""The "What changed in this edition" dialog: per language, sections added, removed and changed.

The comparison comes from :mod:`reader.content.changes`. A changed section's text is shown as a
word diff: inserted words underlined on green, deleted words struck through on red, so the
marking does not rely on colour alone (high contrast, colour-blind readers). Added and changed
sections open in the reader (Enter, double-click or "Open"); removed sections show their old
title and the user's bookmarks and notes that were on them, which are kept, never dropped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.content.changes import ChangedSection, LanguageChanges, PackChanges
from reader.content.changes import plain_text as section_plain_text
from reader.content.model import Pack
from reader.i18n import _, ngettext
from reader.ui.diff_view import delete_style, diff_html, insert_style, legend_html
from reader.ui.theme import current_colours, theme_signals
from reader.ui.window.languages import language_label
from reader.userdata.records import Bookmark, Note

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
PREVIEW = 700  # characters of a new section shown before "Open"


class ChangesDialog(QDialog):
    """Non-modal; emits ``sectionRequested(section_id, language)`` for the window to open."""

    sectionRequested = Signal(str, str)

    def __init__(
        self,
        changes: PackChanges,
        pack: Pack,
        language: str,
        bookmarks: list[Bookmark],
        notes: list[Note],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(_("What changed in this edition"))
        self.changes = changes
        self.pack = pack
        self.bookmarks = bookmarks
        self.notes = notes
        known = {sid for lang in pack.languages for sid in pack.sections_in(lang)}
        self.orphaned = {b.target_id for b in bookmarks if b.target_id not in known} | {
            n.section_id for n in notes if n.section_id not in known
        }
        if changes.old_edition == changes.new_edition:
            caption = _("Edition {edition}, with text corrected since you last had it").format(
                edition=changes.new_edition
            )
        else:
            caption = _("Edition {old} → edition {new}").format(
                old=changes.old_edition, new=changes.new_edition
            )
        heading = QLabel(caption)
        heading.setObjectName("changesHeading")
        heading.setStyleSheet("font-weight:bold;")
        self.language_box = QComboBox()
        self.language_box.setObjectName("changesLanguage")
        self.language_box.setToolTip(_("Language of the changes shown"))
        languages = [lang for lang in pack.languages if lang in changes.languages]
        languages += [lang for lang in changes.languages if lang not in languages]
        for lang in languages:
            count = changes.languages[lang].count
            self.language_box.addItem(
                _("{language} ({count})").format(language=language_label(lang), count=count), lang
            )
        language_caption = QLabel(_("&Language:"))
        language_caption.setBuddy(self.language_box)
        self.summary = QLabel()
        self.summary.setObjectName("changesSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("changesList")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Sections added, changed and removed"))
        self.detail = QTextBrowser()
        self.detail.setObjectName("changesDetail")
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName(_("What changed in the selected section"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QDialogButtonBox()
        self.open_button = QPushButton(_("&Open in the reader"))
        self.open_button.setObjectName("openChange")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.open_button, close):
            button.setAutoDefault(False)  # Enter in the list opens the section, once
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_current)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(language_caption)
        top.addWidget(self.language_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemActivated.connect(lambda *_: self.open_current())
        self.language_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.resize(900, 560)
        start = self.language_box.findData(language)
        self.language_box.setCurrentIndex(max(start, 0))
        self._fill()
        self.tree.setFocus()
        theme_signals().changed.connect(self._on_theme)

    def _on_theme(self, _key: str) -> None:
        self._show_current()

    @property
    def language(self) -> str:
        return str(self.language_box.currentData())

    def current_changes(self) -> LanguageChanges:
        return self.changes.languages[self.language]

    # ------------------------------------------------------------------------- the list

    def _fill(self) -> None:
        changes = self.current_changes()
        self.summary.setText(self._summary(changes))
        self.tree.clear()
        groups = [
            ("added", _("Added ({count})"), [(s.id, s.title) for s in changes.added]),
            (
                "changed",
                _("Changed ({count})"),
                [(c.section.id, self._title(c)) for c in changes.changed],
            ),
            (
                "removed",
                _("Removed ({count})"),
                [(s.id, self._removed_label(s.id, s.title)) for s in changes.removed],
            ),
        ]
        first: QTreeWidgetItem | None = None
        for kind, caption, entries in groups:
            group = QTreeWidgetItem(self.tree, [caption.format(count=len(entries))])
            group.setData(0, KIND_ROLE, "group")
            for section_id, label in entries:
                item = QTreeWidgetItem(group, [label])
                item.setData(0, KIND_ROLE, kind)
                item.setData(0, ID_ROLE, section_id)
                item.setToolTip(0, label)
                first = first or item
            group.setExpanded(True)
        current = first or self.tree.topLevelItem(0)
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show_current()

    def _summary(self, changes: LanguageChanges) -> str:
        parts = [
            ngettext("{count} section added", "{count} sections added", len(changes.added)),
            ngettext("{count} changed", "{count} changed", len(changes.changed)),
            ngettext("{count} removed", "{count} removed", len(changes.removed)),
        ]
        counts = [len(changes.added), len(changes.changed), len(changes.removed)]
        text = ", ".join(p.format(count=c) for p, c in zip(parts, counts, strict=True)) + "."
        if changes.chapters_added:
            text += " " + _("New chapters: {titles}.").format(
                titles=", ".join(changes.chapters_added)
            )
        if changes.chapters_removed:
            text += " " + _("Chapters removed: {titles}.").format(
                titles=", ".join(changes.chapters_removed)
            )
        kept = sum(1 for s in changes.removed for _m in self._marks_on(s.id))
        if kept:
            text += " " + ngettext(
                "{count} of your bookmarks and notes was on a removed section; it is kept.",
                "{count} of your bookmarks and notes were on removed sections; they are kept.",
                kept,
            ).format(count=kept)
        return text

    @staticmethod
    def _title(change: ChangedSection) -> str:
        return change.section.title

    def _marks_on(self, section_id: str) -> list[Bookmark | Note]:
        marks: list[Bookmark | Note] = [b for b in self.bookmarks if b.target_id == section_id]
        return marks + [n for n in self.notes if n.section_id == section_id]

    def _removed_label(self, section_id: str, title: str) -> str:
        marks = self._marks_on(section_id)
        if not marks:
            return title
        return ngettext(
            "{title} ({count} bookmark or note kept)",
            "{title} ({count} bookmarks and notes kept)",
            len(marks),
        ).format(title=title, count=len(marks))

    # ------------------------------------------------------------------------- the detail

    def _current(self) -> tuple[str, str]:
        item = self.tree.currentItem()
        if item is None:
            return "group", ""
        return str(item.data(0, KIND_ROLE)), str(item.data(0, ID_ROLE) or "")

    def _show_current(self) -> None:
        kind, section_id = self._current()
        self.open_button.setEnabled(kind in ("added", "changed"))
        changes = self.current_changes()
        if kind == "changed":
            change = next(c for c in changes.changed if c.section.id == section_id)
            body = self._changed_html(change)
        elif kind == "added":
            ref = next(s for s in changes.added if s.id == section_id)
            body = self._added_html(ref.id, ref.title)
        elif kind == "removed":
            ref = next(s for s in changes.removed if s.id == section_id)
            body = self._removed_html(ref.id, ref.title)
        else:
            body = "<p>{}</p>".format(html.escape(_("Choose a section in the list.")))
        self.detail.setHtml(body)

    def _chapter_title(self, section_id: str) -> str:
        section = self.pack.section(self.language, section_id)
        if section is None:
            return ""
        return self.pack.editions[self.language].chapters[section.chapter_id].title

    def _changed_html(self, change: ChangedSection) -> str:
        title = html.escape(change.section.title)
        out = [f"<h3>{title}</h3>"]
        chapter = self._chapter_title(change.section.id)
        if chapter and chapter != change.section.title:
            out.append("<p>{}</p>".format(html.escape(_("In “{chapter}”").format(chapter=chapter))))
        if change.old_title != change.section.title:
            out.append(
                '<p>{} <span style="{}">{}</span> → <span style="{}">{}</span></p>'.format(
                    html.escape(_("Title:")),
                    delete_style(current_colours()),
                    html.escape(change.old_title),
                    insert_style(current_colours()),
                    title,
                )
            )
        if all(part.kind == "equal" for part in change.diff):
            out.append(
                "<p>{}</p>".format(html.escape(_("The text is the same; only the title changed.")))
            )
        else:
            out.append(f"<p><small>{legend_html(current_colours())}</small></p><hr>")
            out.append(f"<p>{diff_html(change.diff, current_colours())}</p>")
        return "".join(out)

    def _added_html(self, section_id: str, title: str) -> str:
        out = [f"<h3>{html.escape(title)}</h3>"]
        out.append("<p><b>{}</b></p>".format(html.escape(_("New in this edition."))))
        section = self.pack.section(self.language, section_id)
        if section is not None:
            text = section_plain_text(section.markdown)
            if len(text) > PREVIEW:
                text = text[:PREVIEW].rsplit(" ", 1)[0] + " …"
            out.append("<p>{}</p>".format(html.escape(text).replace("\n", "<br><br>")))
        out.append(
            "<p><i>{}</i></p>".format(
                html.escape(_("Press Enter or “Open in the reader” to read it."))
            )
        )
        return "".join(out)

    def _removed_html(self, section_id: str, title: str) -> str:
        out = [
            f'<h3><span style="{delete_style(current_colours())}">{html.escape(title)}</span></h3>'
        ]
        out.append("<p><b>{}</b></p>".format(html.escape(_("Removed in this edition."))))
        elsewhere = self.pack.languages_with(section_id)
        if elsewhere:
            names = ", ".join(language_label(lang) for lang in elsewhere)
            out.append(
                "<p>{}</p>".format(
                    html.escape(_("It is still in: {languages}.").format(languages=names))
                )
            )
        marks = self._marks_on(section_id)
        if not marks:
            out.append("<p>{}</p>".format(html.escape(_("You had no bookmark or note on it."))))
            return "".join(out)
        out.append("<p>{}</p>".format(html.escape(_("Your bookmarks and notes on it are kept:"))))
        for mark in marks:
            if isinstance(mark, Bookmark):
                out.append(
                    "<p>★ {}</p>".format(
                        html.escape(
                            _("Bookmarked on {date}").format(
                                date=mark.created.astimezone().strftime("%Y-%m-%d")
                            )
                        )
                    )
                )
            else:
                note_text = html.escape(mark.text).replace("\n", "<br>")
                caption = _("Note, last changed {date}:").format(
                    date=mark.updated.astimezone().strftime("%Y-%m-%d")
                )
                out.append(f"<p>✎ {html.escape(caption)}</p><blockquote>{note_text}</blockquote>")
        if section_id in self.orphaned:
            out.append(
                "<p><i>{}</i></p>".format(
                    html.escape(
                        _("They are listed in Bookmarks under “No longer in the handbook”.")
                    )
                )
            )
        return "".join(out)

    # ------------------------------------------------------------------------- opening

    def open_current(self) -> None:
        kind, section_id = self._current()
        if kind in ("added", "changed") and section_id:
            self.sectionRequested.emit(section_id, self.language)
