"""The small dialog that asks what to print: section, chapter, whole handbook or checklist."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import _

KINDS = ("section", "chapter", "handbook", "checklist")


class PrintChoiceDialog(QDialog):
    """Radio buttons for the four kinds; section and chapter only when a section is open."""

    def __init__(
        self,
        title: str,
        section_title: str | None,
        chapter_title: str | None,
        checklist_label: str,
        default: str = "section",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printChoice")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        question = QLabel(_("What do you want to print?"))
        layout.addWidget(question)
        labels = {
            "section": _("This section: {title}").format(title=section_title or "–"),
            "chapter": _("This chapter: {title}").format(title=chapter_title or "–"),
            "handbook": _("The whole handbook, with a table of contents"),
            "checklist": checklist_label,
        }
        tips = {
            "section": _("Only the section shown in the reader"),
            "chapter": _("The chapter of the section shown, with all its sections"),
            "handbook": _("Every chapter in the content language; this can take a few seconds"),
            "checklist": _("The indicators grouped by category, with a tick box each"),
        }
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        available = {
            "section": section_title is not None,
            "chapter": chapter_title is not None,
            "handbook": True,
            "checklist": True,
        }
        for index, kind in enumerate(KINDS):
            button = QRadioButton(labels[kind])
            button.setObjectName(f"print-{kind}")
            button.setToolTip(tips[kind])
            button.setAccessibleName(labels[kind])
            button.setEnabled(available[kind])
            self.group.addButton(button, index)
            self.buttons[kind] = button
            layout.addWidget(button)
        chosen = default if available.get(default) else "handbook"
        self.buttons[chosen].setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def kind(self) -> str:
        return KINDS[self.group.checkedId()]
