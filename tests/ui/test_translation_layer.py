"""Every word a person sees goes through the translation layer (Qt's tr for widget text, the
catalogue's templates for the flow's messages), and the Welsh catalogue matches the code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.i18n import set_language
from smartcard_linker.ui.main_window import MainWindow
from tests.ui.page_states import DATA, STATES
from tests.ui.states import journey
from tests.ui.words import WELSH_TS, MarkingTranslator, Shown, unmarked, visible_texts


@pytest.fixture
def marking(qapp: QApplication) -> Iterator[None]:
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)
    set_language("en-GB")


def _window(qtbot: QtBot, **settings: object) -> MainWindow:
    win = MainWindow(journey(**settings), QtExecutor(), open_url=lambda _u: None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _bypassing(win: QWidget) -> list[Shown]:
    return unmarked(visible_texts(win), DATA)


@pytest.mark.usefixtures("marking")
def test_no_visible_text_bypasses_the_translation_layer(qtbot: QtBot) -> None:
    win = _window(qtbot)
    found: dict[str, list[Shown]] = {}
    for name, state in STATES.items():
        win.show_state(state)
        qtbot.wait(1)
        if left := _bypassing(win):
            found[name] = left
    qtbot.mouseClick(win.help_button, Qt.MouseButton.LeftButton)
    if left := _bypassing(win):
        found["help dialog"] = left
    for dialog in win.findChildren(QDialog):
        dialog.close()
    assert found == {}


def test_the_marking_check_catches_a_literal(qtbot: QtBot, marking: None) -> None:
    win = _window(qtbot)
    win.show_state(JourneyState())
    win.help_button.setText("Help")  # a literal set without tr()
    assert [s.text for s in _bypassing(win)] == ["Help"]


def test_the_welsh_catalogue_holds_every_text_in_the_code(tmp_path: pytest.TempPathFactory) -> None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "translations", Path(__file__).resolve().parents[2] / "scripts" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    fresh = Path(str(tmp_path)) / WELSH_TS.name
    shutil.copy(WELSH_TS, fresh)
    tool.lupdate(fresh)
    from tests.ui.words import Catalogue

    assert set(Catalogue.load(fresh).entries) == set(Catalogue.load().entries), (
        "run: .venv/bin/python scripts/translations.py update"
    )


def test_every_welsh_text_keeps_the_placeholders_of_its_english() -> None:
    import re

    from tests.ui.words import Catalogue

    wrong = [
        (context, source)
        for (context, source), welsh in Catalogue.load().entries.items()
        if welsh
        and sorted(re.findall(r"\{[^}]*\}", welsh)) != sorted(re.findall(r"\{[^}]*\}", source))
    ]
    assert wrong == []


# Modules whose msg() templates come from texts marked elsewhere with QT_TRANSLATE_NOOP.
_MARKED_ELSEWHERE = {"flow/error_entry.py", "signin/messages.py"}


def test_every_flow_message_is_written_the_way_lupdate_reads_it() -> None:
    """msg(context, text) with two literal arguments (values in .fill()), so the .ts has it."""
    import ast
    from pathlib import Path

    app = Path(__file__).resolve().parents[2] / "src" / "smartcard_linker"
    wrong = []
    for path in sorted(app.rglob("*.py")):
        where = path.relative_to(app).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg"):
                continue
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
            if node.keywords or len(literal) != 2:
                wrong.append(f"{where}:{node.lineno} (arguments belong in .fill())")
            elif not all(literal) and where not in _MARKED_ELSEWHERE:
                wrong.append(f"{where}:{node.lineno} (context and text must be literals)")
    assert wrong == []
