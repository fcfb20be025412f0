#!/usr/bin/env bash
# Builds the frozen app (PyInstaller onedir) from build.spec into dist/SmartcardLinker/.
# Run on the target OS: PyInstaller does not cross-compile (the Windows onedir for the
# MSI is built on Windows; on Linux this is the frozen smoke build).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
# the app's translations, compiled fresh from the .ts sources (build.spec ships them)
"$PYTHON" scripts/translations.py compile
"$PYTHON" -m PyInstaller --noconfirm --clean \
  --distpath dist --workpath build/pyinstaller \
  build.spec "$@"
# The licences sit beside the exes, where an admin looks (the spec collects them into _internal).
for doc in LICENSE THIRD-PARTY-NOTICES.txt; do
  mv -f "dist/SmartcardLinker/_internal/$doc" "dist/SmartcardLinker/$doc"
done
echo "build_app: $(du -sm dist/SmartcardLinker | cut -f1) MiB in dist/SmartcardLinker" \
  "($(find dist/SmartcardLinker -type f | wc -l) files)"
