"""View > My country: whose country box the pages show, chosen on first start from the locale."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from reader import i18n
from reader.content.countries import COUNTRIES, country_from_locale
from reader.content.country_box import country_name
from reader.content.country_records import CountryRecord
from reader.i18n import _
from reader.ui.home_page import HOME_ID
from reader.ui.window.base import WindowBase

NO_COUNTRY = "none"  # chosen: no box; "" in the settings means not chosen yet


def system_locale_name() -> str:
    """``lv_LV``, ``ru_LV``...: the system's locale, whose territory is the reader's country."""
    return QLocale.system().name()


class CountryMixin(WindowBase):
    country_group: QActionGroup

    def _init_country(self) -> None:
        """On first start, the country of the system locale (ru_LV -> LV; en_GB -> none)."""
        if not self.settings.my_country:
            self.settings.my_country = country_from_locale(system_locale_name()) or NO_COUNTRY
            self._schedule_save()

    def my_country(self) -> str:
        """The chosen country's code, or "" for none."""
        code = self.settings.my_country
        return code if code in COUNTRIES else ""

    def country_record(self) -> CountryRecord | None:
        """The record of View > My country, or None (no country, or none in this pack): the
        cards shown and printed follow it (112 and no police card without one)."""
        code = self.my_country()
        countries = self.pack.countries
        return countries.records.get(code) if code and countries is not None else None

    def build_country_menu(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu(_("My country"))
        menu.setObjectName("countryMenu")
        self.country_group = QActionGroup(self)
        ui = i18n.current_language()
        names = sorted((country_name(code, ui), code) for code in COUNTRIES)
        for name, code in [(_("No country"), NO_COUNTRY), *names]:
            action = menu.addAction(name)
            action.setObjectName(f"country_{code}")
            action.setCheckable(True)
            action.setChecked(code == (self.my_country() or NO_COUNTRY))
            action.triggered.connect(lambda _checked=False, c=code: self.set_my_country(c))
            self.country_group.addAction(action)

    def set_my_country(self, code: str) -> None:
        """Remember the country (a code or "none") and show the page again with its box."""
        self.settings.my_country = code if code in COUNTRIES else NO_COUNTRY
        self._schedule_save()
        for action in self.country_group.actions():
            action.setChecked(action.objectName() == f"country_{self.settings.my_country}")
        section = self.current_section
        if section and section != HOME_ID:
            position = self.view.verticalScrollBar().value()
            self.open_section(section, record=False)
            self.view.verticalScrollBar().setValue(position)
