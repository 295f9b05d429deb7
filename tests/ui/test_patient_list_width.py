"""The patient list at 1366 px: every column in sight, sums shortened with the exact
one in a tooltip, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.ui.main_window import MainWindow
from clinicdesk.ui.translation import install_translators
from clinicdesk.workers.runner import SyncRunner


@pytest.fixture(params=["zh_CN", "en"])
def window(request, qapp, qtbot, clinic_path):
    translators = install_translators(qapp, request.param)
    db = open_clinic(clinic_path)
    pid = add_patient(db, name="王丽玲", mobile="15057475214", birth_date="1980-02-03")
    add_charge(db, pid, date="2026-11-20", item="热玛吉", amount_fen=7_335_800)
    runner = SyncRunner(clinic_path, request.param)
    widget = MainWindow(db, clinic_path, request.param, runner=runner)
    qtbot.addWidget(widget)
    widget.resize(1366, 728)  # a 1366×768 screen less its taskbar
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    runner.shutdown()
    db.close()
    for translator in translators:
        qapp.removeTranslator(translator)


def test_every_column_of_the_list_is_in_sight_at_1366_px(window):
    view = window.patient_tab.view
    assert view.horizontalHeader().length() <= view.viewport().width()


def test_total_spend_is_shortened_with_the_exact_sum_in_the_tooltip(window):
    model = window.patient_tab.model
    cell = model.index(0, model.COLUMNS.index("spend"))
    shown = (model.data(cell), model.data(cell, Qt.ItemDataRole.ToolTipRole))
    assert shown == ({"zh_CN": "¥7.34万", "en": "¥73.4k"}[window.language], "¥73,358")
