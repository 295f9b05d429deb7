"""The composition root of the window: QApplication, fonts, translations, MainWindow."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

from clinicdesk import paths
from clinicdesk.charts import process as chart_process
from clinicdesk.core import db as clinic_db
from clinicdesk.core import i18n
from clinicdesk.core.backup import newest_sound, remove_stale_copies, restore
from clinicdesk.core.db import open_clinic, unfinished
from clinicdesk.core.errors import KnownError
from clinicdesk.core.lock import ClinicLock
from clinicdesk.core.pinyin import load_tables
from clinicdesk.core.private import private_folder
from clinicdesk.logs import describe_crash, setup_logging
from clinicdesk.ui.dialogs.progress_window import wait_for
from clinicdesk.ui.fonts import apply_cjk_fonts
from clinicdesk.ui.main_window import MainWindow
from clinicdesk.ui.tier_charts import TierCharts
from clinicdesk.ui.translation import install_translators
from clinicdesk.workers.errors import as_known
from clinicdesk.workers.runner import finish_all

SCREEN = (1366, 768)  # the reception PC we design for


_DAMAGED = ("db.corrupt", "db.not_a_clinic_file")  # what a damaged clinic file raises


def application(language: str) -> QApplication:
    """The QApplication, with CJK fonts and the translations of `language`, and what the
    window's process must load before it shows a window."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    # The GUI thread shares the GIL with the task runner's threads, and takes it again at
    # every call from Qt into Python (a model's `data`, a filter's row): with a busy worker
    # each such call waited up to the switch interval. At Python's default 5 ms, two busy
    # workers kept a 10 ms timer waiting up to 156 ms; at 1 ms, 74 ms, but a call-list
    # reset (3,441 filtered rows) took 343-666 ms and a patient-list repaint 185-287 ms
    # beside two threads of bytecode; at 50 µs, 62 ms and 41-58 ms (3 ms and 12 ms idle),
    # while the two threads got as much done as at 1 ms (within this 2-core machine's noise).
    sys.setswitchinterval(0.00005)
    load_tables()  # holds the GIL for up to 0.14 s: before any window, never beside one
    app.setApplicationName("ClinicDesk")
    app.setOrganizationName("ClinicDesk")
    apply_cjk_fonts(app)
    install_translators(app, language)
    return app


def window_process(language: str) -> QApplication:
    """`application`, in the process that shows the window: its charts are drawn in a
    chart process of their own, started now (`charts.process`: matplotlib's drawing holds
    the GIL, which the window needs), while the window is built."""
    app = application(language)
    chart_process.start()
    return app


def open_window(path: Path, language: str) -> MainWindow | None:
    """A main window on the clinic file at `path`, or None after telling the user why it
    cannot be opened.

    A file another window already has open is opened only if the user says so (two
    windows writing one file can confuse each other). A file damaged where opening reads
    it (the header, the schema) is not opened: its newest sound backup is offered. The
    whole file is checked later, in the background (`ui.file_check`), not here: at
    100,000 patients a full check reads 600 MB, 15 s before any window.
    """
    opened = _open_file(path, language)
    return None if opened is None else _window_on(*opened, path, language)


