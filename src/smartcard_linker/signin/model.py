"""What a sign-in yields. Claims here are display hints only: the portal validates the token."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SignedInAccount:
    home_account_id: str
    username: str  # preferred_username (nhs.net address), display only
    display_name: str
    tenant_id: str


@dataclass(frozen=True)
class AccessToken:
    token: str = field(repr=False)  # never logged, never shown
    expires_at: datetime
    account: SignedInAccount
