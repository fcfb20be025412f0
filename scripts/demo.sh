#!/usr/bin/env bash
# The README's first command: set this machine up, start the whole sandbox (identity provider,
# portal, private pcscd with virtual readers and cards) and run the link journey against it.
# With a display: the app and a card control window open. Without one: the journey runs
# unattended (self-test) and a screenshot of each page is saved in artifacts/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/linker-sandbox demo "$@"
