"""The core never imports Qt or matplotlib: it must run in a worker and from the CLI."""

import subprocess
import sys

CODE = """
import pkgutil, sys
import clinicdesk.core, clinicdesk.cli
for info in pkgutil.walk_packages(clinicdesk.core.__path__, "clinicdesk.core."):
    __import__(info.name)
loaded = [m for m in sys.modules if m.startswith("clinicdesk.core.")]
print(len(loaded), sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "matplotlib")))
"""


def test_every_core_module_and_the_cli_load_without_qt_or_matplotlib():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    count, qt_modules = out.stdout.strip().split(" ", 1)
    assert int(count) >= 10
    assert qt_modules == "[]"
