"""Tab in reading order: toolbars, the left docks, the page and its note, then the right docks.

Qt chains widgets in the order they were made, so Tab jumped from the contents to the search
panel and back to the bookmarks, and into docks hidden behind another dock's tab. The chain is
rebuilt from where the parts are (dock areas, top to bottom), whatever each panel holds; inside a
panel the order it made its widgets stays (panels make them in reading order).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar, QWidget

from reader.ui.window.base import WindowBase

Area = Qt.DockWidgetArea
BEFORE_PAGE = (Area.TopDockWidgetArea, Area.LeftDockWidgetArea)


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def can_be_seen(widget: QWidget) -> bool:
    """Shown and not covered: a dock behind another dock's tab is "visible" to Qt, off screen."""
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        if not current.isVisible() or current.visibleRegion().isEmpty():
            return False
        current = current.parentWidget()
    return True


def _chain_inside(container: QWidget) -> list[QWidget]:
    """The container's widgets that take Tab, in the container's own focus-chain order."""
    found: list[QWidget] = []
    widget = container.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and widget is not container and id(widget) not in seen:
        seen.add(id(widget))
        if container.isAncestorOf(widget) and _takes_tab(widget):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


class TabOrderMixin(WindowBase):
    def _init_tab_order(self) -> None:
        for dock in self.findChildren(QDockWidget):
            dock.dockLocationChanged.connect(self.apply_tab_order)
            dock.topLevelChanged.connect(self.apply_tab_order)
        self.apply_tab_order()

    def _regions(self) -> list[QWidget]:
        docks = [dock for dock in self.findChildren(QDockWidget) if not dock.isFloating()]

        def place(dock: QDockWidget) -> tuple[int, int]:
            return (dock.geometry().top(), dock.geometry().left())

        before = [d for d in docks if self.dockWidgetArea(d) in BEFORE_PAGE]
        after = [d for d in docks if d not in before]
        toolbars: list[QWidget] = list(self.findChildren(QToolBar))
        page = self.centralWidget()
        central: list[QWidget] = [page] if page is not None else []
        return [*toolbars, *sorted(before, key=place), *central, *sorted(after, key=place)]

    def apply_tab_order(self) -> None:
        """Chain every region's widgets one region after the other (see the module doc)."""
        order: list[QWidget] = []
        for region in self._regions():
            order += [w for w in _chain_inside(region) if w not in order]
        rest = [
            w
            for w in _chain_inside(self)
            if w not in order and not any(r.isAncestorOf(w) for r in self._regions())
        ]
        order += rest  # the window's own parts, e.g. the tab bar of tabbed docks
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab to the next control that can be seen: Qt would also enter a dock behind another
        dock's tab (and bring it to the front, hiding the one the user was in)."""
        current = QApplication.focusWidget()
        if current is None or not self.isAncestorOf(current):
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        widget: QWidget | None = current
        for _step in range(5000):
            assert widget is not None
            widget = widget.nextInFocusChain() if next else widget.previousInFocusChain()
            if widget is None or widget is current:
                break
            if (
                self.isAncestorOf(widget)
                and _takes_tab(widget)
                and widget.isEnabled()
                and can_be_seen(widget)
            ):
                widget.setFocus(reason)
                return True
        return super().focusNextPrevChild(next)
