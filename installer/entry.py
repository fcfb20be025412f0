"""PyInstaller entry script of both frozen exes; the package's own __main__ does the work."""

import sys

from smartcard_linker.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
