"""The link itself: the card signs the portal's challenge, the person reviews what the
portal verified, and Confirm links the accounts (or Cancel tells the portal)."""

from __future__ import annotations

import logging
import uuid as uuid_module
from dataclasses import replace

from link_protocol import build_link_message, normalize_origin
from link_protocol.models import LinkRequestBody, LinkRequestView, LinkView
from smartcard_linker.card.errors import CardRemoved
from smartcard_linker.flow.card_steps import CardSteps
from smartcard_linker.flow.challenge_ahead import ChallengeAhead
from smartcard_linker.flow.failures import OriginMismatch
from smartcard_linker.flow.machine import JourneyMachine
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.ports import PortalClient
from smartcard_linker.flow.sign_in_steps import SignInSteps
from smartcard_linker.flow.state import Operation, Step

log = logging.getLogger(__name__)


class LinkSteps:
    """Signed challenge → review → done."""

    def __init__(self, machine: JourneyMachine, account: SignInSteps, card: CardSteps) -> None:
        self._m = machine
        self._account = account
        self._card = card
        machine.on_cancel(Operation.SIGNING_CHALLENGE, card.back_to_card)

    def fetch_challenge_ahead(self) -> None:
        """While the person types their PIN, ask the portal for the challenge the card will
        sign (challenge_ahead): unless one fetched for this account is still good."""
        me = self._m.person.me
        ahead = self._m.person.challenge_ahead
        if me is None or (
            ahead is not None and ahead.oid == me.account.oid and ahead.still_useful()
        ):
            return
        fetch = self._account.authed(lambda portal, token: portal.create_challenge(token))
        ahead = ChallengeAhead(me.account.oid, fetch, self._m.clock)
        self._m.person.challenge_ahead = ahead
        self._m.background(ahead.run)

    def make_link_request(self) -> None:
        """Fetch a challenge, sign it with the card, send it: the portal answers with both
        identities as it verified them."""
        session = self._m.person.session
        cert = self._m.state.selected
        me = self._m.person.me
        if session is None or cert is None or me is None:
            self._card.back_to_insert()
            return
        oid = me.account.oid
        ahead, self._m.person.challenge_ahead = self._m.person.challenge_ahead, None

        def call(portal: PortalClient, token: str) -> LinkRequestView:
            origin = normalize_origin(portal.origin)
            challenge = ahead.take(oid) if ahead is not None else None
            if challenge is None:
                challenge = portal.create_challenge(token)
            if normalize_origin(challenge.origin) != origin:
                raise OriginMismatch("challenge origin differs from the configured portal")
            message = build_link_message(origin, challenge.nonce, oid)
            signature = session.sign(cert, message)
            body = LinkRequestBody(
                challenge_id=challenge.challenge_id,
                certificate=cert.der,
                signature=signature,
                signature_algorithm=cert.algorithm.value,
            )
            return portal.create_link_request(token, body)

        def err(exc: Exception) -> None:
            if isinstance(exc, CardRemoved):
                self._card.card_removed()
                return
            has_session = self._m.person.session is not None
            retry = self.make_link_request if has_session else self._card.back_to_insert
            self._m.fail(exc, retry=retry, where=Step.REVIEW)

        self._m.run(
            Operation.SIGNING_CHALLENGE,
            self._account.authed(call),
            self._to_review,
            err,
            busy=msg("Journey", "Checking your smartcard with the portal…"),
        )

    def _to_review(self, request: LinkRequestView) -> None:
        self._m.person.idempotency_key = uuid_module.uuid4().hex  # one per link request
        self._m.close_session()  # the card's part is done
        state = self._m.state
        self._m.put(replace(state, step=Step.REVIEW, busy=None, link_request=request, pin=None))

    def confirm(self) -> None:
        """Confirm at review. One idempotency key per link request, reused on every retry."""
        if self._m.state.step is Step.REVIEW:
            self._confirm()

    def _confirm(self) -> None:
        request = self._m.state.link_request
        key = self._m.person.idempotency_key
        if request is None or key is None:
            self._m.fail(RuntimeError("nothing to confirm"))
            return
        request_id = request.link_request_id
        self._m.run(
            Operation.CONFIRMING,
            self._account.authed(lambda portal, token: portal.confirm(token, request_id, key)),
            self._linked,
            lambda exc: self._m.fail(exc, retry=self._confirm, where=Step.REVIEW),
            busy=msg("Journey", "Linking your accounts…"),
        )

    def _linked(self, link: LinkView) -> None:
        self._m.person.idempotency_key = None
        self._m.put(replace(self._m.state, step=Step.DONE, busy=None, link=link, error=None))

    def cancel_review(self) -> None:
        """Cancel at review: tell the portal (best effort) and go back to the account page."""
        request = self._m.state.link_request
        if self._m.state.step is not Step.REVIEW or request is None:
            return
        request_id = request.link_request_id
        self._m.person.idempotency_key = None

        def failed(exc: Exception) -> None:
            log.info("cancelling the link request failed: %s", getattr(exc, "code", "?"))
            self._account.back_to_account()

        self._m.run(
            Operation.CANCELLING_REVIEW,
            self._account.authed(lambda portal, token: portal.cancel(token, request_id)),
            lambda _result: self._account.back_to_account(),
            failed,
            busy=msg("Journey", "Cancelling…"),
        )
