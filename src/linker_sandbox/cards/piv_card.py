"""A virtual PIV card on a vpcd reader: the sandbox's stand-in for an NHS Series 9/10 card.

It implements the part of the PIV card application (NIST SP 800-73-4, Part 2) that
OpenSC 0.23's ``card-piv.c`` and ``pkcs15-piv.c`` use, so the app reaches it through
OpenSC's own ``PIV-II`` driver and ``opensc-pkcs11.so``, as on a real IDEMIA PIV card:

- PIV is the default application at power-on, so OpenSC's first probe (GET DATA of
  the discovery object ``7E``) succeeds before any SELECT;
- SELECT by the right-truncated AID ``A0 00 00 03 08 00 00 10 00`` answers the
  application property template (tag ``61``); a re-SELECT keeps the PIN state; any
  other AID (coolkey, MUSCLE, SmartCard-HSM, ... that OpenSC's earlier drivers try)
  gets ``6A 82`` and leaves PIV selected;
- GET DATA (``00 CB 3F FF``, ``5C`` tag list): discovery ``7E``, CHUID ``5FC102``
  (with a GUID, which OpenSC makes the token serial), the PIV Authentication
  certificate ``5FC105`` (slot 9A); anything else ``6A 82``; OpenSC's 8-byte length
  probe is answered with the first 8 bytes;
- VERIFY of the PIV application PIN (``00 20 00 80``, 8 bytes padded with ``FF``):
  ``63 Cx`` tries left after a wrong PIN, ``69 83`` when blocked; VERIFY with no
  data answers ``90 00`` when verified or ``63 Cx`` without spending a try;
  ``P1 = FF`` resets the PIN state;
- GENERAL AUTHENTICATE (``00 87 alg 9A``, ``7C { 82 00, 81 challenge }``) with the
  9A key: raw RSA-2048 (alg ``07``) on the block OpenSC pads, or ECDSA P-256 (alg
  ``11``) on a 32-byte digest, answered ``7C { 82 response }``;
- command chaining (CLA ``10``) and ``61 xx`` / GET RESPONSE for long answers.

Runs as its own process (``python -m linker_sandbox.cards.piv_card --port N``): starting it
inserts the card, stopping it removes it. Personalisation arrives as one JSON object
on stdin (key PEM, certificate DER, GUID, ATR, PIN, tries) so no key touches the disk.
vpcd protocol: 2-byte big-endian length then payload; a 1-byte payload is a control
code (0 power off, 1 power on, 2 reset, 4 ATR), anything else a command APDU.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import socket
import struct
import sys
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

# NIST SP 800-73-4 Part 1, 2.2: the PIV card application's AID (version 01 00).
PIV_AID = bytes.fromhex("A000000308000010000100")
PIV_AID_TRUNCATED = PIV_AID[:9]
NIST_RID = PIV_AID[:5]

# pcsc-tools smartcard_list.txt: "Oberthur Technologies ID-One PIV/CIV on V8 Device",
# "IDEMIA Cosmo V8.1 with a PIV applet". OpenSC 0.23 has no entry for it, so its PIV
# driver treats the card as a generic PIV card (as it does most IDEMIA PIV cards).
DEFAULT_ATR = bytes.fromhex("3BD6970081B1FE451F878031C152411A2B")

TAG_DISCOVERY = bytes.fromhex("7E")
TAG_CHUID = bytes.fromhex("5FC102")
TAG_PIV_AUTH_CERT = bytes.fromhex("5FC105")
KEY_PIV_AUTH = 0x9A
PIN_REFERENCE = 0x80  # PIV Card Application PIN
ALG_RSA_2048 = 0x07
ALG_ECC_P256 = 0x11

SW_OK = b"\x90\x00"
SW_NOT_FOUND = b"\x6a\x82"
SW_WRONG_DATA = b"\x6a\x80"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_REF_NOT_FOUND = b"\x6a\x88"
SW_SECURITY = b"\x69\x82"
SW_BLOCKED = b"\x69\x83"
SW_WRONG_LENGTH = b"\x67\x00"
SW_NO_INS = b"\x6d\x00"
SW_NO_CLA = b"\x6e\x00"
SW_CONDITIONS = b"\x69\x85"
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def tlv(tag: bytes, value: bytes) -> bytes:
    """BER-TLV with a definite length (short form, or 81 / 82 long forms)."""
    size = len(value)
    if size < 0x80:
        length = bytes([size])
    elif size <= 0xFF:
        length = bytes([0x81, size])
    else:
        length = bytes([0x82]) + size.to_bytes(2, "big")
    return tag + length + value


def parse_tlvs(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (tag, value) pairs at one level of a BER-TLV string; ValueError when malformed."""
    items: list[tuple[bytes, bytes]] = []
    i = 0
    while i < len(data):
        start = i
        i += 1
        if data[start] & 0x1F == 0x1F:  # multi-byte tag
            while i < len(data) and data[i] & 0x80:
                i += 1
            i += 1
        tag = data[start:i]
        if i >= len(data):
            raise ValueError("truncated TLV")
        first = data[i]
        i += 1
        if first < 0x80:
            size = first
        else:
            count = first & 0x7F
            if count == 0 or count > 2 or i + count > len(data):
                raise ValueError("bad TLV length")
            size = int.from_bytes(data[i : i + count], "big")
            i += count
        if i + size > len(data):
            raise ValueError("TLV value runs past the end")
        items.append((tag, data[i : i + size]))
        i += size
    return items


