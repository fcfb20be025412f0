"""``python -m linker_sandbox.processes.idp serve``."""

import sys

from linker_sandbox.processes.idp.cli import main

sys.exit(main())
