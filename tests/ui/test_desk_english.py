"""The desk in English: plurals by Qt's numerus forms."""

from __future__ import annotations

import pytest

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.ui.patient_tab import PatientTab
from clinicdesk.ui.translation import install_translators
from clinicdesk.workers.runner import SyncRunner


@pytest.fixture
def tab(qapp, qtbot, clinic_path):
    translators = install_translators(qapp, "en")
    db = open_clinic(clinic_path)
    add_patient(db, name="王丽玲", mobile="15057475214")
    add_patient(db, name="李娜", mobile="13912345214")
    runner = SyncRunner(clinic_path, "en")
    widget = PatientTab(db, runner, "en")
    qtbot.addWidget(widget)
    yield widget
    runner.shutdown()
    db.close()
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize(
    ("typed", "said"), [("王丽玲", "1 patient found"), ("5214", "2 patients found")]
)
def test_the_count_of_results_is_said_in_the_singular_or_the_plural(tab, typed, said):
    tab.search.setText(typed)
    tab.run_search()
    assert tab.count_label.text() == said
