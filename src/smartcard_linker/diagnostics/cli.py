"""``smartcard-linker --diagnose [--json]``: print the report, exit 0 healthy or 5 problems."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from smartcard_linker.config import LoadedSettings
from smartcard_linker.exit_codes import EXIT_OK, EXIT_PROBLEMS_FOUND


def run_diagnose(loaded: LoadedSettings, *, as_json: bool, log_dir: Path | None) -> int:
    from smartcard_linker.diagnostics.render import as_json_text, as_text
    from smartcard_linker.diagnostics.runner import collect

    report = collect(loaded, log_dir=log_dir)
    sys.stdout.write(as_json_text(report) + "\n" if as_json else as_text(report))
    sys.stdout.flush()
    code = EXIT_OK if report.healthy else EXIT_PROBLEMS_FOUND
    if any(t.name.startswith("diag-") for t in threading.enumerate()):
        # A lookup or driver call is still stuck: do not let interpreter shutdown
        # (module finalisers, atexit) wait on it. Everything is printed already.
        sys.stderr.flush()
        os._exit(code)
    return code
