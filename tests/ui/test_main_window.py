"""The main window: three tabs, the status bar, Chinese first."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from clinicdesk.core.db import open_clinic
from clinicdesk.resources import BUNDLED_FAMILY
from clinicdesk.ui.dialogs.import_dialog import ImportDialog
from clinicdesk.ui.fonts import apply_cjk_fonts, installed_cjk_families
from clinicdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_path):
    db = open_clinic(demo_path)
    win = MainWindow(db, demo_path)
    qtbot.addWidget(win)
    yield win
    win.runner.shutdown()  # no task's callback (a search's, say) reaches the closed file
    db.close()


def test_the_window_has_the_three_tabs_in_order(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Patient file", "Tier overview", "Call list"]


def test_in_chinese_the_tabs_use_the_clinics_words(chinese, qtbot, demo_path):
    db = open_clinic(demo_path)
    win = MainWindow(db, demo_path)
    qtbot.addWidget(win)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert titles == ["顾客档案", "分级概览", "回访清单"]
    qtbot.waitUntil(lambda: "1,992 位顾客" in win.status_label.text(), timeout=10_000)
    win.runner.shutdown()
    db.close()


def test_the_qt_base_translation_is_loaded_for_standard_buttons(chinese):
    assert len(chinese) == 2


def test_the_title_and_status_bar_name_the_clinic_and_its_size(window, demo_path, qtbot):
    assert window.windowTitle().startswith("悦颜医疗美容口腔门诊（演示）")
    qtbot.waitUntil(lambda: "1,992" in window.status_label.text(), timeout=10_000)
    assert str(demo_path) in window.status_label.text()  # archived ones are not counted


def test_the_application_font_falls_back_to_chinese_glyphs(qapp):
    families = apply_cjk_fonts(qapp)
    assert families[1:] == [*installed_cjk_families(), BUNDLED_FAMILY]
    metrics = QFontMetrics(QFont(families[1]))  # the system's CJK font, else the bundled one
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "顾客档案分级概览回访清单王曾单解")


def test_quit_closes_the_window(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    assert window.quit_action in window.menuBar().actions()[0].menu().actions()
    window.quit_action.trigger()  # after the day's backup
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)


def test_file_import_opens_the_import_dialog(window, qtbot):
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_self_test_passes(qapp, capsys):
    from clinicdesk import cli

    assert cli.main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "engine: ok" in out and "export pdf: ok" in out and out.strip().endswith("passed")


def test_the_self_test_checks_the_lifetime_value_model(qapp, capsys):
    from clinicdesk import cli

    assert cli.main(["--self-test"]) == 0
    assert "lifetime value: ok" in capsys.readouterr().out


def test_the_bundled_font_covers_common_chinese(qapp):
    from PySide6.QtGui import QFont, QFontMetrics

    from clinicdesk.ui.fonts import load_bundled_font

    assert load_bundled_font()
    metrics = QFontMetrics(QFont(BUNDLED_FAMILY))
    text = "顾客档案分级概览回访清单王曾单解欧阳娜娜￥１２８０，。"
    assert [ch for ch in text if not metrics.inFontUcs4(ord(ch))] == []


def test_a_clinic_path_with_a_placeholder_in_it_is_shown_as_it_is(qtbot, demo_path, tmp_path):
    import shutil

    folder = tmp_path / "分店%2备份%1"
    folder.mkdir()
    path = folder / "demo.db"
    shutil.copy(demo_path, path)
    db = open_clinic(path)
    win = MainWindow(db, path, "zh_CN")
    qtbot.addWidget(win)
    # the count is read on a reader
    qtbot.waitUntil(lambda: win.status_label.text().startswith(f"{path} · 1,992 "), timeout=10_000)
    win.runner.shutdown()
    db.close()


def test_fill_replaces_every_placeholder_in_one_pass():
    from clinicdesk.ui.translation import fill

    assert fill("%1 · %2 patients", "/data/%2", "1,992") == "/data/%2 · 1,992 patients"
    assert fill("top 20% of %1", "revenue") == "top 20% of revenue"
    assert fill("%1 and %3", "a") == "a and %3"


def test_the_window_names_codes_as_the_command_line_does(qtbot, demo_path):
    from clinicdesk.core import i18n
    from clinicdesk.ui.dialogs.campaign_dialog import CampaignDialog

    db = open_clinic(demo_path)
    win = MainWindow(db, demo_path, "en")
    qtbot.addWidget(win)
    buttons = {
        o: b.text().split(" ", 1)[1] for o, b in win.call_tab.entry_panel.outcome_buttons.items()
    }
    assert buttons == {o: i18n.code_name("outcome", o, "en") for o in buttons}
    dialog = CampaignDialog(db, "en", win)
    assert dialog.lapse["overdue"].text() == i18n.code_name("lapse", "overdue", "en") == "Overdue"
    assert dialog.rfm["at_risk"].text() == "At risk"
    win.runner.shutdown()
    db.close()


def test_the_call_list_follows_saved_runs_not_previews(qtbot, demo_copy):
    db = open_clinic(demo_copy)
    win = MainWindow(db, demo_copy)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.call_tab.model.rowCount() > 3, timeout=30_000)
    qtbot.waitUntil(lambda: not win.runner.busy(), timeout=30_000)
    before = win.call_tab.result
    tiers = win.tier_tab
    tiers.cutoffs.setCurrentIndex(tiers.cutoffs.findData("75/20/5"))
    with qtbot.waitSignal(tiers.computed, timeout=30_000):
        tiers.run(save=False)  # a preview: the tier overview only
    assert win.call_tab.result is before and win.segmentation is before
    with qtbot.waitSignal(tiers.saved, timeout=30_000):
        tiers.run(save=True)
    qtbot.waitUntil(lambda: not win.runner.busy(), timeout=30_000)
    assert win.call_tab.result is tiers.result and win.call_tab.result is not before
    win.runner.shutdown()
    db.close()


def test_the_window_module_leaves_matplotlib_to_the_first_chart():
    import subprocess
    import sys

    code = "import sys, clinicdesk.ui.main_window; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # 0.5-0.9 s of start-up, loaded on a reader later


def test_the_window_module_leaves_scipy_to_the_first_value_run():
    import subprocess
    import sys

    code = "import sys, clinicdesk.ui.main_window; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # 0.3-1.2 s of start-up; the fits run on a reader


def test_the_window_process_loads_the_pinyin_tables_before_any_window():
    """Their loading holds the GIL for up to 0.14 s in one C call: beside a visible window,
    on any thread, it froze the window that long."""
    import subprocess
    import sys

    code = (
        "import sys; from clinicdesk.app import application; "
        "before = 'pypinyin.phrases_dict' in sys.modules; application('zh_CN'); "
        "print(before, 'pypinyin.phrases_dict' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_the_window_starts_its_reads_once_it_is_built(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    win = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(win)
    assert win.runner.busy() and win.runner._readers.threads == []  # queued while it is built
    qtbot.waitUntil(lambda: win.status_label.text() != "", timeout=10_000)
    win.runner.shutdown()
    db.close()


def test_the_value_model_runs_once_the_call_list_is_built(qtbot, demo_copy, monkeypatch):
    from clinicdesk.ui.value_source import ValueSource

    seen = []  # at each value run: whether the call list was built already
    real = ValueSource.refresh

    def refresh(self, *args):
        seen.append(win.call_tab.day is not None)
        real(self, *args)

    monkeypatch.setattr(ValueSource, "refresh", refresh)
    db = open_clinic(demo_copy)
    win = MainWindow(db, demo_copy, "zh_CN")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: seen != [], timeout=30_000)
    assert seen[0] is True  # one busy thread fewer beside the list's build
    win.runner.shutdown()
    db.close()
