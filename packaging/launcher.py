"""The frozen program's entry point (PyInstaller runs this file)."""

import sys

from clinicdesk.cli import main

sys.exit(main())
