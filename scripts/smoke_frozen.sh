#!/usr/bin/env bash
# Frozen smoke test of the PyInstaller onedir (run scripts/build_app.sh first).
#   1. --version and --print-config of the frozen exe, checked by their output and exit codes;
#   2. the windowed exe starts its window (Qt offscreen) and is still running after a few
#      seconds, with a log file and no crash (portal on a closed loopback port);
#   3. unless --no-probe: a throwaway probe built from the same spec (installer/probe.spec)
#      imports every app module, pyscard's SWIG module, the keyring backends (entry points),
#      msal and pkcs11 frozen, and checks the portal and sandbox are absent.
# Exit 0 when all pass; prints one line per check.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DIST=${DIST:-dist/SmartcardLinker}
PROBE=1
[[ "${1:-}" == "--no-probe" ]] && PROBE=0

ext=""
[[ "$(uname -s)" == MINGW* || "$(uname -s)" == MSYS* ]] && ext=".exe"
DEBUG_EXE="$DIST/SmartcardLinker-debug$ext"
if [[ ! -x "$DEBUG_EXE" ]]; then
  echo "smoke: frozen build not found at $DIST, run scripts/build_app.sh" >&2
  exit 1
fi
[[ -x "$DIST/SmartcardLinker$ext" ]] || { echo "FAIL windowed exe missing" >&2; exit 1; }

failures=0
check() {  # check NAME EXPECTED_RC PATTERN -- command...
  local name=$1 want_rc=$2 pattern=$3; shift 4
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  if [[ $rc -eq $want_rc ]] && grep -Eq -- "$pattern" <<<"$out"; then
    echo "ok   $name"
  else
    echo "FAIL $name (exit $rc, wanted $want_rc; output did not match /$pattern/):"
    sed 's/^/     | /' <<<"$out" | head -40
    failures=$((failures + 1))
  fi
}

# A clean, throwaway profile: no user config, no stray SMARTCARD_LINKER_* settings.
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
for var in $(env | grep -o '^SMARTCARD_LINKER_[A-Z_]*' || true); do unset "$var"; done
export HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/config" XDG_STATE_HOME="$SCRATCH/state"
export XDG_CACHE_HOME="$SCRATCH/cache" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"

