"""The import dialog: preview in the background, correct a column, import, cancel."""

from __future__ import annotations

import datetime as dt
import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QMessageBox
from sqlite_utils import Database

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.importer import ImportOptions, ImportPlan, plan_import
from clinicdesk.ui.dialogs import import_preview
from clinicdesk.ui.dialogs.import_dialog import ImportDialog
from clinicdesk.workers.runner import TaskRunner
from tests.unit.core.importer.conftest import write_csv

ROWS = [
    ["YY001", "王小明", "138 0013 8000", "2023/5/6", "洁牙", "口腔", "￥1,280.00", "周建华", ""],
    ["YY002", "李娜", "", "昨天", "补牙", "口腔", "500", "", ""],
]


@pytest.fixture
def dialog(qtbot, clinic_path):
    runner = TaskRunner(clinic_path, "zh_CN")
    dlg = ImportDialog(runner, "zh_CN")
    qtbot.addWidget(dlg)
    yield dlg
    runner.shutdown()


def _preview(dialog, qtbot, path):
    with qtbot.waitSignal(dialog.runner.idle, timeout=10_000):
        dialog.set_source(path)


def test_the_preview_shows_the_mapping_and_the_parsed_rows(dialog, qtbot, tmp_path):
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS, "gbk"))
    assert "gb18030" in dialog.detected_label.text()
    combo = dialog.mapping_table.cellWidget(6, 2)
    assert isinstance(combo, QComboBox) and combo.currentData() == "amount"
    model = dialog.preview_model
    assert model.rowCount() == 2
    assert [model.index(0, c).data() for c in range(6)] == [
        "王小明",
        "YY001",
        "13800138000",
        "2023-05-06",
        "洁牙",
        "¥1,280",
    ]
    assert model.index(1, 6).data() == "日期“昨天”无法识别"
    vertical = Qt.Orientation.Vertical
    assert [model.headerData(r, vertical) for r in range(2)] == ["2", "3"]  # the file's rows
    refused = model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert refused.color() == QColor(Qt.GlobalColor.darkRed)
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert dialog.import_button.isEnabled()


def test_importing_writes_and_reports(dialog, qtbot, tmp_path, clinic_path):
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        dialog.import_button.click()
    assert (blocker.args[0].imported, blocker.args[0].rejected) == (1, 1)
    assert dialog.message_label.text().startswith("已导入“a.csv”。")
    assert dialog.report_button.isVisible() or not dialog.isVisible()
    assert Database(clinic_path).execute("SELECT count(*) FROM charges").fetchone() == (1,)


def test_a_finished_import_is_not_offered_again_until_the_file_is_chosen_again(
    dialog, qtbot, tmp_path
):
    # Done: Close is the button Enter presses; a second click on Import would only say
    # "0 imported, 1 duplicate". Choosing the file (or another) offers it again.
    path = write_csv(tmp_path / "a.csv", ROWS)
    _preview(dialog, qtbot, path)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert not dialog.import_button.isEnabled() and dialog.close_button.isDefault()
    _preview(dialog, qtbot, path)
    assert dialog.import_button.isEnabled() and not dialog.close_button.isDefault()


@pytest.fixture
def releases(monkeypatch) -> list[str]:
    """The threads plans let go of their rows on."""
    seen, release = [], ImportPlan.release

    def recorded(plan: ImportPlan) -> None:
        seen.append(threading.current_thread().name)
        release(plan)

    monkeypatch.setattr(ImportPlan, "release", recorded)
    return seen


def test_an_import_lets_go_of_its_rows_on_the_writer_once_written(
    dialog, qtbot, tmp_path, releases
):
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS))
    with qtbot.waitSignal(dialog.runner.idle, timeout=10_000):
        dialog.import_button.click()
    assert releases == ["clinicdesk-write-1"]  # not the window's thread (60 ms at 100,000)


def test_an_import_cancelled_as_its_reading_ended_lets_go_of_its_rows_on_a_reader(
    dialog, qtbot, tmp_path, clinic_path, releases
):
    plan = plan_import(Database(clinic_path), write_csv(tmp_path / "a.csv", ROWS), ImportOptions())
    cancelled = threading.Event()
    cancelled.set()
    dialog._import = SimpleNamespace(cancel_event=cancelled, done=True)  # the read ended
    with qtbot.waitSignal(dialog.runner.idle, timeout=10_000):
        dialog._on_planned(plan)
    assert [name.rsplit("-", 1)[0] for name in releases] == ["clinicdesk-read"]
    assert "Cancelled" in dialog.message_label.text() or "已取消" in dialog.message_label.text()
    assert Database(clinic_path).execute("SELECT count(*) FROM charges").fetchone() == (0,)


def test_correcting_a_column_previews_again(dialog, qtbot, tmp_path):
    header = ["顾客编号", "姓名", "日期", "金额"]
    _preview(
        dialog,
        qtbot,
        write_csv(tmp_path / "a.csv", [["K9", "李娜", "2023-05-06", "300"]], header=header),
    )
    combo = dialog.mapping_table.cellWidget(0, 2)
    assert combo.currentData() == ""
    with qtbot.waitSignal(dialog.runner.idle, timeout=10_000):
        combo.setCurrentIndex(combo.findData("card_no"))
    assert dialog.overrides == {"顾客编号": "card_no"}
    assert dialog.preview_model.index(0, 1).data() == "K9"


