"""What the portal does for each Link API call, independent of HTTP.

Every check that guards a link is either done atomically by the database
(challenge use, link uniqueness) or inside the same transaction that records the
outcome, so concurrency and crashes cannot leave a half-made or duplicate link.
Writes go through ``Transactions`` (group commit on SQLite): a call returns only
after its transaction is durable.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import secrets
import unicodedata
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from link_portal.certs import (
    CardIdentity,
    CertificateChecker,
    CertificateProblem,
    verify_signature,
)
from link_portal.config import PortalConfig
from link_portal.driver_sql import Tx, UniqueViolation
from link_portal.issued_challenges import IssuedChallenge, IssuedChallenges
from link_portal.ratelimit import RateLimiter
from link_portal.statements import (
    CANCEL_LINK_REQUEST,
    CLAIM_ACCOUNT,
    INS_ACCOUNT,
    INS_AUDIT,
    INS_CHALLENGE,
    INS_CHALLENGE_IF_ALLOWED,
    SEL_ACCOUNT,
    SEL_ACCOUNT_BY_ID,
    SEL_ACCOUNT_ID_BY_EMAIL,
    SEL_ACTIVE_LINKS,
    SEL_ANY_IDENTITY,
    SEL_CHALLENGE_FULL,
    SEL_LINK_BY_OID,
    SEL_LINK_BY_REQUEST,
    SEL_LINK_REQUEST_FULL,
    SEL_LINK_REQUEST_STATUS,
    SEL_LINK_REQUEST_UUID,
    SEL_RECENT_CHALLENGES,
    SEL_UNCLAIMED_ACCOUNT,
    USE_CHALLENGE,
    confirm_pending,
    insert_confirmed_link,
    insert_link_request,
    use_challenge_reading_state,
)
from link_portal.tokens import Caller
from link_portal.transactions import Transactions
from link_protocol.algorithms import SignatureAlgorithm
from link_protocol.care_identity import group_uuid
from link_protocol.errors import ErrorCode
from link_protocol.message import NONCE_BYTES, build_link_message
from link_protocol.models import (
    AccountView,
    ChallengeView,
    IdentityView,
    LinkRequestView,
    LinkView,
    MeView,
)

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,200}$")
MAX_CERT_BYTES = 16 * 1024
MAX_SIGNATURE_BYTES = 1024


class ApiError(Exception):
    """A Link API problem: the stable code, a human detail and optional extra members."""

    def __init__(
        self,
        code: ErrorCode,
        detail: str,
        *,
        extra: Mapping[str, Any] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.extra = dict(extra or {})
        self.retry_after = retry_after
        self.audited = False  # already recorded in the audit log


def now_utc() -> datetime:
    return datetime.now(UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuidlib.uuid4().hex}"


def new_reference() -> str:
    """LNK-XXXX-XXXX: 40 random bits (one read of the OS's random source) in base32."""
    bits = int.from_bytes(secrets.token_bytes(5), "big")
    chars = "".join(REFERENCE_ALPHABET[(bits >> shift) & 31] for shift in range(35, -1, -5))
    return f"LNK-{chars[:4]}-{chars[4:]}"


def normalise_name(name: str) -> tuple[str, ...]:
    """Case-, accent-, punctuation- and order-insensitive form of a person's name."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    joined = re.sub(r"['’`]", "", letters.casefold())  # O'Brien = OBrien
    words = re.sub(r"[^\w\s]|_", " ", joined).split()
    return tuple(sorted(words))


def names_match(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    if not at:
        return "***"
    shown = local[0] + "***" + (local[-1] if len(local) > 2 else "")
    return f"{shown}@{domain}"


def mask_uuid(uuid: str) -> str:
    return f"**** **** {uuid[-4:]}"


def _b64(text: Any, what: str, limit: int) -> bytes:
    if not isinstance(text, str) or not text or len(text) > limit * 2:
        raise ApiError(ErrorCode.BAD_REQUEST, f"{what} must be a base64 string")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ApiError(ErrorCode.BAD_REQUEST, f"{what} is not valid base64") from exc
    if not data or len(data) > limit:
        raise ApiError(ErrorCode.BAD_REQUEST, f"{what} has an impossible length")
    return data


@dataclass(frozen=True)
class ParsedLinkRequest:
    challenge_id: str
    certificate: bytes
    signature: bytes
    algorithm: SignatureAlgorithm

    @classmethod
    def parse(cls, body: Any) -> ParsedLinkRequest:
        if not isinstance(body, dict):
            raise ApiError(ErrorCode.BAD_REQUEST, "the body must be a JSON object")
        challenge_id = body.get("challenge_id")
        if not isinstance(challenge_id, str) or not ID_RE.match(challenge_id):
            raise ApiError(ErrorCode.BAD_REQUEST, "challenge_id is missing or malformed")
        algorithm = body.get("signature_algorithm")
        try:
            alg = SignatureAlgorithm(str(algorithm))
        except ValueError as exc:
            raise ApiError(
                ErrorCode.BAD_REQUEST,
                "signature_algorithm must be one of "
                + ", ".join(a.value for a in SignatureAlgorithm),
            ) from exc
        return cls(
            challenge_id=challenge_id,
            certificate=_b64(body.get("certificate"), "certificate", MAX_CERT_BYTES),
            signature=_b64(body.get("signature"), "signature", MAX_SIGNATURE_BYTES),
            algorithm=alg,
        )


@dataclass(frozen=True)
class AccountState:
    active: bool
    aup_accepted: bool


class PortalService:
    def __init__(
        self,
        config: PortalConfig,
        transactions: Transactions,
        checker: CertificateChecker,
    ) -> None:
        self.config = config
        self.tx = transactions
        self.checker = checker
        # Link requests also need an unused challenge, and challenges are limited in the
        # database; this in-process bucket only blunts floods of hopeless requests.
        self._request_limit = RateLimiter(
            config.link_request_rate.count, config.link_request_rate.per_s
        )
        self._issued = IssuedChallenges()

    # -- helpers -------------------------------------------------------------------

    async def _account(self, tx: Tx, caller: Caller) -> Any:
        """The caller's account row, created (AUP not accepted) on first sight."""
        row = await tx.first(SEL_ACCOUNT, {"oid": caller.oid})
        if row is not None:
            return row
        email = caller.email.lower() or None
        if email:
            unclaimed = await tx.first(SEL_UNCLAIMED_ACCOUNT, {"email": email})
            if unclaimed is not None:
                await tx.execute(
                    CLAIM_ACCOUNT,
                    {
                        "aid": unclaimed.id,
                        "new_oid": caller.oid,
                        "new_name": caller.name,
                        "now": now_utc(),
                    },
                )
                return await tx.first(SEL_ACCOUNT_BY_ID, {"aid": unclaimed.id})
            if await tx.first(SEL_ACCOUNT_ID_BY_EMAIL, {"email": email}) is not None:
                email = None  # the address moved to a new oid; keep the old row's claim
        await tx.execute(
            INS_ACCOUNT,
            {
                "oid": caller.oid,
                "email": email,
                "display_name": caller.name,
                "aup_accepted": False,
                "active": True,
                "updated_at": now_utc(),
            },
        )
        return await tx.first(SEL_ACCOUNT, {"oid": caller.oid})

    async def _read_account(self, caller: Caller) -> Any:
        row = await self.tx.read(lambda tx: tx.first(SEL_ACCOUNT, {"oid": caller.oid}))
        if row is not None:
            return row
        return await self.tx.write(lambda tx: self._account(tx, caller))

    @staticmethod
    async def _audit(
        tx: Tx,
        event: str,
        outcome: str,
        *,
        request_id: str | None,
        oid: str | None = None,
        uuid: str | None = None,
        subject_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        row = _audit_row(event, outcome, request_id, detail)
        await tx.execute(INS_AUDIT, row | {"oid": oid, "uuid": uuid, "subject_id": subject_id})

    async def audit_rejection(
        self,
        event: str,
        error: ApiError,
        *,
        request_id: str | None,
        oid: str | None,
        uuid: str | None = None,
        subject_id: str | None = None,
        challenge_id: str | None = None,
    ) -> None:
        """Record a refused call; ``challenge_id`` is used up in the same transaction."""

        async def work(tx: Tx) -> None:
            if challenge_id is not None:
                now = now_utc()
                await tx.execute(
                    USE_CHALLENGE, {"cid": challenge_id, "coid": oid, "now": now, "used": now}
                )
            await self._audit(
                tx,
                event,
                error.code.value,
                request_id=request_id,
                oid=oid,
                uuid=uuid,
                subject_id=subject_id,
                detail=error.detail,
            )

        await self.tx.write(work)

    @staticmethod
    def _link_view(row: Any) -> LinkView:
        return LinkView(
            link_id=row.id,
            reference=row.reference,
            linked_at=row.linked_at,
            account=AccountView(oid=row.oid, email=row.email, display_name=row.account_name),
            identity=IdentityView(
                uuid=row.uuid,
                display_name=row.identity_name,
                status=row.identity_status,
                certificate_not_after=row.certificate_not_after,
                certificate_issuer=row.certificate_issuer,
            ),
        )

    async def _conflict(self, tx: Tx, oid: str, uuid: str) -> ApiError | None:
        """already_linked for either side, saying (masked) to what."""
        rows = await tx.all(SEL_ACTIVE_LINKS, {"oid": oid, "uuid": uuid})
        mine = next((r for r in rows if r.oid == oid), None)
        theirs = next((r for r in rows if r.uuid == uuid), None)
        return self._conflict_from(
            mine.uuid if mine is not None else None,
            theirs.email if theirs is not None else None,
            uuid,
        )

    @staticmethod
    def _conflict_from(
        my_link_uuid: str | None, their_link_email: str | None, uuid: str
    ) -> ApiError | None:
        """already_linked from the caller's active link's UUID or the active link on this
        UUID's address (the caller's own link is reported first)."""
        if my_link_uuid is not None:
            same = my_link_uuid == uuid
            return ApiError(
                ErrorCode.ALREADY_LINKED,
                "this NHSmail account is already linked to "
                + ("this Care Identity" if same else "another Care Identity"),
                extra={
                    "linked_side": "account",
                    "linked_identity": group_uuid(my_link_uuid)
                    if same
                    else mask_uuid(my_link_uuid),
                },
            )
        if their_link_email is not None:
            return ApiError(
                ErrorCode.ALREADY_LINKED,
                "this Care Identity is already linked to another NHSmail account",
                extra={"linked_side": "identity", "linked_account": mask_email(their_link_email)},
            )
        return None

    # -- calls ---------------------------------------------------------------------

    async def me(self, caller: Caller) -> MeView:
        account = await self._read_account(caller)
        link = await self.tx.read(lambda tx: tx.first(SEL_LINK_BY_OID, {"oid": caller.oid}))
        return MeView(
            account=AccountView(oid=caller.oid, email=caller.email, display_name=caller.name),
            account_active=bool(account.active),
            aup_accepted=bool(account.aup_accepted),
            aup_url=self.config.aup_url,
            current_link=self._link_view(link) if link is not None else None,
        )

    def _check_account(self, account: Any) -> None:
        if not account.active:
            raise ApiError(ErrorCode.ACCOUNT_INACTIVE, "this NHSmail account is not active")
        if not account.aup_accepted:
            raise ApiError(
                ErrorCode.AUP_NOT_ACCEPTED,
                "the NHSmail Acceptable Use Policy has not been accepted",
                extra={"aup_url": self.config.aup_url},
            )

    async def _challenge_wait(self, tx: Tx, oid: str, now: datetime) -> int:
        """Seconds until the account may have another challenge (0: now)."""
        rate = self.config.challenge_rate
        recent = await tx.first(
            SEL_RECENT_CHALLENGES, {"oid": oid, "since": now - _seconds(rate.per_s)}
        )
        if recent is None or recent.count < rate.count or recent.oldest is None:
            return 0
        free_at: datetime = recent.oldest + _seconds(rate.per_s)
        wait: int = math.ceil((free_at - now).total_seconds())
        return max(1, wait)

    async def create_challenge(self, caller: Caller) -> ChallengeView:
        now = now_utc()
        challenge_id = new_id("chl")
        nonce = secrets.token_bytes(NONCE_BYTES)
        expires = now + timedelta(seconds=self.config.challenge_ttl_s)
        row = {
            "id": challenge_id,
            "oid": caller.oid,
            "nonce": nonce,
            "created_at": now,
            "expires_at": expires,
            "used_at": None,
            "since": now - _seconds(self.config.challenge_rate.per_s),
            "limit": self.config.challenge_rate.count,
        }

        async def work(tx: Tx) -> None:
            if await tx.first(INS_CHALLENGE_IF_ALLOWED, row) is not None:
                return
            # no account yet, one that may not link, or over its limit: say which
            self._check_account(await self._account(tx, caller))
            wait = await self._challenge_wait(tx, caller.oid, now)
            if wait:
                raise ApiError(ErrorCode.RATE_LIMITED, "too many challenges", retry_after=wait)
            await tx.execute(INS_CHALLENGE, row)

        await self.tx.write(work)
        self._issued.add(challenge_id, IssuedChallenge(caller.oid, nonce, expires))
        return ChallengeView(
            challenge_id=challenge_id,
            nonce=nonce,
            origin=self.config.public_origin,
            expires_at=expires,
        )

    @staticmethod
    def _challenge_refusal(row: Any, caller: Caller, now: datetime) -> ApiError | None:
        """Why this challenge row cannot be used by ``caller`` now (None: it can)."""
        if row is None or row.oid != caller.oid:
            return ApiError(ErrorCode.NOT_FOUND, "no such challenge for this account")
        if row.used_at is not None:
            return ApiError(ErrorCode.CHALLENGE_USED, "this challenge has already been used")
        if row.expires_at <= now:
            return ApiError(ErrorCode.CHALLENGE_EXPIRED, "this challenge has expired")
        return None

    async def _read_challenge(self, caller: Caller, challenge_id: str) -> bytes:
        """The challenge's nonce if it looks usable (its use is decided atomically later):
        from this process's issued challenges, else from the database."""
        now = now_utc()
        nonce = self._issued.take(challenge_id, caller.oid, now)
        if nonce is not None:
            return nonce
        row = await self.tx.read(lambda tx: tx.first(SEL_CHALLENGE_FULL, {"cid": challenge_id}))
        refusal = self._challenge_refusal(row, caller, now)
        if refusal is not None or row is None:
            raise refusal or ApiError(ErrorCode.NOT_FOUND, "no such challenge for this account")
        return bytes(row.nonce)

    async def create_link_request(
        self, caller: Caller, body: Any, request_id: str | None
    ) -> LinkRequestView:
        """Checks, then one write transaction that uses the challenge up and records the
        request. The challenge's nonce is known before the cryptography (kept by the
        worker that issued it, else read) so no write waits on it; its use stays atomic
        (``UPDATE … WHERE used_at IS NULL`` and the row count) and a refused attempt uses
        it up too, in the transaction that audits the refusal."""
        uuid: str | None = None
        burn: str | None = None  # the challenge a refusal must use up
        try:
            wait = self._request_limit.acquire(caller.oid)
            if wait:
                raise ApiError(ErrorCode.RATE_LIMITED, "too many link requests", retry_after=wait)
            parsed = ParsedLinkRequest.parse(body)
            nonce = await self._read_challenge(caller, parsed.challenge_id)
            burn = parsed.challenge_id
            try:
                card = self.checker.check(parsed.certificate)
                uuid = card.uuid
                message = build_link_message(self.config.public_origin, nonce, caller.oid)
                verify_signature(card, parsed.algorithm, message, parsed.signature)
            except CertificateProblem as problem:
                raise ApiError(ErrorCode(problem.code), problem.detail) from problem

            async def work(tx: Tx) -> LinkRequestView | ApiError:
                nonlocal burn
                now = now_utc()
                used, state = await use_challenge_reading_state(
                    tx,
                    {
                        "cid": parsed.challenge_id,
                        "coid": caller.oid,
                        "now": now,
                        "used": now,
                        "uuid": card.uuid,
                        "oid": caller.oid,
                    },
                )
                if used != 1:
                    burn = None  # someone else used it, or it just expired
                    row = await tx.first(SEL_CHALLENGE_FULL, {"cid": parsed.challenge_id})
                    raise self._challenge_refusal(row, caller, now) or ApiError(
                        ErrorCode.CHALLENGE_USED, "this challenge has already been used"
                    )
                try:
                    return await self._record_link_request(tx, caller, card, state, now, request_id)
                except ApiError as error:
                    # keep the challenge used: audit the refusal in this transaction
                    await self._audit(
                        tx,
                        "link_request",
                        error.code.value,
                        request_id=request_id,
                        oid=caller.oid,
                        uuid=card.uuid,
                        detail=error.detail,
                    )
                    error.audited = True
                    return error

            outcome = await self.tx.write(work)
            if isinstance(outcome, ApiError):
                raise outcome
            return outcome
        except ApiError as error:
            if not error.audited:
                await self.audit_rejection(
                    "link_request",
                    error,
                    request_id=request_id,
                    oid=caller.oid,
                    uuid=uuid,
                    challenge_id=burn,
                )
            raise

    async def _record_link_request(
        self,
        tx: Tx,
        caller: Caller,
        card: CardIdentity,
        state: Any,
        now: datetime,
        request_id: str | None,
    ) -> LinkRequestView:
        if state.identity_status is None:
            raise ApiError(
                ErrorCode.IDENTITY_UNKNOWN,
                "this Care Identity is not in the directory",
                extra={"uuid": group_uuid(card.uuid)},
            )
        if state.identity_status != "active":
            raise ApiError(
                ErrorCode.IDENTITY_INACTIVE,
                "this Care Identity is not active",
                extra={"uuid": group_uuid(card.uuid)},
            )
        if state.account_active is None:  # first sight of this account
            self._check_account(await self._account(tx, caller))
        else:
            self._check_account(
                AccountState(active=state.account_active, aup_accepted=state.account_aup_accepted)
            )
        conflict = self._conflict_from(state.my_link_uuid, state.their_link_email, card.uuid)
        if conflict is not None:
            raise conflict
        link_request_id = new_id("lrq")
        expires = now + timedelta(seconds=self.config.link_request_ttl_s)
        match = names_match(caller.name, state.identity_name)
        await insert_link_request(
            tx,
            {
                "id": link_request_id,
                "oid": caller.oid,
                "email": caller.email,
                "account_name": caller.name,
                "uuid": card.uuid,
                "certificate_not_after": card.not_after,
                "certificate_issuer": card.issuer,
                "names_match": match,
                "created_at": now,
                "expires_at": expires,
                "status": "pending",
                "idempotency_key": None,
            },
            _audit_row("link_request", "ok", request_id, None if match else "names differ"),
        )
        return LinkRequestView(
            link_request_id=link_request_id,
            account=AccountView(oid=caller.oid, email=caller.email, display_name=caller.name),
            identity=IdentityView(
                uuid=card.uuid,
                display_name=state.identity_name,
                status=state.identity_status,
                certificate_not_after=card.not_after,
                certificate_issuer=card.issuer,
            ),
            expires_at=expires,
            portal_origin=self.config.public_origin,
            names_match=match,
        )

    async def confirm(
        self,
        caller: Caller,
        link_request_id: str,
        idempotency_key: str | None,
        request_id: str | None,
    ) -> LinkView:
        try:
            if idempotency_key is None or not IDEMPOTENCY_KEY_RE.match(idempotency_key):
                raise ApiError(
                    ErrorCode.BAD_REQUEST,
                    "an Idempotency-Key header (1-200 visible characters) is required",
                )
            if not ID_RE.match(link_request_id):
                raise ApiError(ErrorCode.NOT_FOUND, "no such link request")
            for _attempt in range(3):
                try:
                    return await self.tx.write(
                        lambda tx: self._confirm_once(
                            tx, caller, link_request_id, idempotency_key, request_id
                        )
                    )
                except UniqueViolation as exc:
                    conflict = await self.tx.read(
                        lambda tx: self._explain_violation(tx, caller, link_request_id)
                    )
                    if isinstance(conflict, LinkView):
                        return conflict
                    if conflict is not None:
                        raise conflict from exc
                    # a reference code collision: try again with a new code
            raise ApiError(ErrorCode.BAD_REQUEST, "could not record the link; try again")
        except ApiError as error:
            await self.audit_rejection(
                "confirm", error, request_id=request_id, oid=caller.oid, subject_id=link_request_id
            )
            raise

    async def _explain_violation(
        self, tx: Tx, caller: Caller, link_request_id: str
    ) -> LinkView | ApiError | None:
        """After a refused link insert: the link a concurrent confirm made, the conflict
        that refused it, or None (a reference code collision)."""
        existing = await tx.first(SEL_LINK_BY_REQUEST, {"lrid": link_request_id})
        if existing is not None:
            return self._link_view(existing)
        lr = await tx.first(SEL_LINK_REQUEST_UUID, {"lrid": link_request_id})
        return await self._conflict(tx, caller.oid, lr.uuid) if lr is not None else None

    async def _confirm_once(
        self,
        tx: Tx,
        caller: Caller,
        link_request_id: str,
        idempotency_key: str,
        request_id: str | None,
    ) -> LinkView:
        now = now_utc()
        link_id = new_id("lnk")
        reference = new_reference()
        audit = _audit_row("confirm", "ok", request_id, f"reference {reference}")
        done = await confirm_pending(
            tx,
            {
                "lrid": link_request_id,
                "oid": caller.oid,
                "now": now,
                "new_id": link_id,
                "new_reference": reference,
                "key": idempotency_key,
            },
            audit,
        )
        if done is not None:
            return self._new_link_view(link_id, reference, now, done)
        lr = await tx.first(SEL_LINK_REQUEST_FULL, {"lrid": link_request_id, "oid": caller.oid})
        if lr is None:
            raise ApiError(ErrorCode.NOT_FOUND, "no such link request")
        if lr.status == "confirmed":
            row = await tx.first(SEL_LINK_BY_REQUEST, {"lrid": link_request_id})
            if row is not None:
                return self._link_view(row)
            raise ApiError(ErrorCode.NOT_FOUND, "the link was removed")
        if lr.status != "pending":
            raise ApiError(ErrorCode.NOT_FOUND, "this link request was cancelled")
        if lr.expires_at <= now:
            raise ApiError(ErrorCode.LINK_REQUEST_EXPIRED, "this link request has expired")
        if lr.identity_status != "active":
            raise ApiError(ErrorCode.IDENTITY_INACTIVE, "this Care Identity is not active")
        if lr.account_active is None:  # no account row (removed since the request)
            self._check_account(await self._account(tx, caller))
        else:
            self._check_account(
                AccountState(active=lr.account_active, aup_accepted=lr.account_aup_accepted)
            )
        # No pre-check for existing links: the partial unique indexes decide, and a
        # violation is explained by confirm()'s UniqueViolation handler.
        await insert_confirmed_link(
            tx,
            {
                "id": link_id,
                "reference": reference,
                "link_request_id": link_request_id,
                "oid": caller.oid,
                "email": lr.email,
                "account_name": lr.account_name,
                "uuid": lr.uuid,
                "certificate_not_after": lr.certificate_not_after,
                "certificate_issuer": lr.certificate_issuer,
                "linked_at": now,
                "active": True,
                "removed_at": None,
            },
            {"lrid": link_request_id, "key": idempotency_key},
            audit,
        )
        return self._new_link_view(link_id, reference, now, lr)

    @classmethod
    def _new_link_view(cls, link_id: str, reference: str, linked_at: datetime, lr: Any) -> LinkView:
        """The link just made from link request row ``lr`` (which carries its identity's
        name and status)."""
        made = lr._asdict() | {"id": link_id, "reference": reference, "linked_at": linked_at}
        return cls._link_view(SimpleNamespace(**made))

    async def cancel(self, caller: Caller, link_request_id: str, request_id: str | None) -> None:
        async def work(tx: Tx) -> None:
            lr = await tx.first(
                SEL_LINK_REQUEST_STATUS, {"lrid": link_request_id, "oid": caller.oid}
            )
            if lr is None:
                raise ApiError(ErrorCode.NOT_FOUND, "no such link request")
            if lr.status == "confirmed":
                raise ApiError(
                    ErrorCode.ALREADY_LINKED,
                    "this link request was already confirmed; the link stands",
                    extra={"linked_side": "account"},
                )
            await tx.execute(CANCEL_LINK_REQUEST, {"lrid": link_request_id})
            await self._audit(
                tx,
                "cancel",
                "ok",
                request_id=request_id,
                oid=caller.oid,
                uuid=lr.uuid,
                subject_id=link_request_id,
            )

        try:
            if not ID_RE.match(link_request_id):
                raise ApiError(ErrorCode.NOT_FOUND, "no such link request")
            await self.tx.write(work)
        except ApiError as error:
            await self.audit_rejection(
                "cancel", error, request_id=request_id, oid=caller.oid, subject_id=link_request_id
            )
            raise

    async def ready(self) -> bool:
        try:
            await self.tx.read(lambda tx: tx.first(SEL_ANY_IDENTITY, {}))
            return True
        except Exception:
            return False


def _audit_row(
    event: str, outcome: str, request_id: str | None, detail: str | None
) -> dict[str, Any]:
    """An audit row's own values (who and what it is about are added by the caller, or
    come from the row written with it)."""
    return {
        "at": now_utc(),
        "event": event,
        "outcome": outcome,
        "request_id": request_id,
        "detail": detail[:500] if detail else None,
    }


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