VERSION=$("$PYTHON" -c 'import sys; sys.path.insert(0, "src"); import smartcard_linker as s; print(s.__version__)')
VERSION_RE=${VERSION//./\\.}
# The settings-problem exit code (smartcard_linker/exit_codes.py), never 1 or 2 (Shell Launcher).
EXIT_CONFIG=$("$PYTHON" -c 'import sys; sys.path.insert(0, "src"); from smartcard_linker.exit_codes import EXIT_CONFIG; print(EXIT_CONFIG)')

check "--version (debug exe)" 0 "^Smartcard Linker $VERSION_RE\$" -- "$DEBUG_EXE" --version
if [[ -z "$ext" ]]; then  # a Windows GUI exe has no console to print to
  check "--version (windowed exe)" 0 "^Smartcard Linker $VERSION_RE\$" -- "$DIST/SmartcardLinker" --version
fi
check "--print-config, nothing set: exit $EXIT_CONFIG naming the missing settings" "$EXIT_CONFIG" \
  "portal_url: is required" -- "$DEBUG_EXE" --print-config
check "--print-config, environment layer" 0 \
  "portal_url +=.*https://portal\.example\.test/ +<- environment" -- \
  env SMARTCARD_LINKER_PORTAL_URL=https://portal.example.test/ \
  SMARTCARD_LINKER_CLIENT_ID=11111111-2222-3333-4444-555555555555 \
  SMARTCARD_LINKER_API_SCOPE=api://link/.default "$DEBUG_EXE" --print-config
cat >"$SCRATCH/config.toml" <<'TOML'
portal_url = "https://file.example.test/"
client_id = "from-file"
api_scope = "api://link/.default"
kiosk_mode = true
TOML
check "--print-config, --config file layer" 0 \
  "kiosk_mode +=.*True +<- user file" -- "$DEBUG_EXE" --print-config --config "$SCRATCH/config.toml"
check "--print-config, --set fills what the file leaves" 0 \
  "product_name +=.*NHS\.net Connect +<- command line" -- "$DEBUG_EXE" --print-config \
  --config "$SCRATCH/config.toml" --set "product_name=NHS.net Connect"
check "--print-config, bad value reported, exit $EXIT_CONFIG" "$EXIT_CONFIG" "log_level: expected one of" -- \
  "$DEBUG_EXE" --print-config --config "$SCRATCH/config.toml" --set log_level=LOUD

# The GUI: started, still up after GUI_SECONDS (timeout's exit 124), logged, not crashed.
GUI_SECONDS=${GUI_SECONDS:-6}
gui_rc=0
env SMARTCARD_LINKER_PORTAL_URL=https://127.0.0.1:9/ SMARTCARD_LINKER_CLIENT_ID=smoke \
  SMARTCARD_LINKER_API_SCOPE=api://smoke/.default \
  timeout "$GUI_SECONDS" "$DEBUG_EXE" --log-dir "$SCRATCH/logs" >"$SCRATCH/gui.out" 2>&1 || gui_rc=$?
LOG="$SCRATCH/logs/smartcard-linker.log"
if [[ $gui_rc -eq 124 ]] && grep -q "Smartcard Linker $VERSION_RE starting" "$LOG" 2>/dev/null \
  && ! grep -Eq "CRITICAL|unexpected error|Traceback" "$LOG" "$SCRATCH/gui.out"; then
  echo "ok   window up for ${GUI_SECONDS}s (offscreen), log written, no crash"
else
  echo "FAIL window start (exit $gui_rc; 124 = still running, as wanted):"
  cat "$SCRATCH/gui.out" "$LOG" 2>/dev/null | sed 's/^/     | /' | head -40
  failures=$((failures + 1))
fi

# Licences beside the exes (and so in the MSI).
if [[ -s "$DIST/LICENSE" ]] && grep -q "^pyscard " "$DIST/THIRD-PARTY-NOTICES.txt" 2>/dev/null \
  && grep -Eq "^PySide6[-_]Essentials " "$DIST/THIRD-PARTY-NOTICES.txt"; then
  echo "ok   LICENSE and THIRD-PARTY-NOTICES.txt (PySide6, pyscard, ...) in the onedir"
else
  echo "FAIL LICENSE or THIRD-PARTY-NOTICES.txt missing or incomplete in $DIST"
  failures=$((failures + 1))
fi

if [[ -z "$ext" ]]; then
  # Trimming kept every library something still links: none unresolved (Linux).
  unresolved=$(find "$DIST/_internal" -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH="$DIST/_internal:$DIST/_internal/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null \
    | grep "not found" | sort -u || true)
  if [[ -z "$unresolved" ]]; then
    echo "ok   every bundled library resolves its dependencies"
  else
    echo "FAIL bundled libraries with unresolved dependencies:"; sed 's/^/     | /' <<<"$unresolved"
    failures=$((failures + 1))
  fi
  # The real desktop platform plugin (xcb) on a virtual X server, when one is installed.
  if command -v xvfb-run >/dev/null; then
    xcb_rc=0
    env SMARTCARD_LINKER_PORTAL_URL=https://127.0.0.1:9/ SMARTCARD_LINKER_CLIENT_ID=smoke \
      SMARTCARD_LINKER_API_SCOPE=api://smoke/.default QT_QPA_PLATFORM=xcb \
      xvfb-run -a timeout "$GUI_SECONDS" "$DEBUG_EXE" --log-dir "$SCRATCH/xcb-logs" \
      >"$SCRATCH/xcb.out" 2>&1 || xcb_rc=$?
    if [[ $xcb_rc -eq 124 ]] && ! grep -Eq "Could not load the Qt platform|Traceback" "$SCRATCH/xcb.out"; then
      echo "ok   window up for ${GUI_SECONDS}s on xcb (Xvfb)"
    else
      echo "FAIL window on xcb (exit $xcb_rc):"; sed 's/^/     | /' "$SCRATCH/xcb.out" | head -20
      failures=$((failures + 1))
    fi
  fi
fi

if [[ $PROBE -eq 1 ]]; then
  "$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath build/probe-dist \
    --workpath build/probe-work installer/probe.spec >"$SCRATCH/probe-build.log" 2>&1 \
    || { cat "$SCRATCH/probe-build.log"; echo "FAIL probe build"; exit 1; }
  check "frozen imports: app modules, pyscard, keyring backends, msal, pkcs11; no portal/sandbox" \
    0 "^probe: ok" -- "build/probe-dist/SmartcardLinkerProbe/SmartcardLinkerProbe-debug$ext"
fi

if [[ $failures -gt 0 ]]; then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: all checks passed ($(du -sm "$DIST" | cut -f1) MB onedir)"
