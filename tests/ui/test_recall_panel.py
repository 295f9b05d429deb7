"""The patient file's own recall intervals: set, shown beside the clinic's, removed."""

from __future__ import annotations

import pytest

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.recall_intervals import recall_intervals_of
from clinicdesk.ui.recall_panel import RecallPanel
from clinicdesk.workers.runner import SyncRunner

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def panel(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    pid = add_patient(db, name="王小明", mobile="13800138000")
    runner = SyncRunner(clinic_path, "zh_CN")
    widget = RecallPanel(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    widget.set_patient(pid)
    yield widget
    runner.shutdown()
    db.close()


def shown(panel):
    table = panel.table
    return [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]


def test_an_own_interval_is_kept_and_shown_beside_the_clinics(panel):
    panel.item.setText("洁牙")
    panel.days.setValue(120)
    panel.set_button.click()
    assert recall_intervals_of(panel.db, panel.patient_id) == {"洁牙": 120}
    assert shown(panel) == [["洁牙", "120", "180"]]


def test_removing_it_gives_the_clinics_interval_back(panel):
    panel.item.setText("洁牙")
    panel.set_button.click()
    panel.table.selectRow(0)
    panel.remove_button.click()
    assert recall_intervals_of(panel.db, panel.patient_id) == {} and shown(panel) == []


def test_an_interval_without_an_item_is_refused(panel, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    panel.set_button.click()
    assert len(said) == 1 and recall_intervals_of(panel.db, panel.patient_id) == {}