def _open_file(path: Path, language: str) -> tuple[Database, ClinicLock] | None:
    """The clinic file at `path` opened (checked where opening reads it, migrated) with
    its lock held, or None after telling the user why not: `open_window`'s first half."""
    private_folder(path.parent)
    lock = ClinicLock(path)  # the lock the commands that change the file respect too
    try:
        if (
            not lock.try_acquire(0.1)
            and QMessageBox.question(
                None,
                "ClinicDesk",
                i18n.message("app.already_open", language, path=path),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return None
        remove_stale_copies(paths.backups_dir(), path.parent)  # left by a killed backup
    except KnownError as exc:
        QMessageBox.critical(None, "ClinicDesk", exc.message(language))
        return None
    db = _open(path, language, lock)
    if db is None:
        lock.release()
        return None
    return db, lock


def _window_on(db: Database, lock: ClinicLock, path: Path, language: str) -> MainWindow:
    """The main window on a file `_open_file` opened: `open_window`'s second half."""
    window = MainWindow(db, path, language)
    window.lock = lock  # held while the window lives
    window.file_check.opened()

    def release(_obj: object = None) -> None:
        db.close()
        lock.release()

    window.destroyed.connect(release)
    window.open_requested.connect(
        lambda new_path, notice: _switch(window, new_path, language, notice)
    )
    return window


def _open(path: Path, language: str, lock: ClinicLock, *, again: bool = True) -> Database | None:
    """The clinic file opened and migrated, or None after saying why not."""
    try:
        _upgrade(path, language)
        _undo_interrupted_import(path, language, lock)
        return open_clinic(path, lock=lock)
    except KnownError as exc:
        if exc.key not in _DAMAGED or not again:
            QMessageBox.critical(None, "ClinicDesk", exc.message(language))
            return None
    try:  # damaged where opening reads (the header, the schema): its newest sound backup
        if _offer_backup(path, language, lock):
            return _open(path, language, lock, again=False)
    except KnownError as exc:
        QMessageBox.critical(None, "ClinicDesk", exc.message(language))
    return None


def _upgrade(path: Path, language: str) -> None:
    """A file of an older version is upgraded off the GUI thread, with a progress window:
    at 100,000 patients its migrations can take half a minute, which must not look like
    a program that hangs before its window.

    Raises:
        KnownError: the file cannot be opened or upgraded (nothing is half-done: each
            migration is one transaction).
    """
    if clinic_db.pending_upgrades(path):
        text = i18n.message("app.upgrading", language)
        wait_for(lambda task: clinic_db.upgrade_clinic(path, task.progress), "ClinicDesk", text)


def _undo_interrupted_import(path: Path, language: str, lock: ClinicLock) -> None:
    """An import the program died in (a crash, a power cut) is undone before the window
    opens, off the GUI thread with a progress window: at 100,000 patients that takes
    seconds. Only with the lock: without it, another window's import may be under way.

    Raises:
        KnownError: the file cannot be read or written.
    """
    if lock.held and unfinished.interrupted(path):
        text = i18n.message("app.undoing_import", language)
        wait_for(lambda task: unfinished.undo_interrupted(path, task.progress), "ClinicDesk", text)


def _offer_backup(path: Path, language: str, lock: ClinicLock) -> bool:
    """The file is damaged: offer the newest sound backup (every backup is checked off
    the GUI thread, with a progress window); True if it was restored.

    Raises:
        KnownError: another window has the file (it must not be replaced under it).
    """
    if not lock.held:
        raise KnownError("db.in_use", path=str(path))
    title, text = "ClinicDesk", i18n.message("app.checking_backups", language)
    newest = wait_for(
        lambda task: newest_sound(paths.backups_dir(), path.stem, task.cancel), title, text
    )
    if newest is None:
        QMessageBox.critical(
            None, "ClinicDesk", i18n.message("app.damaged_no_backup", language, path=path)
        )
        return False
    question = i18n.message("app.damaged", language, path=path, backup=newest.path.name)
    answer = QMessageBox.question(None, "ClinicDesk", f"{question}\n\n{newest.summary(language)}")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    text = i18n.message("app.restoring", language)
    wait_for(lambda _task: restore(newest.path, path, paths.backups_dir(), checked=newest),
             title, text)  # fmt: skip
    logging.getLogger("clinicdesk").warning("a damaged clinic file was replaced by its backup")
    return True


def _switch(window: MainWindow, path: Path, language: str, notice: str = "") -> None:
    """Replace `window` by one on the file at `path` (a restore reopens its own file), in
    four turns of the event loop: the file opened (its checks and migrations: 15-40 ms at
    100,000 patients, more on a file just restored), the new window built (55-75 ms),
    the old one closed (its settings saved, its models freed), the new one shown. In one
    turn, opening and building stalled the window 101-204 ms."""
    if path == window.path and window.lock is not None:
        window.lock.release()  # reopening its own file (after a restore): not another window
    opened = _open_file(path, language)
    if opened is None:
        if path == window.path and window.lock is not None:
            window.lock.try_acquire()  # still on its file: keep holding it
        return

    def build() -> None:
        if not shiboken6.isValid(window):  # gone meanwhile: nothing to replace
            db, lock = opened
            db.close()
            lock.release()
            return
        _replace(window, _window_on(*opened, path, language), path, notice)

    QTimer.singleShot(0, build)


def _replace(window: MainWindow, replacement: MainWindow, path: Path, notice: str) -> None:
    def show() -> None:
        replacement.show()
        if notice:
            replacement.statusBar().showMessage(notice)

    def switch() -> None:
        paths.remember_clinic(path)
        window.deleteLater()
        QTimer.singleShot(0, replacement, show)  # its layout in a turn of its own too

    def close_old() -> None:
        window.closed.connect(switch)  # at once, or after the backup before closing
        if not window.close() and not window.backups.closing_under_way():
            window.closed.disconnect(switch)  # the user stayed
            replacement.discard()

    QTimer.singleShot(0, window, close_old)


def install_crash_dialog(language: str) -> Path:
    """Log every unhandled error and tell the user, instead of vanishing; returns the log."""
    log_path = setup_logging(paths.log_dir())

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        known = as_known(error) if isinstance(error, Exception) else error
        if isinstance(known, KnownError) and QApplication.instance() is not None:
            # A write on the window's own connection met a busy or read-only file: say so;
            # the slot stopped before changing anything, so the edits are still there.
            QMessageBox.warning(None, "ClinicDesk", known.message(language))
            return
        logging.getLogger("clinicdesk").error(
            "unhandled error: %s", describe_crash(kind, error, tb)
        )
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "ClinicDesk",
                i18n.message("app.crash", language, error=kind.__name__, log=log_path),
            )

    sys.excepthook = hook
    return log_path


def run(path: Path, language: str, *, missing: Path | None = None) -> int:
    """Open the window on the clinic file at `path`; returns the exit status.

    A `path` that does not exist is never created silently: the first start's choice
    comes first (create a clinic there, open an existing file, or look around in the
    demo). `missing` is this PC's current clinic when it is not there any more, which the
    choice names. The file opened becomes this PC's current clinic.
    """
    app = window_process(language)
    install_crash_dialog(language)
    if not path.exists():
        chosen = _first_run(path, language, missing)
        if chosen is None:
            return 0
        path = chosen
    logging.getLogger("clinicdesk").info("opening the window")
    window = open_window(path, language)
    if window is None:
        return 2
    paths.remember_clinic(path)
    window.show()
    status = app.exec()
    finish_all()  # no task left running as the process ends
    return status


def _first_run(target: Path, language: str, missing: Path | None) -> Path | None:
    from clinicdesk.ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(target, language, missing=missing)
    return dialog.chosen if dialog.exec() else None


def screenshots(path: Path, language: str, folder: Path) -> int:
    """Open the window offscreen at 1366×768, wait for the engine, save one PNG per tab and
    one of an open patient file, close it as a user would (its backup, if due, made to
    the end); returns 0. For the README and for checking without a screen."""
    app = window_process(language)
    window = open_window(path, language)
    if window is None:
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*SCREEN)
    window.show()
    _wait(app, lambda: window.segmentation is not None, seconds=60)
    value = window.value
    _wait(app, lambda: not value.running and (value.overview or value.error), seconds=60)
    tab, calls = window.patient_tab, window.call_tab
    for index, name in enumerate(("patient-file", "tier-overview", "call-list")):
        window.tabs.setCurrentIndex(index)
        if index == 0 and tab.model.rowCount():
            tab.view.selectRow(0)
        if index == 2:  # the list is rebuilt once the values arrive: its picture is the new one
            _wait(app, lambda: not calls.building, seconds=60)
        _wait(app, lambda: False, seconds=0.3)
        window.grab().save(str(folder / f"{name}.png"))
    _predicted_value_shot(app, window, folder)
    window.tabs.setCurrentIndex(0)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    window.close()  # with the backup before closing when one is due: wait for it
    _wait(app, lambda: bool(closed), seconds=600)
    finish_all()  # no task left running as the process ends
    return 0


