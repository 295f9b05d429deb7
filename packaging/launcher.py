"""The frozen program's entry point (PyInstaller runs this file).

The window's charts are drawn in a second process, this program started again with
`--chart-process` (see clinicdesk/charts/process.py): it serves them and nothing else.
"""

import sys

if sys.argv[1:] == ["--chart-process"]:
    from clinicdesk.charts.process import main
else:
    from clinicdesk.cli import main

sys.exit(main())
