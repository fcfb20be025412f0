"""Welsh, complete and on every page: nothing untranslated, no English left on a Welsh page,
nothing cut off at 100 % and 200 %, and the switch as a person and IT see it (remembered,
locked, kiosk). Screenshots: artifacts/screenshots/cy/ and cy-200/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.language import LanguageChoice
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.i18n import current_language, qm_path, set_language
from smartcard_linker.ui.main_window import MainWindow
from tests.ui.render_welsh import render_all
from tests.ui.states import journey, review_state
from tests.ui.words import WELSH_TS, Catalogue

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    set_language("en-GB")


def test_every_text_has_its_welsh() -> None:
    left = [key for key, welsh in Catalogue.load().entries.items() if not welsh.strip()]
    assert left == [], f"{len(left)} untranslated: scripts/translations.py status"


def test_the_shipped_catalogue_is_compiled_from_the_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "cy.qm"
    subprocess.run([str(lrelease), "-silent", str(WELSH_TS), "-qm", str(fresh)], check=True)
    assert Path(qm_path("cy")).read_bytes() == fresh.read_bytes(), (
        "run: .venv/bin/python scripts/translations.py compile"
    )


@pytest.mark.usefixtures("english_after")
def test_every_page_and_dialog_in_welsh_at_100_percent(qapp: QApplication) -> None:
    problems = render_all(qapp, SHOTS / "cy")
    assert problems == {}
    assert (SHOTS / "cy" / "review.png").stat().st_size > 10_000


def test_every_page_and_dialog_in_welsh_at_200_percent() -> None:
    """Qt's scale factor is fixed at start-up: the same render in a process of its own, on a
    1920 x 1080 screen (960 x 540 at 200 %; the offscreen default is 800 x 600)."""
    screen = Path(__file__).with_name("screen-1080p.json")
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "2",
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
    }
    out = SHOTS / "cy-200"
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui.render_welsh", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    problems = json.loads(run.stdout[run.stdout.index("{") :])
    assert problems == {} and run.returncode == 0, run.stderr[-2000:]
    from PySide6.QtGui import QImage

    assert QImage(str(out / "start.png")).width() == 2 * 720  # really drawn at 200 %


def _window(qtbot: QtBot, choice: LanguageChoice, **settings: object) -> MainWindow:
    win = MainWindow(journey(**settings), QtExecutor(), open_url=lambda _u: None, language=choice)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.usefixtures("english_after")
def test_the_switch_retranslates_at_once_and_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    user_file = tmp_path / "config.toml"
    user_file.write_text('portal_url = "https://portal.example/"\n', encoding="utf-8")
    set_language("en-GB")
    win = _window(qtbot, LanguageChoice("en-GB", remember_to=user_file))
    win.show_state(review_state())
    win.show_state(JourneyState())
    qtbot.mouseClick(win.language_switch.buttons["cy"], Qt.MouseButton.LeftButton)
    assert current_language() == "cy"
    assert win.pages["start"].heading.text().startswith("Cysylltu eich Cerdyn Clyfar GIG")
    assert win.help_button.text() == "Help a chymorth"
    saved = tomllib.loads(user_file.read_text(encoding="utf-8"))
    assert saved == {"language": "cy", "portal_url": "https://portal.example/"}
    qtbot.mouseClick(win.language_switch.buttons["en-GB"], Qt.MouseButton.LeftButton)
    assert win.help_button.text() == "Help and support"
    assert tomllib.loads(user_file.read_text(encoding="utf-8"))["language"] == "en-GB"


@pytest.mark.usefixtures("english_after")
def test_a_locked_language_hides_the_switch(qtbot: QtBot) -> None:
    set_language("cy")
    win = _window(qtbot, LanguageChoice("cy", locked=True, station="cy"))
    win.show_state(JourneyState())
    assert not win.language_switch.isVisible()
    win.switch_language("en-GB")
    assert current_language() == "cy"


@pytest.mark.usefixtures("english_after")
def test_kiosk_remembers_nothing_and_the_next_person_starts_in_the_stations_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    set_language("en-GB")
    win = _window(qtbot, LanguageChoice("en-GB", station="en-GB"), kiosk_mode=True)
    win.show_state(JourneyState(kiosk=True))
    win.switch_language("cy")
    assert current_language() == "cy"
    assert not list(tmp_path.iterdir())
    win.show_state(JourneyState(step=Step.DONE, kiosk=True))
    win.show_state(JourneyState(kiosk=True, visit=1))  # the kiosk reset: the next person
    assert current_language() == "en-GB"
    assert win.pages["start"].heading.text().startswith("Link your NHS Smartcard")
