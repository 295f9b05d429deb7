"""The patient file's appointments: upcoming and past; book, move, cancel, attended."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.appointments import book, get_appointment
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.ui.appointments_panel import AppointmentsPanel
from clinicdesk.ui.dialogs.booking_dialog import BookingDialog
from clinicdesk.workers.runner import SyncRunner

pytestmark = pytest.mark.usefixtures("chinese")
TODAY = dt.date.today()
LATER = (TODAY + dt.timedelta(days=10)).isoformat()
EARLIER = (TODAY - dt.timedelta(days=10)).isoformat()


@pytest.fixture
def clinic(clinic_path):
    db = open_clinic(clinic_path)
    yield db
    db.close()


@pytest.fixture
def wang(clinic):
    pid = add_patient(clinic, name="王小明", mobile="13800138000")
    add_charge(clinic, pid, date=EARLIER, item="洁牙", amount_fen=29800)
    return pid


@pytest.fixture
def panel(qtbot, clinic, clinic_path, wang):
    runner = SyncRunner(clinic_path, "zh_CN")
    widget = AppointmentsPanel(clinic, runner, "zh_CN")
    qtbot.addWidget(widget)
    widget.set_patient(wang)
    yield widget
    runner.shutdown()


def rows(panel):
    table = panel.table
    return [[table.item(r, c).text() for c in (0, 1, 3)] for r in range(table.rowCount())]


def test_upcoming_appointments_come_before_past_ones(panel, clinic, wang):
    book(clinic, wang, starts_at=f"{EARLIER} 09:00", item="检查")
    book(clinic, wang, starts_at=f"{LATER} 15:30", item="洁牙")
    panel.reload()
    assert rows(panel) == [
        [f"{LATER} 15:30", "洁牙", "已预约"],
        [f"{EARLIER} 09:00", "检查", "已预约"],
    ]
    assert panel.heading.text() == "待到 1 个，以往 1 个"
    grey = panel.table.item(1, 0).foreground().color().name()
    assert grey == "#777777" and panel.table.item(0, 0).foreground().color().name() != grey


def test_booking_from_the_file_makes_an_appointment_with_the_last_item(panel, clinic, monkeypatch):
    def exec_(dialog):
        assert dialog.item.text() == "洁牙"  # the patient's last item, to start with
        dialog.date.setDate(dt.date.fromisoformat(LATER))
        return 1

    monkeypatch.setattr(BookingDialog, "exec", exec_)
    panel.book_button.click()
    assert rows(panel) == [[f"{LATER} 10:00", "洁牙", "已预约"]]


def test_an_appointment_can_be_moved(panel, clinic, wang, monkeypatch):
    aid = book(clinic, wang, starts_at=f"{LATER} 15:30", item="洁牙")
    panel.reload()
    panel.table.selectRow(0)

    def exec_(dialog):
        dialog.time.setTime(dt.time(16, 45))
        return 1

    monkeypatch.setattr(BookingDialog, "exec", exec_)
    panel.move_button.click()
    assert get_appointment(clinic, aid).starts_at == f"{LATER}T16:45"


def test_cancelling_asks_first(panel, clinic, wang, monkeypatch):
    aid = book(clinic, wang, starts_at=f"{LATER} 15:30", item="洁牙")
    panel.reload()
    panel.table.selectRow(0)
    no = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: no)
    panel.status_buttons["cancelled"].click()
    assert get_appointment(clinic, aid).status == "booked"
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: yes)
    panel.status_buttons["cancelled"].click()
    assert get_appointment(clinic, aid).status == "cancelled"


def test_attended_and_no_show_are_marked_and_only_allowed_changes_offered(panel, clinic, wang):
    aid = book(clinic, wang, starts_at=f"{EARLIER} 09:00", item="检查")
    panel.reload()
    panel.table.selectRow(0)
    panel.status_buttons["no_show"].click()
    assert get_appointment(clinic, aid).status == "no_show"
    panel.table.selectRow(0)
    enabled = {s for s, b in panel.status_buttons.items() if b.isEnabled()}
    assert enabled == {"attended"} and not panel.move_button.isEnabled()


def test_a_refused_change_is_explained(panel, clinic, wang, monkeypatch):
    from clinicdesk.core.db.appointments import set_status

    aid = book(clinic, wang, starts_at=f"{LATER} 15:30", item="洁牙")
    panel.reload()
    panel.table.selectRow(0)
    set_status(clinic, aid, "cancelled")  # at the desk next door, meanwhile
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    panel.status_buttons["attended"].click()
    assert len(shown) == 1 and "已取消" in shown[0]


def test_the_patient_file_has_the_appointments_panel(qtbot, clinic, clinic_path, wang):
    from clinicdesk.ui.patient_file import PatientFileView

    book(clinic, wang, starts_at=f"{LATER} 15:30", item="洁牙")
    runner = SyncRunner(clinic_path, "zh_CN")
    view = PatientFileView(clinic, runner, "zh_CN")
    qtbot.addWidget(view)
    view.show_patient(wang)
    titles = [view.history.tabText(i) for i in range(view.history.count())]
    assert "预约" in titles
    assert rows(view.panels["appointments"])[0][1] == "洁牙"
    runner.shutdown()
