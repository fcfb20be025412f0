"""Save what a widget shows as a PNG (for docs, reviews and end-to-end test evidence)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def save_png(widget: QWidget, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    if not widget.grab().save(str(target), "PNG"):
        raise OSError(f"could not save screenshot to {target}")
    return target
