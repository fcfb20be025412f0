"""Plain data for widget tests: journey snapshots and a journey with no services.

No doubles of outside systems here: the widgets under test never reach them
(``NoServices`` fails loudly if they try).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from link_protocol.models import AccountView, IdentityView, LinkRequestView, LinkView
from smartcard_linker.card.model import PinPolicy
from smartcard_linker.config import Settings
from smartcard_linker.flow.catalogue import entry_for
from smartcard_linker.flow.journey import Journey
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.state import ErrorReport, JourneyState, PinRequest, Step
from smartcard_linker.ui.executor import QtExecutor

WHEN = datetime(2026, 11, 25, 9, 30, 5, tzinfo=UTC)
ACCOUNT = AccountView("0b1e7f6c-0000-4000-8000-000000000001", "jo.bloggs@nhs.net", "Jo Bloggs")
IDENTITY = IdentityView(
    "102048843983", "Jo Bloggs", "active", certificate_not_after=WHEN + timedelta(days=300)
)


class NoServices:
    def _fail(self) -> object:
        raise AssertionError("widget tests must not reach outside systems")

    def card_monitor(self) -> object:
        return self._fail()

    card_access = sign_in = portal = card_monitor


def settings(**changes: object) -> Settings:
    base = Settings(
        portal_url="https://portal.test/",
        client_id="c",
        api_scope="s",
        helpdesk_phone="0333 200 1133",
        local_admin_text="Contact your Local Administrator (IT service desk).",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def journey(**changes: object) -> Journey:
    return Journey(settings(**changes), NoServices(), QtExecutor())  # type: ignore[arg-type]


def pin_request(**changes: object) -> PinRequest:
    base = PinRequest(
        seq=1,
        policy=PinPolicy(min_length=6, max_length=8),
        pin_pad=False,
        pin_pad_timeout_s=90,
        self_service_unlock_url="https://unlock.test/",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def error_state(
    code: str = "timeout", *, retry: bool = True, link: str | None = None
) -> JourneyState:
    title, message, action = entry_for(code).texts("NHSmail")
    report = ErrorReport(
        code=code,
        title=title,
        message=message,
        action=action,
        retry_allowed=retry,
        retry_label=msg("Journey", "Retry"),
        occurred_at=WHEN,
        step=Step.REVIEW,
        request_id="req-7f3k",
        link_url=link,
        link_label=msg("Journey", "Unlock my smartcard online") if link else None,
        app_version="0.1.0",
    )
    return JourneyState(step=Step.ERROR, account=ACCOUNT, error=report)


def review_state() -> JourneyState:
    request = LinkRequestView(
        "lr-1", ACCOUNT, IDENTITY, WHEN + timedelta(minutes=10), "https://portal.test"
    )
    return JourneyState(step=Step.REVIEW, account=ACCOUNT, link_request=request)


def done_state() -> JourneyState:
    link = LinkView("l-1", "LNK-7F3K-92QD", WHEN, ACCOUNT, IDENTITY)
    return JourneyState(step=Step.DONE, account=ACCOUNT, link=link)
