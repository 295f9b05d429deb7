"""The script editor's versions: kept, used, side by side, and what each gave."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.calls.script_store import list_scripts, versions_of
from clinicdesk.core.db import memory_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import log_contact
from clinicdesk.ui.dialogs.script_editor import ScriptEditor

pytestmark = pytest.mark.usefixtures("chinese")
TODAY = dt.date.today().isoformat()


@pytest.fixture
def editor(qtbot):
    db = memory_clinic()
    dialog = ScriptEditor(db, "zh_CN", None)
    qtbot.addWidget(dialog)
    row = next(
        i for i, s in enumerate(dialog.scripts) if s.reason == "recall" and s.language == "zh_CN"
    )
    dialog.list.setCurrentRow(row)
    yield dialog
    db.close()


def rows(editor):
    table = editor.versions.table
    return [[table.item(r, c).text() for c in range(6) if c != 1] for r in range(table.rowCount())]


def test_saving_keeps_the_old_version_and_uses_the_new(editor):
    editor.body.setPlainText("{称呼}好！第二种说法。")
    assert editor.save()
    assert [r[:2] for r in rows(editor)] == [["1", ""], ["2", "✓"]]


def test_a_new_version_can_run_beside_the_one_in_use(editor):
    editor.versions.side_by_side.setChecked(True)
    editor.body.setPlainText("{称呼}好！第二种说法。")
    assert editor.save()
    assert [r[:2] for r in rows(editor)] == [["1", "✓"], ["2", "✓"]]


def test_going_back_to_an_older_version_shows_its_words(editor):
    first = editor.body.toPlainText()
    editor.body.setPlainText("{称呼}好！第二种说法。")
    editor.save()
    editor.versions.table.selectRow(0)
    editor.versions.use_button.click()
    assert [r[:2] for r in rows(editor)] == [["1", "✓"], ["2", ""]]
    assert editor.body.toPlainText() == first


def test_each_versions_figures_are_the_contact_logs_counts(editor):
    db = editor.db
    editor.versions.side_by_side.setChecked(True)
    editor.body.setPlainText("{称呼}好！第二种说法。")
    editor.save()
    one, two = (v.id for v in versions_of(db, editor.current.id))
    pid = add_patient(db, name="王小明", mobile="13800138000")
    for version, outcomes in (
        (one, ["reached", "no_answer"]),
        (two, ["booked", "booked", "declined"]),
    ):
        for outcome in outcomes:
            log_contact(db, pid, outcome=outcome, contacted_at=TODAY, script_version_id=version)
    editor.versions.show_script(editor.current.id)
    assert rows(editor) == [["1", "✓", "2", "1", "0（0%）"], ["2", "✓", "3", "2", "2（67%）"]]
    assert list_scripts(db)  # the editor's scripts are still all there
