"""The settings dialog: the clinic's rules reach the engine and the call list."""

from __future__ import annotations

import pytest

from clinicdesk.core.calls import CallRules
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import get_setting, list_staff
from clinicdesk.core.segmentation import TierParams, clinic_params
from clinicdesk.ui.dialogs.settings_dialog import SettingsDialog
from clinicdesk.ui.main_window import window_settings


@pytest.fixture
def dialog(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    dlg = SettingsDialog(db, window_settings(), "zh_CN")
    qtbot.addWidget(dlg)
    yield dlg
    db.close()


def test_saved_settings_reach_the_engine_and_the_call_list(dialog):
    import datetime as dt

    dialog.clinic_name.setText("悦颜诊所")
    dialog.cut_a.setValue(75)
    dialog.cut_b.setValue(95)
    dialog.lapsed.setValue(2.5)
    dialog.levels["gold"].setValue(30000)
    dialog.cadence["A"].setValue(21)
    dialog.accept()
    db = dialog.db
    assert get_setting(db, "clinic_name") == "悦颜诊所"
    assert get_setting(db, "tier_cutoffs") == [75, 95]
    params = clinic_params(db, TierParams.last_twelve_months(dt.date(2026, 11, 25)))
    assert params.lapse.lapsed_ratio == 2.5
    assert ("gold", 3_000_000) in params.membership.levels
    assert CallRules.from_clinic(db).cadence_days["A"] == 21


def test_the_days_workload_is_set_in_the_dialog(dialog):
    dialog.per_caller.setValue(25)
    dialog.max_unanswered.setValue(4)
    dialog.retry["B"].setValue(5)
    dialog.working_days[5].setChecked(False)  # no calls on Saturdays
    dialog.accept()
    rules = CallRules.from_clinic(dialog.db)
    assert (rules.calls_per_caller, rules.max_unanswered, rules.retry_days["B"]) == (25, 4, 5)
    assert list(rules.working_days) == [0, 1, 2, 3, 4]


def test_inconsistent_values_are_refused(dialog, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dialog.cut_a.setValue(95)
    dialog.cut_b.setValue(90)
    dialog.accept()
    assert shown and get_setting(dialog.db, "tier_cutoffs") is None


def test_staff_are_added_and_marked_as_left(dialog):
    dialog.new_staff.setText("张敏")
    dialog._on_add_staff()
    dialog.staff_list.setCurrentRow(0)
    dialog._on_toggle_staff()
    assert [(s.name, s.active) for s in list_staff(dialog.db, active_only=False)] == [("张敏", 0)]


def test_this_pcs_language_and_masking_are_kept_with_the_window(dialog):
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.mask_combo.setCurrentIndex(1)
    dialog.accept()
    settings = window_settings()
    assert settings.value("language") == "en" and settings.value("mask_phones") == "false"


def test_the_largest_charge_is_a_setting_the_import_uses(dialog):
    from clinicdesk.core.db.clinic import charge_limit

    assert dialog.max_charge.value() == 10_000_000
    dialog.max_charge.setValue(50_000)
    dialog.accept()
    assert charge_limit(dialog.db) == 5_000_000