def atr_check_byte(atr_without_tck: bytes) -> int:
    """TCK (ISO/IEC 7816-3, 8.2.5): XOR of T0 up to the last historical byte."""
    check = 0
    for byte in atr_without_tck[1:]:
        check ^= byte
    return check


def discovery_object() -> bytes:
    """SP 800-73-4 Part 1, 3.3.2: the AID and a PIN usage policy of "PIV PIN only" (40 00)."""
    return tlv(TAG_DISCOVERY, tlv(b"\x4f", PIV_AID) + tlv(b"\x5f\x2f", b"\x40\x00"))


def chuid_object(guid: bytes, expiry: str) -> bytes:
    """The CHUID (SP 800-73-4 Part 1, 3.1.2) with the GUID, expiry date and an empty signature.

    The FASC-N (tag 30) is left out: a sandbox card has no agency code, and OpenSC
    takes the GUID as the card's serial number when no usable FASC-N is there.
    """
    body = (
        tlv(b"\x34", guid) + tlv(b"\x35", expiry.encode("ascii")) + tlv(b"\x3e", b"") + b"\xfe\x00"
    )
    return tlv(b"\x53", body)


def certificate_object(cert_der: bytes) -> bytes:
    """SP 800-73-4 Part 1, 3.1: ``53 { 70 cert, 71 00 (not compressed), FE (LRC, empty) }``."""
    return tlv(b"\x53", tlv(b"\x70", cert_der) + tlv(b"\x71", b"\x00") + b"\xfe\x00")


