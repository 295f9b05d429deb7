"""The receptionist's desk in the window: keyboard, typed dates, duplicates, ranked
results, a tier fixed by hand, alerts once a day."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.clinic import add_staff
from clinicdesk.core.db.patients import add_patient, get_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.db.tier_override import set_tier_override, tier_override_of
from clinicdesk.ui.call_caller import CallerChoice
from clinicdesk.ui.dialogs import duplicate_dialog, tier_fix_dialog
from clinicdesk.ui.main_window import MainWindow
from clinicdesk.ui.models.highlight import HighlightRole
from clinicdesk.ui.patient_tab import PatientTab
from clinicdesk.workers.runner import SyncRunner

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def db(clinic_path):
    db = open_clinic(clinic_path)
    yield db
    db.close()


@pytest.fixture
def tab(qtbot, db, clinic_path):
    runner = SyncRunner(clinic_path, "zh_CN")  # saves are written before save() returns
    widget = PatientTab(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    widget.resize(1366, 728)
    widget.show()
    yield widget
    runner.shutdown()


@pytest.fixture
def wang(db) -> int:
    return add_patient(db, name="王丽玲", mobile="15057475214", birth_date="1980-02-03")


def _new(tab, **fields) -> None:
    tab.new_patient()
    for name, text in fields.items():
        tab.file.form.edits[name].setText(text)


# Keyboard


def test_tab_leaves_every_table_of_the_window(qtbot, demo_path):
    db = open_clinic(demo_path)
    window = MainWindow(db, demo_path)
    qtbot.addWidget(window)
    views = window.findChildren(QAbstractItemView)
    trapping = [v.objectName() or type(v).__name__ for v in views if v.tabKeyNavigation()]
    window.close()
    db.close()
    assert len(views) > 5 and trapping == []


def test_tab_in_the_patient_list_moves_on_to_the_next_control(tab, qtbot, wang):
    tab.view.setFocus()
    tab.view.selectRow(0)
    qtbot.keyClick(tab.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not tab.view


def test_escape_goes_back_to_the_search_box(tab, qtbot, wang):
    tab.open_patient(wang)
    tab.file.form.edits["occupation"].setFocus()
    qtbot.keyClick(tab.file.form.edits["occupation"], Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is tab.search


def test_the_file_buttons_have_alt_mnemonics(tab):
    buttons = (tab.file.save_button, tab.file.revert_button, tab.new_button)
    assert all("&" in b.text() for b in buttons)


# Typed dates


def test_a_birth_date_typed_1990_3_5_saves_as_1990_03_05(tab, db):
    _new(tab, name="赵敏", birth_date="1990/3/5")
    tab.file.save()
    pid = tab.file.patient_id
    assert get_patient(db, pid).birth_date == "1990-03-05"
    assert tab.file.form.edits["birth_date"].text() == "1990-03-05"


def test_the_date_fields_say_what_can_be_typed(tab):
    assert "1990/3/5" in tab.file.form.edits["birth_date"].placeholderText()


# The duplicate guard


def _answer(monkeypatch, choice: str, reason: str = "") -> list:
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.choice, dialog.reason = choice, reason
        return choice is not None

    monkeypatch.setattr(duplicate_dialog.DuplicateDialog, "exec", exec_)
    return seen


def test_a_new_file_with_the_same_mobile_shows_the_existing_one(tab, db, wang, monkeypatch):
    seen = _answer(monkeypatch, None)
    _new(tab, name="王丽玲", mobile="15057475214")
    tab.file.save()
    assert [c.patient_id for c in seen[0].error.candidates] == [wang]
    assert tab.file.patient_id is None and tab.file.is_dirty()  # nothing saved, nothing lost


def test_save_anyway_with_a_reason_saves_and_audits_it(tab, db, wang, monkeypatch):
    _answer(monkeypatch, duplicate_dialog.SAVE, "她女儿，同一个手机号")
    _new(tab, name="王小玲", mobile="15057475214")
    tab.file.save()
    pid = tab.file.patient_id
    assert pid not in (None, wang)
    assert "她女儿" in str(entries_for(db, "patient", pid)[0])


def test_open_the_existing_file_drops_the_typed_one(tab, db, wang, monkeypatch):
    _answer(monkeypatch, duplicate_dialog.OPEN)
    _new(tab, name="王丽玲", mobile="15057475214")
    tab.file.save()
    assert tab.file.patient_id == wang and not tab.file.is_dirty()


def test_the_same_card_cannot_be_saved_anyway(qtbot, db, wang):
    from clinicdesk.core.db.duplicates import DuplicatePatient, find_duplicates

    db["patients"].update(wang, {"card_no": "VIP9"})
    error = DuplicatePatient(find_duplicates(db, card_no="VIP9"), "VIP9")
    dialog = duplicate_dialog.DuplicateDialog(db, error, "zh_CN", can_merge=False)
    qtbot.addWidget(dialog)
    assert dialog.save_button.isHidden()


# Ranked results


def test_a_phone_ending_shows_why_and_marks_the_digits(tab, qtbot, wang):
    tab.search.setText("5214")
    tab.run_search()
    model = tab.model
    assert model.index(0, model.COLUMNS.index("match")).data() == "手机尾号"
    mobile = model.index(0, model.COLUMNS.index("mobile"))
    assert (mobile.data(), mobile.data(HighlightRole)) == ("150****5214", (7, 11))


def test_a_likely_duplicate_is_marked_in_the_results(tab, db, wang):
    add_patient(db, name="王小玲", mobile="15057475214", save_anyway="她女儿")
    tab.search.setText("5214")
    tab.run_search()
    name = tab.model.index(0, tab.model.COLUMNS.index("name"))
    assert "⚠" in name.data() and str(wang) in name.data(Qt.ItemDataRole.ToolTipRole)


# A tier fixed by hand


def test_fixing_the_tier_shows_both_tiers_in_the_file(tab, db, wang, monkeypatch):
    def exec_(dialog):
        dialog.choice = tier_fix_dialog.FIX
        dialog.tier_box.setCurrentIndex(dialog.tier_box.findData("A"))
        dialog.reason_edit.setText("意见领袖")
        dialog.until_edit.setText("2099/6/30")
        return True

    monkeypatch.setattr(tier_fix_dialog.TierFixDialog, "exec", exec_)
    tab.open_patient(wang)
    tab.file.fix_tier_button.click()
    assert tier_override_of(db, wang).until == "2099-06-30"
    assert "A 级（手动固定，至 2099-06-30：意见领袖）" in tab.file.badges.text()


def test_the_list_flags_a_fixed_tier(tab, db, wang):
    set_tier_override(db, wang, "A", reason="意见领袖", until="2099-06-30")
    tab.search.setText("5214")
    tab.run_search()
    assert tab.model.index(0, tab.model.COLUMNS.index("tier")).data() == "A ✎"


# Alerts once a day


def test_an_important_note_is_shown_once_a_day(tab, db, wang):
    db["patients"].update(wang, {"important_note": "青霉素过敏"})
    tab.open_patient(wang)
    assert tab.file.alert_banner.isVisible() and "青霉素过敏" in tab.file.alert_banner.text()
    tab.file.show_patient(None)
    tab.open_patient(wang)
    assert not tab.file.alert_banner.isVisible()


def test_each_staff_member_chosen_on_the_call_tab_sees_an_alert_once_a_day(
    qtbot, db, clinic_path, wang
):
    first, second = add_staff(db, "张敏"), add_staff(db, "李娜")
    db["patients"].update(wang, {"important_note": "青霉素过敏"})
    runner = SyncRunner(clinic_path, "zh_CN")
    window = MainWindow(db, clinic_path, "zh_CN", runner=runner)
    qtbot.addWidget(window)
    window.call_tab.load_staff()
    seen = []
    for staff in (first, second, first, second):
        window.call_tab.caller.set(CallerChoice(staff, 1, dt.date.today().isoformat()))
        window.patient_tab.file.show_patient(None)
        window.patient_tab.open_patient(wang)
        seen.append(window.patient_tab.file.alert_banner.isVisibleTo(window))
    runner.shutdown()
    assert seen == [True, True, False, False]


def test_a_caller_chosen_yesterday_leaves_the_pc_as_the_viewer_of_alerts(qtbot, db, clinic_path):
    staff = add_staff(db, "张敏")
    runner = SyncRunner(clinic_path, "zh_CN")
    window = MainWindow(db, clinic_path, "zh_CN", runner=runner)
    qtbot.addWidget(window)
    window.call_tab.load_staff()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    window.call_tab.caller.set(CallerChoice(staff, 1, yesterday.isoformat()))
    viewer = window.patient_tab.file.viewer()
    runner.shutdown()
    assert viewer is None


def test_a_birthday_today_is_shown(tab, db):
    today = dt.date.today()
    pid = add_patient(db, name="生日", birth_date=today.replace(year=today.year - 30).isoformat())
    tab.open_patient(pid)
    assert "30" in tab.file.alert_banner.text()


def test_the_important_note_is_in_the_form(tab, db, wang):
    tab.open_patient(wang)
    tab.file.form.edits["important_note"].setText("青霉素过敏")
    tab.file.save()
    assert get_patient(db, wang).important_note == "青霉素过敏"


# Empty clinic


def test_an_empty_clinic_says_what_to_do_first_and_shows_no_blank_form(tab):
    assert tab.empty_state.isVisible() and not tab.file.isVisible()
    assert tab.import_button.isVisible() and tab.first_patient_button.isVisible()


def test_new_patient_in_an_empty_clinic_shows_the_form(tab):
    tab.first_patient_button.click()
    assert tab.file.isVisible() and not tab.empty_state.isVisible()


# The backup reminder


@pytest.mark.parametrize("patients", [0, 1])
def test_a_file_made_today_is_not_overdue_for_a_backup_elsewhere(qtbot, db, clinic_path, patients):
    for n in range(patients):
        add_patient(db, name=f"顾客{n}")
    window = MainWindow(db, clinic_path)
    qtbot.addWidget(window)
    assert window.backups.remind_offsite() is False
    window.close()


# Sortable tables


def test_a_click_on_a_header_sorts_the_list_and_a_new_search_ranks_again(tab, db, qtbot):
    for name, spend in (("王一", 100), ("王二", 900), ("王三", 500)):
        pid = add_patient(db, name=name)
        add_charge(db, pid, date="2026-11-01", item="洁牙", amount_fen=spend * 100)
    tab.search.setText("王")
    tab.run_search()
    ranked = list(tab.model.ids)
    spend = tab.model.COLUMNS.index("spend")
    tab.view.sortByColumn(spend, Qt.SortOrder.DescendingOrder)
    assert [tab.model.patient(r).name for r in range(3)] == ["王二", "王三", "王一"]
    tab.run_search()
    assert tab.model.ids == ranked


def test_the_charges_sort_by_amount_not_by_text(tab, db, wang):
    for yuan in (98, 1200, 300):
        add_charge(db, wang, date="2026-11-01", item="洁牙", amount_fen=yuan * 100)
    tab.open_patient(wang)
    table = tab.file.panels["charges"].table
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 3).text() for r in range(3)] == ["¥1,200", "¥300", "¥98"]


def test_tab_walks_from_the_search_through_the_list_into_the_form(tab, qtbot, wang):
    tab.open_patient(wang)
    tab.search.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    edits = tab.file.form.edits
    expected = [tab.search, tab.view, tab.new_button, tab.archived_check, tab.reveal_check]
    assert seen[:8] == [*expected, edits["name"], edits["address_as"], edits["mobile"]]


def test_every_button_of_the_patient_tab_and_the_tier_tab_has_an_alt_mnemonic(qtbot, demo_path):
    from PySide6.QtWidgets import QPushButton

    db = open_clinic(demo_path)
    window = MainWindow(db, demo_path)
    qtbot.addWidget(window)
    buttons = [
        b
        for tab in (window.patient_tab, window.tier_tab)
        for b in tab.findChildren(QPushButton)
        if b.text() and not b.isFlat()  # a flat one shows a name (the referrer)
    ]
    missing = [b.text() for b in buttons if "&" not in b.text()]
    window.close()
    db.close()
    assert len(buttons) > 10 and missing == []


def test_qts_own_file_dialog_speaks_chinese_too(qtbot):
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "导出")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels


def test_the_header_shows_the_next_appointment(tab, db, wang):
    from clinicdesk.core.db.appointments import book

    book(db, wang, starts_at="2099-03-05T10:30", item="复诊")
    tab.open_patient(wang)
    assert "下次预约 2099-03-05 10:30 复诊" in tab.file.badges.text()
