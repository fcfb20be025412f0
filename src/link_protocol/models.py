"""Wire models of Link API v1: the JSON each call sends and answers.

Plain dataclasses with ``to_json``/``from_json`` so the app needs no server
library; the portal builds its responses from the same classes, so the two ends
cannot drift apart silently.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _opt_time(text: str | None) -> datetime | None:
    return parse_time(text) if text else None


@dataclass(frozen=True)
class AccountView:
    """An NHSmail account as the portal knows it (validated from the access token)."""

    oid: str
    email: str
    display_name: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AccountView:
        return cls(
            oid=str(data["oid"]), email=str(data["email"]), display_name=str(data["display_name"])
        )


@dataclass(frozen=True)
class IdentityView:
    """An NHS Care Identity as the portal's directory and the card certificate show it."""

    uuid: str  # 12 digits, no spaces
    display_name: str
    status: str  # "active" | "inactive"
    certificate_not_after: datetime | None = None
    certificate_issuer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "display_name": self.display_name,
            "status": self.status,
            "certificate_not_after": (
                format_time(self.certificate_not_after) if self.certificate_not_after else None
            ),
            "certificate_issuer": self.certificate_issuer,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IdentityView:
        return cls(
            uuid=str(data["uuid"]),
            display_name=str(data["display_name"]),
            status=str(data["status"]),
            certificate_not_after=_opt_time(data.get("certificate_not_after")),
            certificate_issuer=data.get("certificate_issuer"),
        )


@dataclass(frozen=True)
class LinkView:
    """A recorded link between an account and a Care Identity."""

    link_id: str
    reference: str  # short code for support, e.g. "LNK-7F3K-92QD"
    linked_at: datetime
    account: AccountView
    identity: IdentityView

    def to_json(self) -> dict[str, Any]:
        return {
            "link_id": self.link_id,
            "reference": self.reference,
            "linked_at": format_time(self.linked_at),
            "account": self.account.to_json(),
            "identity": self.identity.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkView:
        return cls(
            link_id=str(data["link_id"]),
            reference=str(data["reference"]),
            linked_at=parse_time(data["linked_at"]),
            account=AccountView.from_json(data["account"]),
            identity=IdentityView.from_json(data["identity"]),
        )


@dataclass(frozen=True)
class MeView:
    """``GET /api/v1/me``: who the caller is and whether they may link now."""

    account: AccountView
    account_active: bool
    aup_accepted: bool
    aup_url: str
    current_link: LinkView | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account.to_json(),
            "account_active": self.account_active,
            "aup_accepted": self.aup_accepted,
            "aup_url": self.aup_url,
            "current_link": self.current_link.to_json() if self.current_link else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MeView:
        link = data.get("current_link")
        return cls(
            account=AccountView.from_json(data["account"]),
            account_active=bool(data["account_active"]),
            aup_accepted=bool(data["aup_accepted"]),
            aup_url=str(data["aup_url"]),
            current_link=LinkView.from_json(link) if link else None,
        )


@dataclass(frozen=True)
class ChallengeView:
    """``POST /api/v1/challenges``: a one-time nonce bound to the caller's oid."""

    challenge_id: str
    nonce: bytes  # raw 32 bytes; base64url on the wire
    origin: str
    expires_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "challenge_id": self.challenge_id,
            "nonce": b64url_encode(self.nonce),
            "origin": self.origin,
            "expires_at": format_time(self.expires_at),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChallengeView:
        return cls(
            challenge_id=str(data["challenge_id"]),
            nonce=b64url_decode(str(data["nonce"])),
            origin=str(data["origin"]),
            expires_at=parse_time(data["expires_at"]),
        )


@dataclass(frozen=True)
class LinkRequestBody:
    """``POST /api/v1/link-requests`` body."""

    challenge_id: str
    certificate: bytes  # DER; standard base64 on the wire
    signature: bytes  # standard base64 on the wire
    signature_algorithm: str

    def to_json(self) -> dict[str, Any]:
        return {
            "challenge_id": self.challenge_id,
            "certificate": base64.b64encode(self.certificate).decode("ascii"),
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "signature_algorithm": self.signature_algorithm,
        }


@dataclass(frozen=True)
class LinkRequestView:
    """A verified, pending link request: both identities for the user to review."""

    link_request_id: str
    account: AccountView
    identity: IdentityView
    expires_at: datetime
    portal_origin: str
    names_match: bool = field(default=True)

    def to_json(self) -> dict[str, Any]:
        return {
            "link_request_id": self.link_request_id,
            "account": self.account.to_json(),
            "identity": self.identity.to_json(),
            "expires_at": format_time(self.expires_at),
            "portal_origin": self.portal_origin,
            "names_match": self.names_match,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkRequestView:
        return cls(
            link_request_id=str(data["link_request_id"]),
            account=AccountView.from_json(data["account"]),
            identity=IdentityView.from_json(data["identity"]),
            expires_at=parse_time(data["expires_at"]),
            portal_origin=str(data["portal_origin"]),
            names_match=bool(data.get("names_match", True)),
        )


@dataclass(frozen=True)
class Problem:
    """RFC 9457 problem details with the stable ``code`` member."""

    code: str
    title: str
    status: int
    detail: str = ""
    request_id: str | None = None
    retry_after: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://smartcard-linker.invalid/problems/{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if self.request_id:
            body["request_id"] = self.request_id
        body.update(self.extra)
        return body

    @classmethod
    def from_json(
        cls, data: dict[str, Any], *, request_id: str | None = None, retry_after: int | None = None
    ) -> Problem:
        known = {"type", "title", "status", "detail", "code", "request_id"}
        return cls(
            code=str(data.get("code", "unexpected")),
            title=str(data.get("title", "")),
            status=int(data.get("status", 0)),
            detail=str(data.get("detail", "")),
            request_id=data.get("request_id") or request_id,
            retry_after=retry_after,
            extra={k: v for k, v in data.items() if k not in known},
        )
