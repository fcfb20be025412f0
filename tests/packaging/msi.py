"""Reading a built MSI with msitools (msiinfo, msiextract): tables as lists of dicts."""

from __future__ import annotations

import subprocess
from pathlib import Path


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """``msiinfo export MSI TABLE``: header, column types, key line, then tab-separated rows."""
    result = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return []  # the table does not exist in this package
    lines = result.stdout.replace("\r\n", "\n").split("\n")
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[3:] if line]


def summary(msi: Path) -> dict[str, str]:
    out = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True
    ).stdout
    pairs = (line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return {key.strip(): value.strip() for key, value in pairs}


def extract(msi: Path, into: Path) -> None:
    subprocess.run(["msiextract", "-C", str(into), str(msi)], capture_output=True, check=True)
