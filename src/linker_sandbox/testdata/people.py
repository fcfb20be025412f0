"""The sandbox's test people: one source for the identity provider, the portal's
seed data and the virtual cards, so each scenario lines up across all three.

Passwords and PINs here are public sandbox values, never real ones.
"""

from __future__ import annotations

from dataclasses import dataclass

SANDBOX_TENANT_ID = "5a1d0c2e-0000-4000-8000-00000000a11c"
SANDBOX_PASSWORD = "Sandbox-Pass-1"
DEFAULT_PIN = "123456"
MFA_CODE = "123456"


@dataclass(frozen=True)
class TestPerson:
    key: str  # short name used by commands: ``linker-sandbox card insert ready``
    username: str  # the NHSmail address (preferred_username)
    display_name: str
    oid: str
    care_identity_uuid: str  # 12 digits
    care_identity_name: str  # as the Care Identity directory has it
    demonstrates: str
    needs_mfa: bool = False
    account_enabled: bool = True
    aup_accepted: bool = True
    identity_status: str = "active"  # "active" | "inactive" | "unknown" (not in directory)
    card: str = "ok"  # "ok" | "locked" | "expired" | "wrong-ca" | "none"
    key_type: str = "rsa2048"
    linked_to_other: bool = False  # the Care Identity is already linked to someone else


PEOPLE: tuple[TestPerson, ...] = (
    TestPerson(
        "ready",
        "ready.user@nhs.net",
        "Alex Ready",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000001",
        "102048843983",
        "Alex Ready",
        "Everything in order: the whole journey links.",
    ),
    TestPerson(
        "mfa",
        "mfa.user@nhs.net",
        "Morgan Factor",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000002",
        "102048843984",
        "Morgan Factor",
        "Sign-in asks for a second factor (code 123456).",
        needs_mfa=True,
    ),
    TestPerson(
        "noaup",
        "noaup.user@nhs.net",
        "Noor Aup",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000003",
        "102048843985",
        "Noor Aup",
        "Acceptable Use Policy not accepted: stops before the card.",
        aup_accepted=False,
    ),
    TestPerson(
        "linked",
        "linked.user@nhs.net",
        "Lee Linked",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000004",
        "102048843986",
        "Lee Linked",
        "Card already linked to another NHSmail account.",
        linked_to_other=True,
    ),
    TestPerson(
        "locked",
        "locked.user@nhs.net",
        "Lou Locked",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000005",
        "102048843987",
        "Lou Locked",
        "Card PIN is locked: told how to unlock.",
        card="locked",
    ),
    TestPerson(
        "expired",
        "expired.user@nhs.net",
        "Eve Expired",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000006",
        "102048843988",
        "Eve Expired",
        "Card certificate has expired: told to renew.",
        card="expired",
    ),
    TestPerson(
        "unknown",
        "unknown.user@nhs.net",
        "Uma Unknown",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000007",
        "102048843989",
        "Uma Unknown",
        "Card's Care Identity is not in the directory.",
        identity_status="unknown",
    ),
    TestPerson(
        "disabled",
        "disabled.user@nhs.net",
        "Dee Disabled",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000008",
        "102048843990",
        "Dee Disabled",
        "NHSmail account disabled: sign-in refused.",
        account_enabled=False,
    ),
    TestPerson(
        "mismatch",
        "mismatch.user@nhs.net",
        "Sam Mismatch",
        "0b1e7f6c-1a2b-4c3d-8e9f-000000000009",
        "102048843991",
        "Samira Other",
        "Names differ between the accounts: flagged at review.",
    ),
)


def person(key: str) -> TestPerson:
    for candidate in PEOPLE:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no sandbox person {key!r}; known: {', '.join(p.key for p in PEOPLE)}")
