#!/usr/bin/env bash
# Runs every check: setup (idempotent), ruff, mypy, then the whole pytest suite against the
# real sandbox parts (private pcscd + virtual cards, identity provider, portal, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check src tests bench testkit scripts installer
.venv/bin/ruff format --check src tests bench testkit scripts installer
echo "== mypy"; .venv/bin/mypy
# The frozen app (PyInstaller onedir) the release ships, so tests/e2e/test_frozen_journey.py walks
# the journey through it rather than the source; then its smoke checks.
echo "== frozen app"
started=$SECONDS
bash scripts/build_app.sh --log-level WARN
bash scripts/smoke_frozen.sh --no-probe
echo "frozen app: built and smoke-tested in $((SECONDS - started)) s"
echo "== pytest"
set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
exit "$rc"
