"""``python -m clinicdesk``: the same as the ``clinicdesk`` command."""

import sys

from clinicdesk.cli import main

sys.exit(main())