@dataclass
class PivCard:
    """The PIV application state of one card; ``apdu()`` answers one command."""

    key: PrivateKey
    cert_der: bytes
    guid: bytes
    expiry: str = "20991231"
    pin: bytes = b"123456"
    max_tries: int = 3
    tries_left: int = 3
    atr: bytes = DEFAULT_ATR
    verified: bool = False
    _pending: bytes = b""
    _chain: bytes = b""
    _objects: dict[bytes, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.guid) != 16 or not any(self.guid):
            raise ValueError("the CHUID GUID is 16 bytes, not all zero")
        self._objects = {
            TAG_DISCOVERY: discovery_object(),
            TAG_CHUID: chuid_object(self.guid, self.expiry),
            TAG_PIV_AUTH_CERT: certificate_object(self.cert_der),
        }

    # -- power ---------------------------------------------------------------
    def control(self, code: int) -> bytes | None:
        if code == CTRL_ATR:
            return self.atr
        if code in (CTRL_OFF, CTRL_ON, CTRL_RESET):
            self.reset()
        return None

    def reset(self) -> None:
        """A power cycle: PIV selected again (it is the default application), PIN unverified."""
        self.verified = False
        self._pending = b""
        self._chain = b""

    # -- commands ------------------------------------------------------------
    def apdu(self, command: bytes) -> bytes:
        if len(command) < 4:
            return SW_WRONG_LENGTH
        cla, ins, p1, p2 = command[:4]
        try:
            data, le = _body(command)
        except ValueError:
            return SW_WRONG_LENGTH
        if ins != 0xC0:
            self._pending = b""
        if cla & 0xEF != 0x00:
            return SW_NO_CLA
        if cla & 0x10:  # chaining: more of this command follows
            self._chain += data
            return SW_OK
        if self._chain:
            data, self._chain = self._chain + data, b""
        handlers = {
            0xA4: self._select,
            0xCB: self._get_data,
            0x20: self._verify,
            0x87: self._general_authenticate,
        }
        if ins == 0xC0:
            return self._get_response(le)
        handler = handlers.get(ins)
        if handler is None:
            return SW_NO_INS
        result = handler(p1, p2, data)
        if len(result) == 2:
            return result
        return self._answer(result[:-2], le) if result[-2:] == SW_OK else result

    def _answer(self, payload: bytes, le: int) -> bytes:
        """Up to ``le`` bytes now, the rest announced with ``61 xx`` for GET RESPONSE."""
        if len(payload) <= le:
            return payload + SW_OK
        self._pending = payload[le:]
        return payload[:le] + bytes([0x61, min(len(self._pending), 0x100) & 0xFF])

    def _get_response(self, le: int) -> bytes:
        if not self._pending:
            return SW_CONDITIONS
        pending, self._pending = self._pending, b""
        return self._answer(pending, le)

    def _select(self, p1: int, p2: int, aid: bytes) -> bytes:
        if p1 != 0x04:
            return SW_NOT_FOUND
        if len(aid) < len(NIST_RID) or not PIV_AID.startswith(aid):
            return SW_NOT_FOUND  # another application: PIV stays selected
        authority = tlv(b"\x79", tlv(b"\x4f", NIST_RID))
        return tlv(b"\x61", tlv(b"\x4f", PIV_AID[5:]) + authority) + SW_OK

    def _get_data(self, p1: int, p2: int, data: bytes) -> bytes:
        if (p1, p2) != (0x3F, 0xFF):
            return SW_WRONG_P1P2
        try:
            items = parse_tlvs(data)
        except ValueError:
            return SW_WRONG_DATA
        if len(items) != 1 or items[0][0] != b"\x5c":
            return SW_WRONG_DATA
        found = self._objects.get(items[0][1])
        return SW_NOT_FOUND if found is None else found + SW_OK

    def _verify(self, p1: int, p2: int, data: bytes) -> bytes:
        if p2 != PIN_REFERENCE:
            return SW_REF_NOT_FOUND
        if p1 == 0xFF:  # SP 800-73-4 Part 2, 3.2.1: reset the PIN's security status
            self.verified = False
            return SW_OK
        if p1 != 0x00:
            return SW_WRONG_P1P2
        if not data:  # ask the status: spends no try
            if self.verified:
                return SW_OK
            return SW_BLOCKED if self.tries_left == 0 else bytes([0x63, 0xC0 | self.tries_left])
        if len(data) != 8:
            return SW_WRONG_DATA
        if self.tries_left == 0:
            return SW_BLOCKED
        if data.rstrip(b"\xff") == self.pin:
            self.tries_left = self.max_tries
            self.verified = True
            return SW_OK
        self.tries_left -= 1
        self.verified = False
        return bytes([0x63, 0xC0 | self.tries_left])

    def _general_authenticate(self, alg: int, key_ref: int, data: bytes) -> bytes:
        if key_ref != KEY_PIV_AUTH:
            return SW_REF_NOT_FOUND
        if not self.verified:
            return SW_SECURITY
        try:
            outer = parse_tlvs(data)
            if len(outer) != 1 or outer[0][0] != b"\x7c":
                return SW_WRONG_DATA
            inner = dict(parse_tlvs(outer[0][1]))
        except ValueError:
            return SW_WRONG_DATA
        challenge = inner.get(b"\x81")
        if b"\x82" not in inner or challenge is None:
            return SW_WRONG_DATA
        signature = self._private_operation(alg, challenge)
        if len(signature) == 2:
            return signature
        return tlv(b"\x7c", tlv(b"\x82", signature)) + SW_OK

    def _private_operation(self, alg: int, block: bytes) -> bytes:
        key = self.key
        if isinstance(key, rsa.RSAPrivateKey):
            if alg != ALG_RSA_2048 or key.key_size != 2048:
                return SW_WRONG_P1P2
            numbers = key.private_numbers()
            n = numbers.public_numbers.n
            value = int.from_bytes(block, "big")
            if len(block) != 256 or value >= n:
                return SW_WRONG_DATA
            # Raw RSA with the CRT, as a card does: OpenSC has already padded the block.
            m1 = pow(value, numbers.dmp1, numbers.p)
            m2 = pow(value, numbers.dmq1, numbers.q)
            h = (numbers.iqmp * (m1 - m2)) % numbers.p
            return (m2 + h * numbers.q).to_bytes(256, "big")
        if alg != ALG_ECC_P256 or key.curve.name != "secp256r1":
            return SW_WRONG_P1P2
        if len(block) != 32:
            return SW_WRONG_DATA
        return key.sign(block, ec.ECDSA(Prehashed(hashes.SHA256())))


