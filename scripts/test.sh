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
echo "== pytest"
set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
exit "$rc"
