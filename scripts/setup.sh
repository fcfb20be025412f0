#!/usr/bin/env bash
# Sets up a Debian machine (as root) for Smartcard Linker: system packages, then a
# virtual environment in .venv with the app, the portal, the sandbox and the test tools.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # smart cards: PC/SC daemon, virtual reader driver, OpenSC PKCS#11, SoftHSM
  pcscd libpcsclite-dev vsmartcard-vpcd opensc opensc-pkcs11 softhsm2 pcsc-tools
  # building pyscard
  gcc swig python3-dev
  # the portal's PostgreSQL tests
  postgresql
  # Qt (offscreen and Xvfb) runtime libraries, a virtual screen and fonts
  xvfb xauth libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libglib2.0-0 fonts-dejavu-core
  # driving the frozen app by keys on a virtual X server (tests/e2e/test_frozen_journey.py)
  xdotool
  # inspecting MSI packages
  wixl msitools
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -e "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,build]'
  rm -f .venv/.installed-* && touch "$stamp"
fi
# the compiled translations (.qm) are build output, made from resources/translations/*.ts
.venv/bin/python scripts/translations.py compile
echo "setup: ready (.venv)"
