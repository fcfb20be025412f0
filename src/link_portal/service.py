"""What the portal does for each Link API call, independent of HTTP.

Each call is one database transaction (SQLAlchemy Core statements on one connection;
ORM sessions cost more and added nothing a reader needs), read top to bottom: look
the rows up, check, write, commit. What guards a link is decided by the
database itself: a challenge is used up with ``UPDATE … WHERE used_at IS NULL`` (the
row count says who won), and the partial unique indexes allow one active link per
account and per Care Identity. A refused call commits its audit record (and the use
of its challenge) in the same transaction, so every attempt needs a fresh challenge.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import secrets
import unicodedata
import uuid as uuidlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from link_portal.certs import CardIdentity, CertificateChecker, CertificateProblem, verify_signature
from link_portal.config import PortalConfig
from link_portal.db import (
    WAIT_FOR_DISK,
    Account,
    AuditEvent,
    Challenge,
    Identity,
    Link,
    LinkRequest,
)
from link_portal.ratelimit import RateLimiter
from link_portal.tokens import Caller
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

AnyRow = Row[*tuple[Any, ...]]  # a result row of any columns

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,200}$")
MAX_CERT_BYTES = 16 * 1024
MAX_SIGNATURE_BYTES = 1024


# The reads, updates and deletes the calls run, built once with bound parameters:
# building a statement and its cache key on every call cost more than SQLite takes to
# run it (0.1-0.2 ms against 0.04 ms per statement, measured). Inserts are written
# where they happen: ``insert(Model)`` with a dict of values is as cheap.
ACCOUNT_BY_OID = select(Account).where(Account.oid == bindparam("oid"))
ACCOUNT_BY_OID_LOCKED = ACCOUNT_BY_OID.with_for_update()
IDENTITY_BY_UUID = select(Identity).where(Identity.uuid == bindparam("uuid"))
LINK_REQUEST_BY_ID = select(LinkRequest).where(LinkRequest.id == bindparam("id"))
LINK_REQUEST_BY_ID_LOCKED = LINK_REQUEST_BY_ID.with_for_update()
CURRENT_LINK = (  # the link's row with its Care Identity's name and status, for link_view
    select(Link, Identity.display_name, Identity.status)
    .join(Identity, Identity.uuid == Link.uuid)
    .where(Link.oid == bindparam("oid"), Link.active)
)
LINK_OF_REQUEST = select(Link).where(Link.link_request_id == bindparam("id"))
ACTIVE_LINKS_OF_EITHER = select(Link).where(
    Link.active, or_(Link.oid == bindparam("oid"), Link.uuid == bindparam("uuid"))
)
RECENT_CHALLENGES = select(func.count(), func.min(Challenge.created_at)).where(
    Challenge.oid == bindparam("oid"), Challenge.created_at > bindparam("since")
)
PURGE_SPENT_CHALLENGES = delete(Challenge).where(
    Challenge.oid == bindparam("oid"), Challenge.expires_at < bindparam("now")
)
USE_CHALLENGE = (  # of many simultaneous uses, exactly one gets the nonce back
    update(Challenge)
    .where(
        Challenge.id == bindparam("challenge_id"),
        Challenge.oid == bindparam("caller_oid"),
        Challenge.used_at.is_(None),
        Challenge.expires_at > bindparam("now"),
    )
    .values(used_at=bindparam("now"))
    .returning(Challenge.nonce)
)
RECORD_LINK = insert(Link).returning(*Link.__table__.columns)
SET_LINK_REQUEST_STATUS = (
    update(LinkRequest)
    .where(LinkRequest.id == bindparam("link_request_id"))
    .values(status=bindparam("new_status"), idempotency_key=bindparam("key"))
)


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


class DatabaseUnavailable(Exception):
    """The database cannot be reached or cannot write (disk, network, restart)."""


def now_utc() -> datetime:
    return datetime.now(UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuidlib.uuid4().hex}"


def new_reference() -> str:
    """LNK-XXXX-XXXX: 40 random bits in Crockford base32."""
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


def link_view(link: AnyRow, identity: AnyRow) -> LinkView:
    return LinkView(
        link_id=link.id,
        reference=link.reference,
        linked_at=link.linked_at,
        account=AccountView(oid=link.oid, email=link.email, display_name=link.account_name),
        identity=identity_view(identity, link.certificate_not_after, link.certificate_issuer),
    )


def identity_view(identity: AnyRow, not_after: datetime | None, issuer: str | None) -> IdentityView:
    """The Care Identity as the directory has it, with the card certificate that proved it."""
    return IdentityView(
        uuid=identity.uuid,
        display_name=identity.display_name,
        status=identity.status,
        certificate_not_after=not_after,
        certificate_issuer=issuer,
    )


def account_view(caller: Caller) -> AccountView:
    """The NHSmail account as the caller's token names it."""
    return AccountView(oid=caller.oid, email=caller.email, display_name=caller.name)


