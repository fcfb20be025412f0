"""Every page and dialog of the wizard as plain journey snapshots, for the translation
tests (tests/ui/test_translation_layer.py, test_welsh.py) and the 200 % render
(tests/ui/render_welsh.py). No services: nothing outside is reached."""

from __future__ import annotations

from link_protocol import SignatureAlgorithm
from smartcard_linker import __version__
from smartcard_linker.card.atr import IDEMIA_PIV
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
from tests.ui.states import (
    ACCOUNT,
    IDENTITY,
    WHEN,
    done_state,
    error_state,
    pin_request,
    review_state,
)

# What the app shows but did not write: the person's data, the product name, the
# version, the language names (each in itself) and the NHS logo.
DATA = (
    ACCOUNT.email,
    ACCOUNT.display_name,
    IDENTITY.display_name,
    "1020 4884 3983",
    "LNK-7F3K-92QD",
    "NHSmail",
    "Smartcard Linker",
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


KIND = IDEMIA_PIV  # what a current NHS card's ATR hints (the maker)
CERT = CareIdentityCertificate(
    der=b"",
    uuid="102048843983",
    subject="CN=Jo Bloggs,O=nhs",
    issuer="CN=NHS Level 1C",
    not_before=WHEN,
    not_after=WHEN.replace(year=2027),
    key_type="RSA",
    algorithm=next(iter(SignatureAlgorithm)),
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