def _predicted_value_shot(app: QApplication, window: MainWindow, folder: Path) -> None:
    """The tier overview on its measure "predicted value", once its charts are drawn, and
    the file of the first patient on its "valuable but slipping" list."""
    tiers = window.tier_tab
    window.tabs.setCurrentWidget(tiers)
    tiers.measure.setCurrentIndex(tiers.measure.findData("predicted"))
    view = tiers.value_view
    _wait(app, lambda: view is None or _drawn_to_size(view.charts), seconds=30)
    _wait(app, lambda: False, seconds=0.3)
    window.grab().save(str(folder / "tier-predicted-value.png"))
    tiers.measure.setCurrentIndex(0)
    if view is not None and view.slipping.rows:  # a valuable patient slipping away
        tiers.open_patient.emit(view.slipping.rows[0].patient_id)
        _wait(app, lambda: False, seconds=0.3)
        window.grab().save(str(folder / "patient-file-slipping.png"))


def _drawn_to_size(charts: TierCharts) -> bool:
    """Whether the charts on screen were drawn for the widget's present size (a render for
    the size it had while hidden may come first)."""
    picture = charts.picture
    return picture is not None and picture.size[0] == max(charts.width(), 400)


def _wait(app: QApplication, done: object, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not done():  # type: ignore[operator]
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _value_shown(window: MainWindow) -> bool:
    """Whether the value run arrived and the patient file shows it for a patient."""
    overview, file = window.value.overview, window.patient_tab.file
    if overview is None or file.value_line is None or not len(overview.assigned.ids):
        return False
    window.patient_tab.open_patient(int(overview.assigned.ids[0]))
    return bool(file.value_line.toolTip())  # set only while the line shows numbers


def self_test(language: str) -> int:
    """Open the window offscreen on a temporary demo clinic, run the engine, build the call
    list and export it; prints what it checked and returns 0 when all went well."""
    import os
    import tempfile

    from clinicdesk.core.demo import build_demo

    app = window_process(language)
    home = os.environ.get("CLINICDESK_HOME")
    with tempfile.TemporaryDirectory(prefix="clinicdesk-self-test-") as name:
        folder = Path(name)
        os.environ["CLINICDESK_HOME"] = name  # backups and settings stay in the temp folder
        path = folder / "demo.db"
        build_demo(path, patients=300, seed=7)
        window = open_window(path, language)
        if window is None:
            return 1
        window.resize(*SCREEN)
        window.show()
        checks = {
            "engine": lambda: window.segmentation is not None,
            "call list": lambda: window.call_tab.model.rowCount() > 0,
            # The models fitted in the window's worker (SciPy works in this build), and the
            # patient file shows their forecast.
            "lifetime value": lambda: _value_shown(window),
            # Drawn in the chart process (this build starts itself as one).
            "charts": lambda: (
                window.tier_tab.charts.picture is not None and chart_process.running()
            ),
        }
        failed = []
        for label, done in checks.items():
            _wait(app, done, seconds=60)
            print(f"{label}: {'ok' if done() else 'FAILED'}")
            if not done():
                failed.append(label)
        for suffix in ("xlsx", "pdf"):
            target = folder / f"calls.{suffix}"
            handle = window.call_tab.export(target)  # in the background
            _wait(app, lambda h=handle: h.done, seconds=60)
            ok = target.exists() and target.stat().st_size > 1000
            print(f"export {suffix}: {'ok' if ok else 'FAILED'}")
            if not ok:
                failed.append(suffix)
        window.close()
        window.deleteLater()
        _wait(app, lambda: False, seconds=0.2)
        finish_all()  # no task left running as the process ends (nor in the temp folder)
    if home is None:
        os.environ.pop("CLINICDESK_HOME", None)
    else:
        os.environ["CLINICDESK_HOME"] = home
    print("self-test " + ("passed" if not failed else "FAILED: " + ", ".join(failed)))
    return 1 if failed else 0