def test_a_file_that_is_not_a_table_is_explained_in_the_dialog(dialog, qtbot, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("尊敬的客户：\n感谢光临。\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.runner.idle, timeout=10_000):
        dialog.set_source(path)
    assert "不像账单导出表" in dialog.message_label.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_stops_the_import_and_the_file_is_unchanged(dialog, qtbot, tmp_path, clinic_path):
    rows = [
        [f"C{i % 500}", f"顾客{i % 500}", "", "2023-05-01", "洁牙", "口腔", "300", "", ""]
        for i in range(80_000)
    ]
    _preview(dialog, qtbot, write_csv(tmp_path / "big.csv", rows))
    with qtbot.waitSignal(dialog.runner.idle, timeout=30_000):
        dialog.import_button.click()
        assert dialog.close_button.text() == "Cancel" or dialog.close_button.text() == "取消"
        dialog.close_button.click()
    assert "已取消" in dialog.message_label.text() or "Cancelled" in dialog.message_label.text()
    assert Database(clinic_path).execute("SELECT count(*) FROM charges").fetchone() == (0,)
    assert dialog.import_button.isEnabled()


def test_the_progress_reaches_100_percent(dialog, qtbot, tmp_path):
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS))
    shown = []
    dialog.progress_bar.valueChanged.connect(shown.append)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert max(shown) == dialog.progress_bar.maximum()


def test_a_patient_saved_during_an_import_does_not_wait_for_it(
    dialog, qtbot, tmp_path, clinic_path, monkeypatch
):
    gate, reading = threading.Event(), threading.Event()
    real_plan = import_preview.plan_import

    def slow_plan(*args, **kwargs):  # the import is still reading its rows
        reading.set()
        gate.wait(10)
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(import_preview, "plan_import", slow_plan)
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS))
    dialog.import_button.click()
    assert reading.wait(10)
    saved = []
    dialog.runner.write(lambda task: add_patient(task.db, name="赵敏"), success=saved.append)
    qtbot.waitUntil(lambda: saved != [], timeout=5_000)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        gate.set()
    names = {r[0] for r in Database(clinic_path).execute("SELECT name FROM patients")}
    assert names == {"赵敏", "王小明"}


@pytest.fixture
def held_import(dialog, qtbot, tmp_path, monkeypatch):
    """An import started and held in its reading stage until `gate` is set."""
    gate, reading = threading.Event(), threading.Event()
    real_plan = import_preview.plan_import

    def slow_plan(*args, **kwargs):
        reading.set()
        gate.wait(10)
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(import_preview, "plan_import", slow_plan)
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS))
    dialog.show()
    dialog.import_button.click()
    assert reading.wait(10)
    yield gate
    gate.set()


@pytest.mark.parametrize("how", ["escape", "close"])
def test_escape_or_closing_during_an_import_asks_and_cancels(
    dialog, held_import, qtbot, clinic_path, monkeypatch, how
):
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: asked.append(1) or QMessageBox.StandardButton.Yes
    )
    if how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()
    assert asked == [1] and dialog.isVisible()
    with qtbot.waitSignal(dialog.runner.idle, timeout=10_000):
        held_import.set()
    assert dialog.message_label.text() == "Cancelled: the clinic file is unchanged."
    assert Database(clinic_path).execute("SELECT count(*) FROM charges").fetchone() == (0,)
    assert dialog.isVisible() and dialog.import_button.isEnabled()


def test_escape_during_an_import_can_let_it_go_on_in_sight(dialog, held_import, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        held_import.set()
    assert dialog.isVisible() and dialog.message_label.text().startswith("已导入“a.csv”。")


def test_when_an_import_is_done_the_window_shows_its_patients_tiers_and_calls(
    chinese, qtbot, clinic_path, tmp_path
):
    from clinicdesk.core.db import open_clinic
    from clinicdesk.ui.main_window import MainWindow

    db = open_clinic(clinic_path)
    window = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    assert "0 位顾客" in window.status_label.text()
    dialog = window.open_import_dialog()
    today = dt.date.today().isoformat()
    rows = [["YY001", "王小明", "13800138000", today, "洁牙", "口腔", "300", "", ""]]
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", rows))
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: "1 位顾客" in window.status_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    assert [r.patient_id for r in window.segmentation.tiers.rows] == [1]
    assert window.call_tab.count.text().startswith("今日 1 位（必打 0 · 按优先级 1）")
    window.close()
    db.close()


def test_closing_the_window_during_an_import_asks_first(qtbot, clinic_path, tmp_path, monkeypatch):
    from clinicdesk.core.db import open_clinic
    from clinicdesk.ui.main_window import MainWindow

    gate = threading.Event()
    real_plan = import_preview.plan_import
    monkeypatch.setattr(
        import_preview, "plan_import", lambda *a, **k: gate.wait(10) and real_plan(*a, **k)
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    db = open_clinic(clinic_path)
    window = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_import_dialog()
    _preview(dialog, qtbot, write_csv(tmp_path / "a.csv", ROWS))
    dialog.import_button.click()
    assert window.close() is False and window.isVisible() and dialog.importing()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        gate.set()
    window.close()  # after the day's backup
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    db.close()
