"""The pre-flight: missing libraries of Qt's platform plugin are named with their packages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clinicdesk import cli, preflight

ROOT = Path(__file__).parents[2]
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="ldd on Linux"
)
SCREEN = {"DISPLAY": ":0"}


def _missing(*libraries: str):
    return lambda _path: list(libraries)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, ["xcb"]),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
        ({"XDG_SESSION_TYPE": "wayland"}, ["wayland", "xcb"]),
        ({"DISPLAY": ":0"}, ["xcb"]),
    ],
)
def test_the_plugins_qt_will_try(env, expected):
    assert preflight.platforms(env) == expected


@linux_only
def test_missing_libraries_are_named_with_their_debian_packages():
    error = preflight.check(SCREEN, _missing("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert error is not None
    text = error.message("zh_CN")
    assert "缺少这些系统库：libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "lacks these system libraries" in error.message("en")


@linux_only
def test_a_library_not_in_the_table_is_named_too():
    error = preflight.check(SCREEN, _missing("libxcb-cursor.so.0", "libnew-thing.so.3"))
    assert error is not None
    text = error.message("en")
    assert "apt-get install libxcb-cursor0" in text and "The package of libnew-thing.so.3" in text


@linux_only
def test_wayland_missing_but_xcb_complete_is_fine():
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}

    def find(path: Path) -> list[str]:
        return ["libwayland-cursor.so.0"] if "wayland" in path.name else []

    assert preflight.check(env, find) is None


@linux_only
def test_no_screen_is_said_before_qt_aborts():
    error = preflight.check({}, _missing())
    assert error is not None and error.key == "preflight.no_display"
    assert "xvfb-run" in error.message("zh_CN")


@linux_only
def test_offscreen_needs_no_screen_and_its_libraries_are_here():
    # The tests themselves run offscreen: its plugin must be complete on this machine.
    assert preflight.check({"QT_QPA_PLATFORM": "offscreen"}) is None


@linux_only
def test_every_library_of_the_installed_plugins_has_its_package_in_the_table():
    out = ""
    for name in ("xcb", "wayland", "offscreen"):
        plugin = preflight.plugin_file(name, {})
        assert plugin is not None
        out += subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    system = {line.split()[0] for line in out.splitlines() if "=>" in line and "Qt" not in line}
    libc = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "libgcc_s.so.1"}
    assert sorted(system - libc - set(preflight.PACKAGES)) == []


def _plugin_missing_a_library(tmp_path: Path) -> Path:
    """A copy of the xcb plugin whose libxcb-icccm dependency is renamed to one that does
    not exist: the loader finds everything else (Qt's libraries through $ORIGIN)."""
    real = preflight.plugin_file("xcb", {})
    assert real is not None
    folder = tmp_path / "plugins" / "platforms"
    folder.mkdir(parents=True)
    (tmp_path / "lib").symlink_to(real.parents[2] / "lib")
    data = real.read_bytes()
    assert data.count(b"libxcb-icccm.so.4\0") == 1
    (folder / "libqxcb.so").write_bytes(
        data.replace(b"libxcb-icccm.so.4\0", b"libxcb-icccX.so.4\0")
    )
    return folder


@linux_only
def test_the_loader_names_the_missing_library(tmp_path):
    folder = _plugin_missing_a_library(tmp_path)
    real = preflight.missing_libraries(preflight.plugin_file("xcb", {}))  # [] with X11's
    assert real is not None
    found = preflight.missing_libraries(folder / "libqxcb.so")
    assert found is not None and "libxcb-icccX.so.4" in found
    # Everything else is what the real plugin misses here: on a machine without X11's
    # libraries, libxcb-icccm stays missing too (Qt's libQt6XcbQpa needs it as well).
    assert set(found) - {"libxcb-icccX.so.4"} <= set(real)
    assert set(real) - {"libxcb-icccm.so.4"} <= set(found)


@linux_only
def test_the_window_refuses_to_start_and_exits_2_without_qt(tmp_path):
    folder = _plugin_missing_a_library(tmp_path)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "QT_QPA_PLATFORM_PLUGIN_PATH": str(folder),
        "DISPLAY": ":0",
        "CLINICDESK_LANG": "en",
        "PYTHONPATH": str(ROOT),
    }
    code = "import sys, clinicdesk.cli as c; r = c.main(sys.argv[1:]); print(sorted("
    code += "m for m in sys.modules if m.startswith('PySide6.Qt'))); sys.exit(r)"
    db = tmp_path / "x.db"
    out = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 2
    assert "libxcb-icccX.so.4" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout.strip() == "[]"  # Qt was never loaded
    assert not db.exists()


def test_the_cli_reports_the_problem_with_exit_2(monkeypatch, capsys):
    monkeypatch.setattr(
        preflight, "check", lambda: preflight.KnownError("preflight.no_display", plugin="xcb")
    )
    assert cli.main(["--lang", "en"]) == 2
    assert "there is no screen" in capsys.readouterr().err


@linux_only
def test_libraries_of_unknown_packages_only_are_named_without_an_empty_install_line():
    error = preflight.check(SCREEN, _missing("libnew-thing.so.3"))
    assert error is not None
    text = error.message("zh_CN")
    assert "libnew-thing.so.3" in text and "apt-get install" not in text
