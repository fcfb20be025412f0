#!/usr/bin/env bash
# Builds the Smartcard Linker MSI with wixl (msitools) from a PyInstaller onedir.
#
#   installer/build_msi.sh [ONEDIR] [OUTPUT.msi]
#     ONEDIR  default dist/SmartcardLinker (the Windows onedir for a real package)
#     OUTPUT  default dist/SmartcardLinker-<version>.msi
#
# On Linux this is the CI check of the installer source: PyInstaller does not cross-compile,
# so a Linux-built onedir (or a stand-in directory) only exercises the MSI's tables. The
# production MSI is built on Windows from the Windows onedir (docs/deployment.md).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[[ -x "$PYTHON" ]] || PYTHON=python3

ONEDIR=$(realpath "${1:-$ROOT/dist/SmartcardLinker}")
[[ -d "$ONEDIR" ]] || { echo "build_msi: no onedir at $ONEDIR (run scripts/build_app.sh)" >&2; exit 1; }
[[ -f "$ONEDIR/SmartcardLinker.exe" || -f "$ONEDIR/SmartcardLinker" ]] \
  || { echo "build_msi: $ONEDIR has no SmartcardLinker executable" >&2; exit 1; }
for doc in LICENSE THIRD-PARTY-NOTICES.txt; do  # the licences ship in the MSI (build_app.sh)
  [[ -s "$ONEDIR/$doc" ]] || { echo "build_msi: $ONEDIR has no $doc" >&2; exit 1; }
done

VERSION=$(PYTHONPATH="$ROOT/src" "$PYTHON" -c 'import smartcard_linker; print(smartcard_linker.__version__)')
# MSI ProductVersion: major.minor.build, at most 255.255.65535 (wixl does not check).
if ! [[ "$VERSION" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] \
  || ((BASH_REMATCH[1] > 255 || BASH_REMATCH[2] > 255 || BASH_REMATCH[3] > 65535)); then
  echo "build_msi: version '$VERSION' is not a valid MSI version (major.minor.build ≤ 255.255.65535)" >&2
  exit 1
fi
OUTPUT=$(realpath -m "${2:-$ROOT/dist/SmartcardLinker-$VERSION.msi}")

"$PYTHON" "$HERE/gen_settings_wxs.py" --check

WORK=${MSI_WORKDIR:-$ROOT/build/msi}
mkdir -p "$WORK" "$(dirname "$OUTPUT")"
# wixl rejects absolute Source paths: harvest relative to the work directory.
REL=$(realpath --relative-to="$WORK" "$ONEDIR")
ICON=$(realpath --relative-to="$WORK" "$ROOT/resources/icons/smartcard-linker.ico")
(
  cd "$WORK"
  find "$REL" -type f | LC_ALL=C sort \
    | wixl-heat -p "$REL/" --directory-ref INSTALLDIR --component-group AppFiles \
        --var var.SourceDir --win64 >AppFiles.wxs
  wixl -a x64 -I "$HERE" -D Version="$VERSION" -D SourceDir="$REL" -D IconFile="$ICON" \
    -D Win64=yes \
    -o "$OUTPUT" "$HERE/SmartcardLinker.wxs" AppFiles.wxs 2>&1 \
    | { grep -v -e "has no property named '\(Secure\|Schedule\)'" -e '^$' || true; }
)
[[ -s "$OUTPUT" ]] || { echo "build_msi: wixl produced no MSI" >&2; exit 1; }

# What wixl ignores and WiX honours, set as WiX would (msibuild, from msitools):
#  - Secure="yes": every such property joins the WIX_* ones in SecureCustomProperties;
#  - MajorUpgrade Schedule="afterInstallInitialize": wixl puts RemoveExistingProducts after
#    InstallValidate (outside the transaction); WiX puts it right after InstallInitialize;
#  - the summary's language: wixl writes "x64;1033" whatever Languages= says.
secure=$(grep -ho 'Property Id="[A-Z0-9_]*" Secure="yes"' "$HERE/SmartcardLinker.wxs" "$HERE/Settings.wxi" \
  | sed 's/Property Id="\([A-Z0-9_]*\)".*/\1/' | LC_ALL=C sort -u | paste -sd';')
wix_secure=$(msiinfo export "$OUTPUT" Property | tr -d '\r' | awk -F'\t' '$1 == "SecureCustomProperties" { print $2 }')
language=$(sed -n 's/.*Languages="\([0-9]*\)".*/\1/p' "$HERE/SmartcardLinker.wxs")
initialize=$(msiinfo export "$OUTPUT" InstallExecuteSequence | tr -d '\r' \
  | awk -F'\t' '$1 == "InstallInitialize" { print $3 }')
msibuild "$OUTPUT" \
  -q "UPDATE \`Property\` SET \`Value\` = '${wix_secure:+$wix_secure;}$secure' WHERE \`Property\` = 'SecureCustomProperties'" \
  -q "UPDATE \`InstallExecuteSequence\` SET \`Sequence\` = $((initialize + 1)) WHERE \`Action\` = 'RemoveExistingProducts'"
uuid=$(msiinfo suminfo "$OUTPUT" | sed -n 's/^Revision number (UUID): //p')
author=$(msiinfo suminfo "$OUTPUT" | sed -n 's/^Author: //p')
subject=$(msiinfo suminfo "$OUTPUT" | sed -n 's/^Subject: //p')
msibuild "$OUTPUT" -s "$subject" "$author" "x64;$language" "$uuid"
echo "build_msi: $OUTPUT ($VERSION, $(du -k "$OUTPUT" | cut -f1) KB)"
