"""The presentation settings: screen, theme, text size and the second content language."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from reader.content.model import Pack
from reader.i18n import _
from reader.present import style
from reader.settings import Settings
from reader.ui.window.languages import language_label


class PresentationOptionsDialog(QDialog):
    def __init__(
        self, pack: Pack, settings: Settings, content_language: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presentationOptions")
        self.setWindowTitle(_("Presentation settings"))
        self.settings = settings
        form = QFormLayout(self)
        self.screen_box = QComboBox()
        self.screen_box.setObjectName("presentScreen")
        self.screen_box.addItem(_("Second screen when there is one"), "")
        for screen in QGuiApplication.screens():
            size = screen.size()
            label = f"{screen.name()} ({size.width()}\u00d7{size.height()})"
            self.screen_box.addItem(label, screen.name())
        self._select(self.screen_box, settings.present_screen)
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("presentTheme")
        for key, theme in style.THEMES.items():
            self.theme_box.addItem(_(theme.name), key)
        self._select(self.theme_box, settings.present_theme)
        self.size_box = QSpinBox()
        self.size_box.setObjectName("presentTextSize")
        self.size_box.setRange(style.TEXT_PERCENT_MIN, style.TEXT_PERCENT_MAX)
        self.size_box.setSingleStep(style.TEXT_PERCENT_STEP)
        self.size_box.setSuffix(" %")
        self.size_box.setValue(settings.present_text_percent)
        self.second_box = QComboBox()
        self.second_box.setObjectName("presentSecondLanguage")
        self.second_box.addItem(_("None (one language)"), "")
        for code in pack.languages:
            if code != content_language:
                self.second_box.addItem(language_label(code), code)
        self._select(self.second_box, settings.present_second_language)
        for box, name in (
            (self.screen_box, _("Screen")),
            (self.theme_box, _("Theme")),
            (self.size_box, _("Text size")),
            (self.second_box, _("Second language")),
        ):
            box.setAccessibleName(name)
            box.setToolTip(name)
            form.addRow(name, box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        index = box.findData(value)
        box.setCurrentIndex(max(0, index))

    def apply(self) -> None:
        self.settings.present_screen = str(self.screen_box.currentData())
        self.settings.present_theme = str(self.theme_box.currentData())
        self.settings.present_text_percent = self.size_box.value()
        self.settings.present_second_language = str(self.second_box.currentData())