def _challenge_refusal(challenge: Row[Any] | None, caller: Caller, now: datetime) -> ApiError:
    """Why ``challenge`` cannot be used by ``caller`` now."""
    if challenge is None or challenge.oid != caller.oid:
        return ApiError(ErrorCode.NOT_FOUND, "no such challenge for this account")
    if challenge.used_at is not None:
        return ApiError(ErrorCode.CHALLENGE_USED, "this challenge has already been used")
    if challenge.expires_at <= now:
        return ApiError(ErrorCode.CHALLENGE_EXPIRED, "this challenge has expired")
    return ApiError(ErrorCode.CHALLENGE_USED, "this challenge has already been used")


class PortalService:
    def __init__(self, config: PortalConfig, engine: Engine, checker: CertificateChecker) -> None:
        self.config = config
        self.checker = checker
        self._engine = engine
        # for what a user can retry: not waiting for the disk on SQLite (db._sqlite_begin)
        self._retryable_engine = engine.execution_options(**{WAIT_FOR_DISK: False})
        # Link requests also need an unused challenge, and challenges are limited in the
        # database; this in-process bucket only blunts floods of hopeless requests.
        self._request_limit = RateLimiter(
            config.link_request_rate.count, config.link_request_rate.per_s
        )

    # -- the transaction and the audit log ---------------------------------------------

    @contextmanager
    def transaction(self, *, retryable: bool = False) -> Iterator[Connection]:
        """One transaction: committed when the block ends (on disk, unless ``retryable``:
        see db._sqlite_begin), rolled back if it raises. A database that cannot be
        reached is DatabaseUnavailable (a 503)."""
        engine = self._retryable_engine if retryable else self._engine
        try:
            with engine.begin() as connection:
                yield connection
        except IntegrityError:
            raise
        except DBAPIError as exc:
            if isinstance(exc.orig, Exception) and _is_outage(exc):
                first_line = str(exc.orig).splitlines()[0] if str(exc.orig) else "unavailable"
                raise DatabaseUnavailable(first_line) from exc
            raise

    @staticmethod
    def _audit(
        db: Connection,
        event: str,
        outcome: str,
        request_id: str | None,
        oid: str | None,
        uuid: str | None = None,
        subject_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        """An audit record: what happened to whom (never a token, certificate or signature)."""
        db.execute(
            insert(AuditEvent),
            {
                "at": now_utc(),
                "event": event,
                "outcome": outcome,
                "request_id": request_id,
                "oid": oid,
                "uuid": uuid,
                "subject_id": subject_id,
                "detail": detail[:500] if detail else None,
            },
        )

    @contextmanager
    def _call(
        self,
        event: str,
        caller: Caller,
        request_id: str | None,
        *,
        retryable: bool = False,
        **about: Any,
    ) -> Iterator[tuple[Connection, dict[str, Any]]]:
        """One call's transaction. A refusal (ApiError) inside it is audited and committed
        with whatever the call did before it (a challenge used up stays used), then
        raised; the yielded dict can name the Care Identity and subject for that record."""
        refusal: ApiError | None = None
        with self.transaction(retryable=retryable) as db:
            try:
                yield db, about
            except ApiError as error:
                about.setdefault("detail", error.detail)
                self._audit(db, event, error.code.value, request_id, caller.oid, **about)
                error.audited = True
                refusal = error
        if refusal is not None:
            raise refusal

    def audit_refusal(
        self, event: str, error: ApiError, *, request_id: str | None, oid: str | None
    ) -> None:
        """Record a call refused before it reached the service (token, schema, limits)."""
        with self.transaction() as db:
            self._audit(db, event, error.code.value, request_id, oid, detail=error.detail)

    # -- accounts ------------------------------------------------------------------

    def _account(self, db: Connection, caller: Caller, *, lock: bool = False) -> Row[Any]:
        """The caller's account, found by the token's immutable oid + tid.

        A pre-provisioned account known only by its email is bound to the oid + tid at
        the first sign-in; an email already bound to another oid is refused (the
        address was reassigned: ``preferred_username`` is mutable). ``lock`` holds the
        row until the transaction ends (PostgreSQL ``FOR UPDATE``), so calls that count
        the account's challenges cannot interleave.
        """
        query = ACCOUNT_BY_OID_LOCKED if lock else ACCOUNT_BY_OID
        account = db.execute(query, {"oid": caller.oid}).first()
        if account is not None:
            if account.tid is None:
                self._update_account(db, account.id, tid=caller.tenant_id)
            elif account.tid != caller.tenant_id:
                raise ApiError(ErrorCode.ACCOUNT_INACTIVE, "this account belongs to another tenant")
            return account
        email = caller.email.lower() or None
        if email is not None:
            by_email = db.execute(
                select(Account).where(Account.email == email).with_for_update()
            ).first()
            if by_email is not None and by_email.oid is None:
                self._update_account(
                    db, by_email.id, oid=caller.oid, tid=caller.tenant_id, display_name=caller.name
                )
                return by_email
            if by_email is not None:
                raise ApiError(
                    ErrorCode.ACCOUNT_INACTIVE,
                    "this NHSmail address is bound to another account; "
                    "contact your Local Administrator",
                )
        try:
            with db.begin_nested():  # a concurrent first call may have made it
                db.execute(
                    insert(Account).values(
                        oid=caller.oid,
                        tid=caller.tenant_id,
                        email=email,
                        display_name=caller.name,
                        aup_accepted=False,
                        active=True,
                        updated_at=now_utc(),
                    )
                )
        except IntegrityError:
            pass
        found = db.execute(query, {"oid": caller.oid}).first()
        if found is None:
            raise ApiError(
                ErrorCode.ACCOUNT_INACTIVE,
                "this NHSmail address is bound to another account; "
                "contact your Local Administrator",
            )
        return found

    @staticmethod
    def _update_account(db: Connection, account_id: int, **values: Any) -> None:
        db.execute(
            update(Account).where(Account.id == account_id).values(updated_at=now_utc(), **values)
        )

    def _check_account(self, account: Row[Any]) -> None:
        if not account.active:
            raise ApiError(ErrorCode.ACCOUNT_INACTIVE, "this NHSmail account is not active")
        if not account.aup_accepted:
            raise ApiError(
                ErrorCode.AUP_NOT_ACCEPTED,
                "the NHSmail Acceptable Use Policy has not been accepted",
                extra={"aup_url": self.config.aup_url},
            )

    @staticmethod
    def _conflict(db: Connection, oid: str, uuid: str) -> ApiError | None:
        """already_linked for either side, saying (masked) to what; the caller's own
        link is reported first."""
        links = db.execute(ACTIVE_LINKS_OF_EITHER, {"oid": oid, "uuid": uuid}).all()
        mine = next((link for link in links if link.oid == oid), None)
        theirs = next((link for link in links if link.uuid == uuid), None)
        if mine is not None:
            same = mine.uuid == uuid
            return ApiError(
                ErrorCode.ALREADY_LINKED,
                "this NHSmail account is already linked to "
                + ("this Care Identity" if same else "another Care Identity"),
                extra={
                    "linked_side": "account",
                    "linked_identity": group_uuid(mine.uuid) if same else mask_uuid(mine.uuid),
                },
            )
        if theirs is not None:
            return ApiError(
                ErrorCode.ALREADY_LINKED,
                "this Care Identity is already linked to another NHSmail account",
                extra={"linked_side": "identity", "linked_account": mask_email(theirs.email)},
            )
        return None

    @staticmethod
    def _identity(db: Connection, uuid: str) -> Row[Any] | None:
        return db.execute(IDENTITY_BY_UUID, {"uuid": uuid}).first()

    @staticmethod
    def _link_request(
        db: Connection, link_request_id: str, *, lock: bool = False
    ) -> Row[Any] | None:
        query = LINK_REQUEST_BY_ID_LOCKED if lock else LINK_REQUEST_BY_ID
        return db.execute(query, {"id": link_request_id}).first()

    # -- the calls -----------------------------------------------------------------

    def me(self, caller: Caller, request_id: str | None) -> MeView:
        with self._call("me", caller, request_id, retryable=True) as (db, _about):
            account = self._account(db, caller)
            link = db.execute(CURRENT_LINK, {"oid": caller.oid}).first()
            return MeView(
                account=account_view(caller),
                account_active=account.active,
                aup_accepted=account.aup_accepted,
                aup_url=self.config.aup_url,
                current_link=link_view(link, identity=link) if link is not None else None,
            )

    def create_challenge(self, caller: Caller, request_id: str | None) -> ChallengeView:
        """Refused early (AUP, inactive, rate) so nobody types a PIN for nothing. The
        account row is locked while its recent challenges are counted, so the limit
        is exact however many calls arrive at once."""
        now = now_utc()
        rate = self.config.challenge_rate
        window_start = now - timedelta(seconds=rate.per_s)
        with self._call("challenge", caller, request_id, retryable=True) as (db, _about):
            self._check_account(self._account(db, caller, lock=True))
            count, oldest = db.execute(
                RECENT_CHALLENGES, {"oid": caller.oid, "since": window_start}
            ).one()
            if count == 0:  # the first in a while: purge the account's spent challenges
                db.execute(PURGE_SPENT_CHALLENGES, {"oid": caller.oid, "now": now})
            if count >= rate.count and oldest is not None:
                wait = math.ceil((oldest - window_start).total_seconds())
                raise ApiError(
                    ErrorCode.RATE_LIMITED, "too many challenges", retry_after=max(1, wait)
                )
            challenge = ChallengeView(
                challenge_id=new_id("chl"),
                nonce=secrets.token_bytes(NONCE_BYTES),
                origin=self.config.public_origin,
                expires_at=now + timedelta(seconds=self.config.challenge_ttl_s),
            )
            db.execute(
                insert(Challenge),
                {
                    "id": challenge.challenge_id,
                    "oid": caller.oid,
                    "nonce": challenge.nonce,
                    "created_at": now,
                    "expires_at": challenge.expires_at,
                },
            )
            return challenge

    def create_link_request(
        self, caller: Caller, body: Mapping[str, str], request_id: str | None
    ) -> LinkRequestView:
        """The challenge is used up first (atomically: of many simultaneous uses exactly
        one proceeds), then the card's certificate and signature are checked, then the
        directory, the account and existing links. A refusal commits with the use.

        The certificate's chain and revocation are checked before the transaction
        begins, so no database lock is held while an OCSP responder is asked; a problem
        found there is raised only once the challenge is used up, as if found after."""
        wait = self._request_limit.acquire(caller.oid)
        if wait:
            raise ApiError(ErrorCode.RATE_LIMITED, "too many link requests", retry_after=wait)
        challenge_id = body["challenge_id"]  # the schema (LinkRequestIn) checked the shapes
        certificate = _b64(body["certificate"], "certificate", MAX_CERT_BYTES)
        signature = _b64(body["signature"], "signature", MAX_SIGNATURE_BYTES)
        algorithm = SignatureAlgorithm(body["signature_algorithm"])
        card: CardIdentity | CertificateProblem
        try:
            card = self.checker.check(certificate)
        except CertificateProblem as problem:
            card = problem
        with self._call("link_request", caller, request_id, retryable=True) as (db, about):
            now = now_utc()
            nonce = db.scalar(
                USE_CHALLENGE, {"challenge_id": challenge_id, "caller_oid": caller.oid, "now": now}
            )
            if nonce is None:  # someone else's, used, expired or unknown: say which
                used = db.execute(select(Challenge).where(Challenge.id == challenge_id)).first()
                raise _challenge_refusal(used, caller, now)
            try:
                if isinstance(card, CertificateProblem):
                    raise card
                about["uuid"] = card.uuid
                message = build_link_message(self.config.public_origin, nonce, caller.oid)
                verify_signature(card, algorithm, message, signature)
            except CertificateProblem as problem:
                raise ApiError(ErrorCode(problem.code), problem.detail) from problem
            return self._record_link_request(db, caller, card, now, request_id)

    def _record_link_request(
        self,
        db: Connection,
        caller: Caller,
        card: CardIdentity,
        now: datetime,
        request_id: str | None,
    ) -> LinkRequestView:
        identity = self._identity(db, card.uuid)
        if identity is None:
            raise ApiError(
                ErrorCode.IDENTITY_UNKNOWN,
                "this Care Identity is not in the directory",
                extra={"uuid": group_uuid(card.uuid)},
            )
        if identity.status != "active":
            raise ApiError(
                ErrorCode.IDENTITY_INACTIVE,
                "this Care Identity is not active",
                extra={"uuid": group_uuid(card.uuid)},
            )
        self._check_account(self._account(db, caller))  # the AUP may be withdrawn
        conflict = self._conflict(db, caller.oid, card.uuid)
        if conflict is not None:
            raise conflict
        match = names_match(caller.name, identity.display_name)
        link_request_id = new_id("lrq")
        expires_at = now + timedelta(seconds=self.config.link_request_ttl_s)
        db.execute(
            insert(LinkRequest),
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
                "expires_at": expires_at,
                "status": "pending",
                "idempotency_key": None,
            },
        )
        detail = None if match else "names differ"
        self._audit(
            db, "link_request", "ok", request_id, caller.oid, card.uuid, link_request_id, detail
        )
        return LinkRequestView(
            link_request_id=link_request_id,
            account=account_view(caller),
            identity=identity_view(identity, card.not_after, card.issuer),
            expires_at=expires_at,
            portal_origin=self.config.public_origin,
            names_match=match,
        )

    def confirm(
        self, caller: Caller, link_request_id: str, idempotency_key: str, request_id: str | None
    ) -> LinkView:
        """Records the link; a retry of a confirmed request returns the same link. The
        partial unique indexes are the final word: when a concurrent confirm wins, the
        loser's insert fails and is answered from what the winner recorded."""
        if not IDEMPOTENCY_KEY_RE.match(idempotency_key):
            raise ApiError(
                ErrorCode.BAD_REQUEST,
                "an Idempotency-Key header (1-200 visible characters) is required",
            )
        for _attempt in range(3):
            try:
                return self._confirm_once(caller, link_request_id, idempotency_key, request_id)
            except IntegrityError:
                # rolled back: say what the winner made, or why it is refused
                with self._call("confirm", caller, request_id, subject_id=link_request_id) as (
                    db,
                    _about,
                ):
                    done = db.execute(LINK_OF_REQUEST, {"id": link_request_id}).first()
                    identity = self._identity(db, done.uuid) if done is not None else None
                    if done is not None and identity is not None:
                        return link_view(done, identity)
                    link_request = self._link_request(db, link_request_id)
                    if link_request is not None:
                        conflict = self._conflict(db, caller.oid, link_request.uuid)
                        if conflict is not None:
                            raise conflict from None
                # a link reference collision: try again with a new one
        raise ApiError(ErrorCode.SERVICE_UNAVAILABLE, "could not record the link; try again")

    def _confirm_once(
        self, caller: Caller, link_request_id: str, idempotency_key: str, request_id: str | None
    ) -> LinkView:
        with self._call("confirm", caller, request_id, subject_id=link_request_id) as (
            db,
            _about,
        ):
            now = now_utc()
            link_request = self._link_request(db, link_request_id, lock=True)
            if link_request is None or link_request.oid != caller.oid:
                raise ApiError(ErrorCode.NOT_FOUND, "no such link request")
            identity = self._identity(db, link_request.uuid)
            assert identity is not None  # a foreign key
            if link_request.status == "confirmed":
                link = db.execute(LINK_OF_REQUEST, {"id": link_request_id}).first()
                if link is None:
                    raise ApiError(ErrorCode.NOT_FOUND, "the link was removed")
                return link_view(link, identity)
            if link_request.status != "pending":
                raise ApiError(ErrorCode.NOT_FOUND, "this link request was cancelled")
            if link_request.expires_at <= now:
                raise ApiError(ErrorCode.LINK_REQUEST_EXPIRED, "this link request has expired")
            if identity.status != "active":
                raise ApiError(ErrorCode.IDENTITY_INACTIVE, "this Care Identity is not active")
            self._check_account(self._account(db, caller))
            # no look for existing links: the unique indexes decide (see confirm)
            link = db.execute(
                RECORD_LINK,
                {
                    "id": new_id("lnk"),
                    "reference": new_reference(),
                    "link_request_id": link_request_id,
                    "oid": caller.oid,
                    "email": link_request.email,
                    "account_name": link_request.account_name,
                    "uuid": link_request.uuid,
                    "certificate_not_after": link_request.certificate_not_after,
                    "certificate_issuer": link_request.certificate_issuer,
                    "linked_at": now,
                    "active": True,
                    "removed_at": None,
                },
            ).one()
            db.execute(
                SET_LINK_REQUEST_STATUS,
                {
                    "link_request_id": link_request_id,
                    "new_status": "confirmed",
                    "key": idempotency_key,
                },
            )
            detail = f"reference {link.reference}"
            self._audit(db, "confirm", "ok", request_id, caller.oid, link.uuid, link.id, detail)
            return link_view(link, identity)

    def cancel(self, caller: Caller, link_request_id: str, request_id: str | None) -> None:
        with self._call("cancel", caller, request_id, subject_id=link_request_id) as (
            db,
            _about,
        ):
            link_request = self._link_request(db, link_request_id, lock=True)
            if link_request is None or link_request.oid != caller.oid:
                raise ApiError(ErrorCode.NOT_FOUND, "no such link request")
            if link_request.status == "confirmed":
                raise ApiError(
                    ErrorCode.ALREADY_LINKED,
                    "this link request was already confirmed; the link stands",
                    extra={"linked_side": "account"},
                )
            db.execute(
                SET_LINK_REQUEST_STATUS,
                {"link_request_id": link_request_id, "new_status": "cancelled", "key": None},
            )
            uuid = link_request.uuid
            self._audit(db, "cancel", "ok", request_id, caller.oid, uuid, link_request_id)

    def ready(self) -> bool:
        try:
            with self.transaction() as db:
                db.execute(select(Identity.uuid).limit(1))
            return True
        except Exception:
            return False


def _is_outage(exc: DBAPIError) -> bool:
    """The database is away or cannot write (not a statement's own error)."""
    if exc.connection_invalidated:
        return True
    name = type(exc.orig).__name__
    return name in ("OperationalError", "InterfaceError")
