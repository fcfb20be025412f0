"""Message codes are one enum, and every code the app raises or receives is in it."""

from __future__ import annotations

from link_protocol import ErrorCode
from smartcard_linker.codes import MessageCode
from smartcard_linker.flow.catalogue import CATALOGUE, entry_for
from tests.flow.test_catalogue import ALL_CODES


def test_the_catalogue_is_keyed_by_the_enum_and_covers_every_member() -> None:
    assert set(CATALOGUE) == set(MessageCode)
    assert all(isinstance(entry.code, MessageCode) for entry in CATALOGUE.values())


def test_every_raised_or_received_code_is_a_member() -> None:
    assert {str(code) for code in ALL_CODES} <= {code.value for code in MessageCode}
    assert {code.value for code in ErrorCode} <= {code.value for code in MessageCode}


def test_a_code_from_outside_still_finds_its_entry_by_value() -> None:
    assert entry_for("pin_locked").code is MessageCode.PIN_LOCKED
