"""Translation sources (.ts) and compiled catalogues (.qm) for the app.

    .venv/bin/python scripts/translations.py update    # lupdate: refresh every .ts from the code
    .venv/bin/python scripts/translations.py compile   # lrelease: .ts -> ui/resources/i18n/*.qm
    .venv/bin/python scripts/translations.py status    # per language: total, translated, left

The .qm files are build output (never committed): scripts/setup.sh and scripts/build_app.sh
compile them, build.spec ships them. lupdate reads every module of the app, so it sees Qt's
``tr()``/``QCoreApplication.translate()`` in the UI and the flow's ``msg(context, text)`` and
``QT_TRANSLATE_NOOP(context, text)`` marks (the flow stays free of Qt). See docs/translating.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "src" / "smartcard_linker"
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = APP / "ui" / "resources" / "i18n"
# msg(context, text) is the flow's Qt-free twin of QCoreApplication.translate(context, text).
ALIASES = "translate+=msg"


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        raise SystemExit(f"translations: {name} not found (install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in APP.rglob("*.py"))


def ts_files() -> list[Path]:
    return sorted(TS_DIR.glob("smartcard_linker_*.ts"))


def lupdate(ts: Path) -> None:
    """Refresh ``ts`` from the code: new texts added unfinished, vanished ones dropped."""
    subprocess.run(
        [
            _tool("lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-tr-function-alias",
            ALIASES,
            *sources(),
            "-ts",
            str(ts),
        ],
        check=True,
    )


def compile_all(out_dir: Path = QM_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in ts_files():
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def counts(ts: Path) -> tuple[int, int]:
    """(messages, translated) in one .ts file."""
    root = ET.parse(ts).getroot()  # noqa: S314 - our own checked-in file
    messages = root.findall("context/message")
    done = [
        m
        for m in messages
        if (t := m.find("translation")) is not None
        and t.get("type") not in ("unfinished", "obsolete", "vanished")
        and (t.text or "").strip()
    ]
    return len(messages), len(done)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "update":
        for ts in ts_files():
            lupdate(ts)
            print(f"translations: updated {ts.relative_to(ROOT)}")
    elif command == "compile":
        for qm in compile_all():
            print(f"translations: built {qm.relative_to(ROOT)}")
    elif command == "status":
        for ts in ts_files():
            total, done = counts(ts)
            print(f"{ts.name}: {total} strings, {done} translated, {total - done} left")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
