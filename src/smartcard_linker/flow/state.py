"""What the journey looks like at one moment: an immutable snapshot the UI renders.

The UI never asks the flow questions; it receives a new ``JourneyState`` after
every change and shows it. Nothing secret is ever in a snapshot (no PIN, no
token, no signature).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from link_protocol.models import AccountView, LinkRequestView, LinkView
from smartcard_linker.card.model import (
    CardKind,
    CardSummary,
    CareIdentityCertificate,
    PinPolicy,
    ReaderState,
)
from smartcard_linker.flow.msg import Msg


class Step(StrEnum):
    START = "start"  # the three steps explained + live readiness check
    SIGNING_IN = "signing_in"  # waiting for the browser sign-in (Cancel)
    ACCOUNT = "account"  # signed in; prerequisites met; choose the account kind to link
    BLOCKED = "blocked"  # signed in; a prerequisite fails (AUP, inactive, already linked)
    INSERT_CARD = "insert_card"  # live reader/card status; several readers → choose
    CARD = "card"  # card read: kind, certificate expiry, certificate choice
    PIN = "pin"  # the PIN dialog is up (or the PIN pad is waiting)
    WORKING = "working"  # a step is running (``busy`` says which)
    REVIEW = "review"  # both identities as the portal verified them
    DONE = "done"  # linked; reference code
    ERROR = "error"  # what happened, what to do
    CLOSED = "closed"  # the user finished (non-kiosk): the window closes


class Operation(StrEnum):
    """The blocking work running now, if any: the flow's and the UI's one source for it.

    Where Cancel leads from each (if anywhere) is registered by the step that starts it.
    """

    SIGNING_IN = "signing_in"  # the browser sign-in (or a silent one)
    LOADING_ACCOUNT = "loading_account"  # GET /me
    READING_CARD = "reading_card"  # opening the token, reading its certificates
    TELLING_CARDS_APART = "telling_cards_apart"  # cards in several readers: whose is which
    READING_PIN_RULES = "reading_pin_rules"  # the card's PIN policy and tries left
    CHECKING_PIN = "checking_pin"  # logging in with a typed PIN (not cancellable)
    PIN_PAD = "pin_pad"  # logging in: the reader's PIN pad is waiting
    SIGNING_CHALLENGE = "signing_challenge"  # challenge, card signature, link request
    CONFIRMING = "confirming"  # confirming the link (not cancellable)
    CANCELLING_REVIEW = "cancelling_review"  # telling the portal the person cancelled


# The operations that hold the card: a removal of the selected card ends them.
CARD_OPERATIONS = frozenset(
    {
        Operation.READING_CARD,
        Operation.READING_PIN_RULES,
        Operation.CHECKING_PIN,
        Operation.PIN_PAD,
        Operation.SIGNING_CHALLENGE,
    }
)


class CheckStatus(StrEnum):
    CHECKING = "checking"
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # cannot be checked until another check passes (reader: the service)


@dataclass(frozen=True)
class ReadinessCheck:
    key: str  # "service" | "reader" | "middleware" | "portal"
    label: Msg
    status: CheckStatus = CheckStatus.CHECKING
    fix: Msg | None = None  # a plain fix when it failed
    code: str | None = None
    detail: Msg | None = None  # what was found (the module in use) or where it looked


@dataclass(frozen=True)
class Busy:
    message: Msg
    cancellable: bool


@dataclass(frozen=True)
class AccountKind:
    key: str  # "care_identity"; room for more kinds later
    label: Msg
    description: Msg


@dataclass(frozen=True)
class Blocker:
    """Why linking cannot go ahead for this account, and what to do."""

    code: str  # "aup_not_accepted" | "account_inactive" | "already_linked"
    title: Msg
    message: Msg
    action: Msg
    link_url: str | None = None
    link_label: Msg | None = None
    link: LinkView | None = None  # the existing link, for already_linked


@dataclass(frozen=True)
class PinRequest:
    """Ask for the PIN. ``seq`` changes each time the UI should open the dialog again."""

    seq: int
    policy: PinPolicy
    pin_pad: bool
    pin_pad_timeout_s: int
    problem: Msg | None = None  # why we are asking again (wrong PIN, wrong length)
    tries_left: int | None = None
    final_try: bool = False
    count_low: bool = False
    self_service_unlock_url: str = ""


@dataclass(frozen=True)
class ErrorReport:
    code: str
    title: Msg
    message: Msg
    action: Msg
    retry_allowed: bool
    retry_label: Msg
    occurred_at: datetime
    step: Step  # where it happened
    request_id: str | None = None
    link_url: str | None = None
    link_label: Msg | None = None
    app_version: str = ""
    detail: str | None = None  # the outside service's own code (an AADSTS number), for support

    def support_text(self) -> str:
        """What "Copy details for support" puts on the clipboard: codes and times, no secrets."""
        lines = [
            f"Smartcard Linker {self.app_version}".rstrip(),
            f"Error code: {self.code}",
            f"Step: {self.step.value}",
            f"Time (UTC): {self.occurred_at.strftime('%Y-%m-%d %H:%M:%S')}",
            f"Request id: {self.request_id or 'none'}",
            *([f"Detail: {self.detail}"] if self.detail else []),
            f"Problem: {self.title.render()}",
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class CardStop:
    """This card cannot be linked as it is (certificate expired, card locked): the card page
    says why and what to do, with no Continue."""

    code: str  # the catalogue's code for the same problem, for counters and support
    message: Msg
    action: Msg
    link_url: str | None = None
    link_label: Msg | None = None


@dataclass(frozen=True)
class JourneyState:
    step: Step = Step.START
    operation: Operation | None = None  # the blocking work running now (``busy`` says it)
    visit: int = 0  # bumped on every reset: the UI clears every page of the previous person
    product_name: str = "NHSmail"
    kiosk: bool = False
    config_error: str | None = None  # settings problem shown on the start page; blocks Start
    readiness: tuple[ReadinessCheck, ...] = ()
    ready: bool = False
    busy: Busy | None = None
    sign_in_url: str | None = None  # no browser opened: the address to copy (while signing in)
    account: AccountView | None = None
    remembers_sign_in: bool = False
    blocker: Blocker | None = None
    account_kinds: tuple[AccountKind, ...] = ()
    chosen_kind: str | None = None
    readers: tuple[ReaderState, ...] = ()
    reader_choice_needed: bool = False
    card_summaries: tuple[CardSummary, ...] = field(default=(), repr=False)  # cards, told apart
    selected_reader: str | None = None
    card_message: Msg | None = None  # live status line on the insert page
    card_kind: CardKind | None = None
    card_serial: str | None = None  # the token's serial: a person can tell it is theirs
    certificates: tuple[CareIdentityCertificate, ...] = field(default=(), repr=False)
    selected_certificate: int | None = None
    certificate_warning: Msg | None = None
    card_stop: CardStop | None = None  # the card cannot go on: why, and the next step
    pin: PinRequest | None = None
    link_request: LinkRequestView | None = None
    link: LinkView | None = None
    error: ErrorReport | None = None

    @property
    def selected(self) -> CareIdentityCertificate | None:
        if self.selected_certificate is None:
            return None
        return self.certificates[self.selected_certificate]
