"""View > Interface text size: 100, 125, 150 or 200 % of the system font for the whole interface.

The application font is scaled, so every menu, panel and dialog follows; the page keeps its own
zoom (View > Zoom in), which multiplies with nothing. At 200 % the toolbar may not fit the
window: its extension button (») shows the rest, and every command is in the menus too.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QFont
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QWidget

from reader.i18n import _
from reader.settings import UI_TEXT_SIZES
from reader.ui.window.base import WindowBase

BASE_SIZE_PROPERTY = "stromBaseFontSize"  # the system font's point size, kept on the app
PAGE_MINIMUM_WIDTH = 200  # pixels at 100 %: the page never gets squeezed to a column of letters
COMBO_LETTERS = 6  # above 100 %, a combo box may shrink to this many letters (the rest elided)


def fit_to_text_size(window: QWidget, page: QWidget, percent: int) -> None:
    """Let the panels shrink at large sizes so the page keeps its room: combo boxes elide their
    text (the list shows it whole), and the page keeps a minimum width."""
    Adjust = QComboBox.SizeAdjustPolicy
    for box in window.findChildren(QComboBox):
        if percent > 100:
            box.setSizeAdjustPolicy(Adjust.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(COMBO_LETTERS)
        else:
            box.setSizeAdjustPolicy(Adjust.AdjustToContentsOnFirstShow)
    page.setMinimumWidth(PAGE_MINIMUM_WIDTH * percent // 100)


def apply_text_size(percent: int) -> None:
    """Scale the application font to ``percent`` of the font the system gave at start."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    base = app.property(BASE_SIZE_PROPERTY)
    if not base:
        base = app.font().pointSizeF()
        if base <= 0:  # a pixel-sized system font: scale its pixels instead
            base = float(-app.font().pixelSize())
        app.setProperty(BASE_SIZE_PROPERTY, base)
    font = QFont(app.font())
    size = float(base) * percent / 100
    if size < 0:
        font.setPixelSize(round(-size))
    else:
        font.setPointSizeF(size)
    if font != app.font():
        app.setFont(font)
        sheet = app.styleSheet()  # with a style sheet, widgets take a new font on repolish only
        if sheet:
            app.setStyleSheet(sheet)


class TextSizeMixin(WindowBase):
    text_size_group: QActionGroup

    def _init_text_size(self) -> None:
        apply_text_size(self.settings.ui_text_percent)
        fit_to_text_size(self, self.view, self.settings.ui_text_percent)

    def build_text_size_menu(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu(_("Interface text size"))
        menu.setObjectName("textSizeMenu")
        self.text_size_group = QActionGroup(self)
        for percent in UI_TEXT_SIZES:
            action = QAction(_("{percent}%").format(percent=percent), self)
            action.setObjectName(f"textSize{percent}")
            action.setCheckable(True)
            action.setData(percent)
            action.setChecked(percent == self.settings.ui_text_percent)
            action.triggered.connect(lambda _checked=False, p=percent: self.set_text_size(p))
            self.text_size_group.addAction(action)
            menu.addAction(action)

    def set_text_size(self, percent: int) -> None:
        """Show and remember an interface text size (one of UI_TEXT_SIZES)."""
        self.settings.ui_text_percent = percent
        self.settings.clamp()
        apply_text_size(self.settings.ui_text_percent)
        fit_to_text_size(self, self.view, self.settings.ui_text_percent)
        for action in self.text_size_group.actions():
            action.setChecked(action.data() == self.settings.ui_text_percent)
        self._schedule_save()
