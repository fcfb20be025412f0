"""Every word a person sees goes through the translation layer (Qt's tr for widget text, the
catalogue's templates for the flow's messages), and the Welsh catalogue matches the code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smartcard_linker import __version__
from smartcard_linker.card.atr import ATR_TABLE
from smartcard_linker.card.model import CareIdentityCertificate, ReaderState
from smartcard_linker.codes import MessageCode
from smartcard_linker.flow.catalogue import entry_for
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.state import (
    AccountKind,
    Blocker,
    Busy,
    CheckStatus,
    JourneyState,
    ReadinessCheck,
    Step,
)
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.i18n import set_language
from smartcard_linker.ui.main_window import MainWindow
from tests.ui.states import (
    ACCOUNT,
    IDENTITY,
    WHEN,
    done_state,
    error_state,
    journey,
    pin_request,
    review_state,
)
from tests.ui.words import WELSH_TS, MarkingTranslator, Shown, unmarked, visible_texts

# What the app shows but did not write: the person's data, the product name, the
# version, the language names (each in itself) and the NHS logo.
DATA = (
    ACCOUNT.email,
    ACCOUNT.display_name,
    IDENTITY.display_name,
    "1020 4884 3983",
    "LNK-7F3K-92QD",
    "NHSmail",
    "NHS",
    "English",
    "Cymraeg",
    __version__,
    "req-7f3k",
    "0333 200 1133",
    "https://unlock.test/",
    "portal.test",
    "Reader A",
    "Reader B",
    "machine file: portal_url: expected an https:// URL",  # the settings problem itself
    "Contact your Local Administrator (IT service desk).",  # configured by IT (states.py)
    *(code.value for code in MessageCode),
)


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


KIND = ATR_TABLE[0].kind
CERT = CareIdentityCertificate(
    der=b"",
    uuid="102048843983",
    subject="CN=Jo Bloggs,O=nhs",
    issuer="CN=NHS Level 1C",
    not_before=WHEN,
    not_after=WHEN.replace(year=2027),
    key_type="RSA",
    algorithm=next(iter(__import__("link_protocol").SignatureAlgorithm)),
)
# Any template will do here: only whether it went through the layer is checked.
WORDS = msg("Journey", "Some words")
STATES = {
    "start": JourneyState(
        readiness=tuple(
            ReadinessCheck(key, WORDS, CheckStatus.FAILED, WORDS)
            for key in ("service", "reader", "middleware", "portal")
        ),
        config_error="machine file: portal_url: expected an https:// URL",
    ),
    "busy": JourneyState(step=Step.WORKING, busy=Busy(WORDS, cancellable=True)),
    "account": JourneyState(
        step=Step.ACCOUNT,
        account=ACCOUNT,
        account_kinds=(AccountKind("care_identity", WORDS, WORDS),),
    ),
    "blocked": JourneyState(
        step=Step.BLOCKED,
        account=ACCOUNT,
        blocker=Blocker(
            "aup_not_accepted",
            *entry_for("aup_not_accepted").texts("NHSmail"),
            "https://aup.test/",
            WORDS,
        ),
    ),
    "insert two readers": JourneyState(
        step=Step.INSERT_CARD,
        readers=(
            ReaderState("Reader A", True, card_kind=KIND),
            ReaderState("Reader B", False),
        ),
        reader_choice_needed=True,
        card_message=WORDS,
    ),
    "card": JourneyState(
        step=Step.CARD,
        card_kind=KIND,
        certificates=(CERT, CERT),
        selected_certificate=0,
        certificate_warning=WORDS,
    ),
    "signing in": JourneyState(step=Step.SIGNING_IN),
    "review": review_state(),
    "done": done_state(),
    "pin": JourneyState(step=Step.PIN, pin=pin_request(tries_left=1, final_try=True)),
    **{f"error {code}": error_state(code.value) for code in MessageCode},
}


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
