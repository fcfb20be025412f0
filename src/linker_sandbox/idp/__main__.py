"""``python -m linker_sandbox.idp serve``."""

import sys

from linker_sandbox.idp.cli import main

sys.exit(main())
