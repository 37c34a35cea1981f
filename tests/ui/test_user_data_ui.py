from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from reader import i18n
from reader.calendar import entries_from_own, occurrences
from reader.ui.event_dialog import EventDialog
from reader.userdata import OwnEvent
from tests.ui.conftest import Launcher


def own_event(title: str, start: dt.date, **extra: object) -> OwnEvent:
    return OwnEvent(
        uid=f"{title.lower().replace(' ', '-')}@test", title=title, start=start, **extra
    )  # type: ignore[arg-type]


def test_bookmark_a_section_with_ctrl_d_and_open_it_from_the_panel(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    assert app.store is not None and window.bookmarks_panel is not None
    window.open_section("signs-labour")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert app.store.is_bookmarked("section", "signs-labour")
    assert window.bookmark_action.isChecked()
    items = window.bookmarks_panel.items("section")
    assert [item.text(0) for item in items] == ["Work"]
    assert items[0].parent().text(0) == "Signs of trafficking"
    window.open_section("intro")
    with qtbot.waitSignal(window.sectionOpened):
        window.bookmarks_panel.tree.itemActivated.emit(items[0], 0)
    assert window.current_section == "signs-labour"
    window.bookmarks_panel.tree.setCurrentItem(window.bookmarks_panel.items("section")[0])
    qtbot.keyClick(window.bookmarks_panel.tree, Qt.Key.Key_Delete)
    assert not app.store.is_bookmarked("section", "signs-labour")
    assert not window.bookmark_action.isChecked() or window.bookmarks_panel.items("section") == []


def test_note_is_saved_as_you_type_shown_again_and_searchable(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    assert app.store is not None and window.note_editor is not None
    window.open_section("intro-who")
    qtbot.keyClicks(window.note_editor.editor, "Ask the school nurse about ")
    window.note_editor.editor.insertPlainText("Ērika")  # QTest cannot type non-Latin-1 keys
    qtbot.waitUntil(lambda: app.store is not None and app.store.note("intro-who") is not None)
    window.open_section("intro-what")
    assert window.note_editor.editor.toPlainText() == ""
    window.open_section("intro-who")
    assert window.note_editor.editor.toPlainText() == "Ask the school nurse about Ērika"
    panel = window.bookmarks_panel
    assert panel is not None
    panel.filter_field.setText("erika")  # without the diacritic
    notes = panel.items("note")
    assert len(notes) == 1 and "school nurse" in notes[0].text(0)
    panel.filter_field.setText("nothing like this")
    assert panel.items("note") == []


def test_note_typed_just_before_closing_is_not_lost(launch: Launcher) -> None:
    _app, window = launch()
    assert window.note_editor is not None
    window.open_section("intro-what")
    window.note_editor.editor.setPlainText("written a moment before closing")
    assert window.note_editor.pending
    window.close()
    _app2, again = launch()
    assert again.current_section == "intro-what"
    assert again.note_editor is not None
    assert again.note_editor.editor.toPlainText() == "written a moment before closing"


def test_calendar_month_view_marks_events_bookmarks_and_today(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    panel = window.calendar_panel
    assert panel is not None and app.store is not None
    today = dt.date.today()
    assert panel.month_label.text() == f"{i18n.month_name(today.month)} {today.year}"
    assert "border: 2px solid #c0392b" in (panel.grid.button_for(today).styleSheet())  # type: ignore[union-attr]
    while panel.month != 10:
        panel.next_button.click()
    day = dt.date(panel.year, 10, 18)
    button = panel.grid.button_for(day)
    assert button is not None and "#dbe9f5" in button.styleSheet()
    panel.select_day(day)
    assert panel.agenda.count() == 1
    panel.agenda.setCurrentRow(0)
    assert "EU Anti-Trafficking Day" in panel.details.toPlainText()
    assert "Every year" in panel.details.toPlainText()
    panel.bookmark_button.click()
    assert app.store.is_bookmarked("event", "anti-trafficking-day")
    assert "#ffe066" in panel.grid.button_for(day).styleSheet()  # type: ignore[union-attr]
    panel.bookmarked_only.setChecked(True)
    panel.go_today()
    texts = [panel.agenda.item(i).text() for i in range(panel.agenda.count())]
    assert len(texts) == 1 and "EU Anti-Trafficking Day" in texts[0]
    with qtbot.waitSignal(window.sectionOpened):
        panel.sectionRequested.emit("signs")
    assert window.current_section == "signs"


def test_calendar_speaks_the_ui_language(launch: Launcher) -> None:
    _app, window = launch(ui_language="lv")
    panel = window.calendar_panel
    assert panel is not None
    assert [label.text() for label in panel.grid.header_labels][:2] == ["Pirmd.", "Otrd."]
    while panel.month != 10:
        panel.next_button.click()
    assert panel.month_label.text().startswith("Oktobris")


def test_own_events_added_edited_and_deleted(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    panel = window.calendar_panel
    assert panel is not None and app.store is not None
    dialog = EventDialog(panel)
    qtbot.addWidget(dialog)
    assert dialog.event_value() is None and "title" in dialog.error_label.text()
    dialog.title_field.setText("Training for social workers")
    dialog.start_field.setDate(QDate(2030, 3, 5))
    dialog.time_box.setChecked(True)
    dialog.end_box.setChecked(True)
    dialog.end_field.setDate(QDate(2030, 3, 4))
    assert dialog.event_value() is None and "before" in dialog.error_label.text()
    dialog.end_field.setDate(QDate(2030, 3, 6))
    event = dialog.event_value()
    assert event is not None
    assert panel.save_event(event)
    assert panel.current is not None and panel.current.entry.title == "Training for social workers"
    assert "5" in panel.agenda_label.text()
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    dialog.yearly_box.setChecked(True)
    dialog.end_field.setDate(QDate(2031, 3, 5))
    assert dialog.event_value() is None and "a year or longer" in dialog.error_label.text()
    dialog.end_field.setDate(QDate(2030, 3, 6))
    yearly = dialog.event_value()
    assert yearly is not None and yearly.yearly and yearly.uid != event.uid
    assert panel.save_event(yearly)
    in_2032 = occurrences(
        entries_from_own(app.store.own_events()), dt.date(2032, 1, 1), dt.date(2032, 12, 31)
    )
    assert [(occ.start, occ.entry.yearly) for occ in in_2032] == [(dt.date(2032, 3, 5), True)]
    reopened = EventDialog(panel, yearly)
    qtbot.addWidget(reopened)
    assert reopened.yearly_box.isChecked() and reopened.event_value() == yearly
    app.store.delete_event(yearly.uid)
    changed = OwnEvent(**{**event.__dict__, "title": "Training (moved)", "updated": None})
    assert panel.save_event(changed)
    assert [e.title for e in app.store.own_events()] == ["Training (moved)"]
    panel.confirm = lambda _question: False
    panel.delete_event()
    assert len(app.store.own_events()) == 1
    panel.confirm = lambda _question: True
    panel.delete_event()
    assert app.store.own_events() == []


def test_ics_export_and_import_with_preview(launch: Launcher, tmp_path: Path) -> None:
    app, window = launch()
    panel = window.calendar_panel
    assert panel is not None and app.store is not None
    panel.save_event(own_event("Local round table", dt.date(2031, 5, 20), place="Town hall"))
    app.store.add_bookmark("event", "anti-trafficking-day")
    target = tmp_path / "out.ics"
    assert panel.export_to(target) == 2
    text = target.read_text(encoding="utf-8")
    assert "SUMMARY;LANGUAGE=en:Local round table" in text and "RRULE:FREQ=YEARLY" in text
    app.store.delete_event("local-round-table@test")
    preview = panel.preview(target)
    assert preview is not None
    assert [e.title for e in preview.to_add] == ["Local round table"] or len(preview.to_add) == 2
    shown = panel.import_preview_text(preview)
    assert "Local round table" in shown
    panel.apply(preview)
    again = panel.preview(target)
    assert again is not None and again.to_add == [] and again.to_update == []


def test_bad_ics_gives_a_clear_error_and_changes_nothing(launch: Launcher, tmp_path: Path) -> None:
    app, window = launch()
    panel = window.calendar_panel
    assert panel is not None and app.store is not None
    errors: list[tuple[str, str]] = []
    panel.show_error = lambda title, text: errors.append((title, text))
    bad = tmp_path / "broken.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:\xff\xfe cut")
    assert panel.preview(bad) is None
    assert errors and str(bad.name) in errors[0][1]
    assert app.store.own_events() == []


def test_start_page_shows_the_next_three_events_and_stars_the_bookmarked(
    launch: Launcher,
) -> None:
    app, window = launch()
    assert app.store is not None
    today = dt.date.today()  # same day: by title, all before the pack's "EU Anti-Trafficking Day"
    for title in ("A first meeting", "B second meeting", "C third meeting", "D fourth meeting"):
        app.store.save_event(own_event(title, today))
    app.store.add_bookmark("event", "b-second-meeting@test")
    window.go_home()
    text = window.view.toPlainText()
    assert "Upcoming events" in text
    assert "A first meeting" in text and "C third meeting" in text
    assert "★ B second meeting" in text and "★ A first meeting" not in text
    assert "D fourth meeting" not in text
    assert not window.bookmark_action.isEnabled()


def test_all_user_data_moves_to_another_pc_as_json(launch: Launcher, tmp_path: Path) -> None:
    app, window = launch()
    assert app.store is not None
    app.store.add_bookmark("section", "intro-who")
    app.store.set_note("intro-who", "check with the police contact")
    app.store.save_event(own_event("Seminar", dt.date(2031, 1, 15)))
    exported = tmp_path / "mine.json"
    assert window.export_data(exported) == 3
    window.close()
    app.shutdown()
    import os

    os.environ["STROM_READER_HOME"] = str(tmp_path / "other-pc")
    app2, other = launch()
    assert app2.store is not None
    summary = other.import_data(exported)
    assert summary is not None and summary.added == 3
    assert app2.store.is_bookmarked("section", "intro-who")
    assert other.import_data(exported).added == 0  # type: ignore[union-attr]
    assert len(app2.store.own_events()) == 1


def test_malformed_json_import_is_refused_with_a_message(launch: Launcher, tmp_path: Path) -> None:
    app, window = launch()
    assert app.store is not None
    errors: list[str] = []
    window.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "strom-reader-userdata", "bookmarks": [', encoding="utf-8")
    assert window.import_data(bad) is None
    assert errors and "bad.json" in errors[0]
    assert app.store.bookmarks() == []


def test_damaged_database_is_moved_aside_and_the_user_is_told(
    launch: Launcher, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    data.mkdir(parents=True)
    (data / "userdata.sqlite3").write_bytes(b"this is not a database at all" * 100)
    app, window = launch()
    assert app.store is not None and app.store.open_report.recovered_from is not None
    assert window.data_notice.isVisible()
    assert str(app.store.open_report.recovered_from) in window.data_notice.text()
    app.store.add_bookmark("section", "intro")
    assert app.store.is_bookmarked("section", "intro")


def test_docks_show_one_tab_bar_each(launch: Launcher, qtbot: QtBot) -> None:
    """Qt 6.11 leaves a stray copy of a second tabbed dock group's tab bar; we have one group."""
    from PySide6.QtWidgets import QTabBar

    _app, window = launch()
    window.resize(1300, 850)
    # The panels open when used (reading_layout.py): with none open there is no tab bar.
    assert not [bar for bar in window.findChildren(QTabBar) if bar.isVisible() and bar.count()]
    window.show_search()
    window.show_calendar()
    qtbot.waitUntil(window.calendar_dock.isVisible)
    bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible() and bar.count()]
    assert [[bar.tabText(i) for i in range(bar.count())] for bar in bars] == [
        ["Search", "Calendar"]
    ]


def test_repeating_events_in_an_ics_import_are_explained_in_the_preview(
    launch: Launcher, tmp_path: Path
) -> None:
    app, window = launch()
    panel = window.calendar_panel
    assert panel is not None and app.store is not None
    first = dt.date.today() + dt.timedelta(days=10)
    stamp = first.strftime("%Y%m%d")
    path = tmp_path / "repeating.ics"
    path.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:w@example.org\r\nSUMMARY:Weekly clinic\r\n"
            f"DTSTART;VALUE=DATE:{stamp}\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
            f"BEGIN:VEVENT\r\nUID:y@example.org\r\nSUMMARY:Founding day\r\n"
            f"DTSTART;VALUE=DATE:{stamp}\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n"
        ).encode()
    )
    preview = panel.preview(path)
    assert preview is not None and len(preview.to_add) == 4
    shown = panel.import_preview_text(preview)
    assert "Repeating events:" in shown and "3 separate events" in shown
    assert "Founding day (Every year)" in shown
    assert panel.apply(preview) == 4
    yearly = app.store.own_event("y@example.org")
    assert yearly is not None and yearly.yearly
    assert len([e for e in app.store.own_events() if e.uid.startswith("w@example.org/")]) == 3


def test_bookmark_and_note_on_a_section_the_pack_no_longer_has_stay_visible(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    assert app.store is not None and window.bookmarks_panel is not None
    app.store.add_bookmark("section", "gone-section")
    app.store.set_note("gone-section", "Call the shelter before noon.")
    window.bookmarks_panel.refresh()
    items = window.bookmarks_panel.items("section")
    assert [item.text(0) for item in items] == ["gone-section (no longer in the handbook)"]
    assert items[0].parent().text(0) == "No longer in the handbook"
    notes = window.bookmarks_panel.items("note")
    assert [n.text(0) for n in notes] == [
        "gone-section (no longer in the handbook): Call the shelter before noon."
    ]
    assert app.store.is_bookmarked("section", "gone-section")
