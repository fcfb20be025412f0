"""Every page of the wizard as plain journey snapshots, for the accessibility check and the
screenshots: the states a person meets, including the hard ones (problems, warnings).

Plain data only (like ``states.py``): the window renders them, nothing outside is reached.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from link_protocol import SignatureAlgorithm
from link_protocol.models import LinkRequestView
from smartcard_linker.card.model import CardKind, CareIdentityCertificate, ReaderState
from smartcard_linker.flow.catalogue import entry_for
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.state import (
    AccountKind,
    Blocker,
    Busy,
    CardStop,
    CheckStatus,
    JourneyState,
    ReadinessCheck,
    Step,
)
from tests.ui.states import ACCOUNT, IDENTITY, WHEN, done_state, error_state, review_state

SERIES_9 = CardKind("nhs-series-9", "NHS Smartcard (Series 9)", known=True, nhs=True)


def _m(text: str, **args: object) -> Msg:
    return msg("Journey", text, **args)


def certificate(uuid: str = "102048843983", days: int = 300) -> CareIdentityCertificate:
    return CareIdentityCertificate(
        der=b"DER:" + uuid.encode(),
        uuid=uuid,
        subject=f"CN={uuid},OU=people,O=nhs",
        issuer="CN=SubCA Test,OU=CA,O=nhs",
        not_before=WHEN - timedelta(days=300),
        not_after=WHEN + timedelta(days=days),
        key_type="RSA",
        algorithm=SignatureAlgorithm.RS256,
    )


def readiness(status: CheckStatus = CheckStatus.OK) -> tuple[ReadinessCheck, ...]:
    labels = {
        "service": "Smartcard service",
        "reader": "Smartcard reader",
        "middleware": "Smartcard software",
        "portal": "Link My NHS Accounts portal",
    }
    fix = msg("Journey", "Plug in your smartcard reader.")
    return tuple(
        ReadinessCheck(
            key,
            msg("Journey", text),
            status if key in ("reader", "portal") else CheckStatus.OK,
            fix if status is CheckStatus.FAILED and key == "reader" else None,
        )
        for key, text in labels.items()
    )


def _blocker(code: str, link: str | None = None) -> Blocker:
    title, message, action = entry_for(code).texts("NHSmail")
    label = msg("Journey", "Open the Acceptable Use Policy") if link else None
    return Blocker(code, title, message, action, link_url=link, link_label=label)


KINDS = (
    AccountKind(
        "care_identity",
        msg("Journey", "NHS Care Identity (smartcard)"),
        msg("Journey", "Sign in to NHSmail with your NHS Smartcard."),
    ),
)


def _card(**changes: object) -> JourneyState:
    base = JourneyState(
        step=Step.CARD,
        account=ACCOUNT,
        card_kind=SERIES_9,
        certificates=(certificate(),),
        selected_certificate=0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _review_names_differ() -> JourneyState:
    state = review_state()
    assert state.link_request is not None
    other = replace(IDENTITY, display_name="Alexandra Smith")
    request = LinkRequestView(
        "lr-2", ACCOUNT, other, WHEN + timedelta(minutes=10), "https://portal.test", False
    )
    return replace(state, link_request=request)


PAGES: dict[str, JourneyState] = {
    "start": JourneyState(readiness=readiness(), ready=True),
    "start-not-ready": JourneyState(readiness=readiness(CheckStatus.FAILED)),
    "signing-in": JourneyState(
        step=Step.SIGNING_IN,
        busy=Busy(_m("Opening the {product} sign-in…", product="NHSmail"), True),
    ),
    "signing-in-copy-address": JourneyState(
        step=Step.SIGNING_IN,
        busy=Busy(_m("Waiting for you to sign in…"), True),
        sign_in_url="https://login.test/authorize?client_id=c&state=s",
    ),
    "working": JourneyState(
        step=Step.WORKING,
        busy=Busy(_m("Checking your account with the portal…"), False),
    ),
    "account": JourneyState(
        step=Step.ACCOUNT, account=ACCOUNT, account_kinds=KINDS, chosen_kind="care_identity"
    ),
    "account-two-kinds": JourneyState(
        step=Step.ACCOUNT,
        account=ACCOUNT,
        account_kinds=(
            *KINDS,
            AccountKind(
                "other",
                msg("Journey", "Another kind of account"),
                msg("Journey", "Room in the Link API for a second kind."),
            ),
        ),
        chosen_kind="care_identity",
    ),
    "blocked-aup": JourneyState(
        step=Step.BLOCKED,
        account=ACCOUNT,
        blocker=_blocker("aup_not_accepted", "https://aup.test/"),
    ),
    "blocked-inactive": JourneyState(
        step=Step.BLOCKED, account=ACCOUNT, blocker=_blocker("account_inactive")
    ),
    "insert-card": JourneyState(
        step=Step.INSERT_CARD,
        account=ACCOUNT,
        readers=(ReaderState("Reader A", has_card=False),),
        card_message=msg("Journey", "Put your smartcard in the reader."),
    ),
    "insert-two-readers": JourneyState(
        step=Step.INSERT_CARD,
        account=ACCOUNT,
        readers=(
            ReaderState("Reader A", has_card=True, card_kind=SERIES_9),
            ReaderState("Reader B", has_card=True, card_kind=SERIES_9),
        ),
        reader_choice_needed=True,
    ),
    "card": _card(),
    "card-two-certificates": _card(
        certificates=(certificate(), certificate("555566667777", days=20)),
        certificate_warning=msg(
            "Journey",
            "This certificate expires in 20 days. You can renew it with your Registration "
            "Authority.",
        ),
    ),
    "card-expired": _card(
        certificates=(certificate(days=-3),),
        card_stop=CardStop(
            "certificate_expired",
            msg("Journey", "The certificate on this smartcard expired on 22 November 2026."),
            msg(
                "Journey",
                "Ask your Registration Authority to renew the certificate on your card. Then "
                "start again.",
            ),
        ),
    ),
    "card-locked": _card(
        card_stop=CardStop(
            "pin_locked",
            msg(
                "Journey", "Your smartcard is locked because too many wrong passcodes were entered."
            ),
            msg("Journey", "Unlock it online, or ask your Registration Authority to unlock it."),
            "https://unlock.test/",
            msg("Journey", "Unlock my smartcard online"),
        ),
    ),
    "review": review_state(),
    "review-names-differ": _review_names_differ(),
    "done": done_state(),
    "done-kiosk": replace(done_state(), kiosk=True),
    "error-retry": error_state("timeout"),
    "error-locked": error_state("pin_locked", retry=False, link="https://unlock.test/"),
}
"""Page states by name (the name is the screenshot's file name)."""
