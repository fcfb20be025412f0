#!/usr/bin/env bash
# Builds the production MSI with WiX (4 or later) on Windows, from the same WiX 3 sources wixl
# builds on Linux (installer/build_msi.sh): the sources are copied, `wix convert`ed, the onedir
# is harvested by installer/harvest_wxs.py, and `wix build` links them.
#
#   installer/windows/build_msi_wix.sh ONEDIR OUTPUT.msi VERSION
# VERSION is normally smartcard_linker.__version__; the release workflow also builds an older
# one from the same onedir for its upgrade test.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(dirname "$HERE")
PYTHON=${PYTHON:-python}
ONEDIR=$1 OUTPUT=$2 VERSION=$3

if ! [[ "$VERSION" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] \
  || ((BASH_REMATCH[1] > 255 || BASH_REMATCH[2] > 255 || BASH_REMATCH[3] > 65535)); then
  echo "build_msi_wix: '$VERSION' is not a valid MSI version" >&2
  exit 1
fi
for doc in LICENSE THIRD-PARTY-NOTICES.txt SmartcardLinker.exe; do
  [[ -s "$ONEDIR/$doc" ]] || { echo "build_msi_wix: $ONEDIR has no $doc" >&2; exit 1; }
done
"$PYTHON" "$HERE/gen_settings_wxs.py" --check

WORK="$ROOT/build/wix-$VERSION"
rm -rf "$WORK" && mkdir -p "$WORK" "$(dirname "$OUTPUT")"
cp "$HERE/SmartcardLinker.wxs" "$HERE/Settings.wxi" "$WORK/"
"$PYTHON" "$HERE/harvest_wxs.py" "$ONEDIR" "$WORK/AppFiles.wxs"
# `wix convert` rewrites the files in place and exits non-zero when it changed something.
wix convert "$WORK/SmartcardLinker.wxs" "$WORK/Settings.wxi" "$WORK/AppFiles.wxs" || true
wix build -arch x64 \
  -d Version="$VERSION" -d SourceDir="$(cygpath -w "$(realpath "$ONEDIR")")" \
  -d IconFile="$(cygpath -w "$ROOT/resources/icons/smartcard-linker.ico")" -d Win64=yes \
  -o "$OUTPUT" "$WORK/SmartcardLinker.wxs" "$WORK/AppFiles.wxs"
echo "build_msi_wix: $OUTPUT ($VERSION, $(du -k "$OUTPUT" | cut -f1) KB)"
