"""The first start: a new clinic, or the demo (marked as such)."""

from __future__ import annotations

from clinicdesk import paths
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import get_setting, is_demo, list_staff
from clinicdesk.ui.dialogs.first_run import FirstRunDialog
from clinicdesk.ui.main_window import MainWindow


def test_creating_a_clinic_writes_its_name_currency_and_staff(qtbot, tmp_path):
    target = tmp_path / "clinic.db"
    dialog = FirstRunDialog(target, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.name.setText("悦颜诊所")
    dialog.staff.setText("张敏，李娜, 张敏")
    dialog.create_clinic()
    assert dialog.chosen == target
    db = open_clinic(target)
    assert (get_setting(db, "clinic_name"), get_setting(db, "currency")) == ("悦颜诊所", "CNY")
    assert sorted(s.name for s in list_staff(db)) == sorted(["张敏", "李娜"])
    assert not is_demo(db)
    db.close()


def test_a_clinic_needs_a_name(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: None)
    dialog = FirstRunDialog(tmp_path / "clinic.db", "zh_CN")
    qtbot.addWidget(dialog)
    dialog.create_clinic()
    assert dialog.chosen is None and not (tmp_path / "clinic.db").exists()


def test_the_demo_is_marked_in_the_window(qtbot):
    dialog = FirstRunDialog(paths.default_clinic_path(), "zh_CN")
    qtbot.addWidget(dialog)
    dialog.open_demo()
    assert dialog.chosen == paths.default_demo_path()
    db = open_clinic(dialog.chosen)
    window = MainWindow(db, dialog.chosen, "zh_CN")
    qtbot.addWidget(window)
    texts = [w.text() for w in window.findChildren(type(window.status_label))]
    assert any(t.startswith("Demo clinic") or t.startswith("演示诊所") for t in texts)
    window.runner.shutdown()
    db.close()