def _body(command: bytes) -> tuple[bytes, int]:
    """(data, Le) of a short APDU; Le 0 or absent means 256."""
    rest = command[4:]
    if not rest:
        return b"", 256
    if len(rest) == 1:
        return b"", rest[0] or 256
    size = rest[0]
    if size == 0 or len(rest) not in (1 + size, 2 + size):
        raise ValueError("malformed APDU")
    data = rest[1 : 1 + size]
    le = rest[1 + size] if len(rest) == 2 + size else 256
    return data, le or 256


def build_card(personal: dict[str, Any]) -> PivCard:
    key = serialization.load_pem_private_key(personal["key_pem"].encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SystemExit("unsupported key type")
    tries = int(personal.get("tries", 3))
    return PivCard(
        key=key,
        cert_der=bytes.fromhex(personal["cert_der"]),
        guid=bytes.fromhex(personal["guid"]),
        expiry=str(personal.get("expiry", "20991231")),
        pin=str(personal.get("pin", "123456")).encode(),
        max_tries=tries,
        tries_left=0 if personal.get("locked") else tries,
        atr=bytes.fromhex(personal.get("atr") or DEFAULT_ATR.hex()),
    )


def _read_exact(sock: socket.socket, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def serve(card: PivCard, host: str, port: int) -> None:
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print("ready", flush=True)
    while True:
        header = _read_exact(sock, 2)
        if header is None:
            return
        # Without QUICKACK each APDU waits for a delayed ACK (~40 ms).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        payload = _read_exact(sock, struct.unpack(">H", header)[0])
        if payload is None:
            return
        answer = card.control(payload[0]) if len(payload) == 1 else card.apdu(payload)
        if answer is not None:
            sock.sendall(struct.pack(">H", len(answer)) + answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True, help="the vpcd reader's port")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    card = build_card(json.loads(sys.stdin.readline()))
    with contextlib.suppress(ConnectionError, OSError):  # reader gone: the card is out
        serve(card, args.host, args.port)


if __name__ == "__main__":
    main()
