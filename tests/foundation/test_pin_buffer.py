"""The PIN buffer: a fixed bytearray the app overwrites, whatever was typed into it."""

from __future__ import annotations

from smartcard_linker.pin_buffer import PinBuffer, wipe


def test_typing_backspace_and_take_leave_nothing_behind() -> None:
    buffer = PinBuffer(8)
    for char in "12345é7":
        assert buffer.append(char)
    buffer.backspace()
    assert len(buffer) == 6
    storage = buffer._bytes  # the one allocation the PIN was typed into
    pin = buffer.take()
    assert pin == bytearray("12345é".encode())
    assert storage is buffer._bytes and not any(storage) and len(buffer) == 0


def test_the_longest_pin_is_the_limit() -> None:
    buffer = PinBuffer(4)
    assert all(buffer.append(c) for c in "1234")
    assert not buffer.append("5")
    assert buffer.take() == bytearray(b"1234")


def test_wipe_overwrites_in_place() -> None:
    pin = bytearray(b"123456")
    wipe(pin)
    assert pin == bytearray(6)
    wipe(None)  # nothing handed over: nothing to do
