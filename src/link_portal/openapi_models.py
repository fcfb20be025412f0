"""Pydantic shapes of the wire models, for request validation and the OpenAPI document.

Responses are rendered by link_protocol.models' dataclasses (the contract the app
parses); these mirrors only describe them. tests/portal/test_openapi.py checks that
real responses validate against the published schema.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from link_protocol.algorithms import SignatureAlgorithm


class LinkRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    challenge_id: str = Field(
        min_length=1,
        max_length=40,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="from POST /api/v1/challenges",
    )
    certificate: str = Field(
        min_length=4,
        max_length=32768,
        pattern=r"^[A-Za-z0-9+/]+={0,2}$",
        description="the card's certificate, standard base64 of DER",
    )
    signature: str = Field(
        min_length=4,
        max_length=2048,
        pattern=r"^[A-Za-z0-9+/]+={0,2}$",
        description="standard base64 of the signature",
    )
    signature_algorithm: SignatureAlgorithm


class AccountOut(BaseModel):
    oid: str
    email: str
    display_name: str


class IdentityOut(BaseModel):
    uuid: str = Field(description="12 digits, no spaces")
    display_name: str
    status: str = Field(description="active | inactive")
    certificate_not_after: datetime | None
    certificate_issuer: str | None


class LinkOut(BaseModel):
    link_id: str
    reference: str = Field(description="support code such as LNK-7F3K-92QD")
    linked_at: datetime
    account: AccountOut
    identity: IdentityOut


class MeOut(BaseModel):
    account: AccountOut
    account_active: bool
    aup_accepted: bool
    aup_url: str
    current_link: LinkOut | None


class ChallengeOut(BaseModel):
    challenge_id: str
    nonce: str = Field(description="32 random bytes, base64url without padding")
    origin: str = Field(description="the portal's public origin, part of the signed message")
    expires_at: datetime


class LinkRequestOut(BaseModel):
    link_request_id: str
    account: AccountOut
    identity: IdentityOut
    expires_at: datetime
    portal_origin: str
    names_match: bool = Field(
        description="false when the account's and the Care Identity's names differ"
    )


class ProblemOut(BaseModel):
    """RFC 9457 problem details; ``code`` is the stable member clients switch on."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    code: str
    request_id: str | None = None


class HealthOut(BaseModel):
    status: str
