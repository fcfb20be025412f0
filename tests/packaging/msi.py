"""Reading a built MSI: tables as lists of dicts, the summary, the payload.

Linux reads with msitools (msiinfo, msiextract). Windows reads with the standard library's
``msilib`` (Windows Installer's own API), so the same table tests check the WiX-built MSI in
the release workflow.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PID_TEMPLATE = 7  # summary information: "platform;language"


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """Every row of table ``name`` (column name -> text; empty for a null); [] when absent."""
    if sys.platform == "win32":  # pragma: no cover - the Windows release workflow
        return _table_msilib(msi, name)
    # msiinfo writes a table's binary column (the Icon table's icons) to ./<table>/: scratch cwd
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            ["msiinfo", "export", str(msi.resolve()), name],
            capture_output=True,
            text=True,
            check=False,
            cwd=scratch,
        )
    if result.returncode != 0:
        return []  # the table does not exist in this package
    lines = result.stdout.replace("\r\n", "\n").split("\n")
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[3:] if line]


def _table_msilib(msi: Path, name: str) -> list[dict[str, str]]:  # pragma: no cover
    import msilib  # type: ignore[import-not-found,unused-ignore]

    db: Any = msilib.OpenDatabase(str(msi), msilib.MSIDBOPEN_READONLY)
    try:
        view = db.OpenView(f"SELECT * FROM `{name}`")  # noqa: S608 (our own table names)
    except msilib.MSIError:
        return []
    view.Execute(None)
    info = view.GetColumnInfo(msilib.MSICOLINFO_NAMES)
    columns = [info.GetString(i) for i in range(1, info.GetFieldCount() + 1)]
    rows = []
    while True:
        try:
            record = view.Fetch()
        except msilib.MSIError:
            break
        if record is None:
            break
        row = {}
        for i, column in enumerate(columns, start=1):
            if record.IsNull(i):
                row[column] = ""
            else:
                try:
                    row[column] = record.GetString(i)
                except msilib.MSIError:
                    row[column] = str(record.GetInteger(i))
        rows.append(row)
    view.Close()
    return rows


def summary(msi: Path) -> dict[str, str]:
    """Summary information; ``Template`` is "platform;language" on every platform."""
    if sys.platform == "win32":  # pragma: no cover
        import msilib  # type: ignore[import-not-found,unused-ignore]

        info: Any = msilib.OpenDatabase(str(msi), msilib.MSIDBOPEN_READONLY)
        template = info.GetSummaryInformation(0).GetProperty(PID_TEMPLATE)
        return {"Template": template.decode() if isinstance(template, bytes) else str(template)}
    out = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True
    ).stdout
    pairs = (line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return {key.strip(): value.strip() for key, value in pairs}


def stream(msi: Path, name: str) -> bytes:
    """One stream's bytes (``msiinfo extract``), e.g. an Icon table entry's ``Icon.<id>``."""
    return subprocess.run(
        ["msiinfo", "extract", str(msi), name], capture_output=True, check=True
    ).stdout


def extract(msi: Path, into: Path) -> None:
    subprocess.run(["msiextract", "-C", str(into), str(msi)], capture_output=True, check=True)
