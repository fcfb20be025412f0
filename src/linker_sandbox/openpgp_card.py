# mypy: ignore-errors
"""A virtual OpenPGP card on a vpcd reader: the sandbox's stand-in for an NHS smartcard.

Runs as its own process with the *emulator's* Python (the card venv, see
``virtual_card.card_python``), never imported by the app or the tests: the emulator
package's top-level module is called ``smartcard`` like pyscard's. Starting this
process inserts the card into the reader; stopping it removes the card.

Personalisation arrives as one JSON object on stdin (key PEM, certificate DER hex,
``locked``) so no key touches the disk. Protocol (vpcd): 2-byte big-endian length
then payload; a 1-byte payload is a control code (0 off, 1 on, 2 reset, 4 ATR).

The bridge also answers what the emulator lacks but OpenSC needs: SELECT DATA
(INS A5), a status word after INTERNAL AUTHENTICATE, GET DATA FA, and a wrong PIN
as 63Cx (tries left) so OpenSC reports CKR_PIN_INCORRECT.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import signal
import socket
import struct
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from smartcard import MASTER_FILE_IDENTIFIER, Card
from smartcard.app import openpgp as pgp
from smartcard.app.openpgp.tag import (
    AlgorithmAttributesAuthentication,
    AuthenticationKeyFingerprint,
    AuthenticationKeyTimestamp,
    CardholderCertificate,
)
from smartcard.asn1 import CodecBER

OPENPGP_FILE_IDENTIFIER = b"\x12\x34"
SW_OK = b"\x90\x00"
SW_NOT_FOUND = b"\x6a\x88"
SW_SECURITY = b"\x69\x82"
SW_BLOCKED = b"\x69\x83"
PW1_INDEX = 0
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4


class QuietOpenPGP(pgp.OpenPGP):
    """The emulator's OpenPGP application without its background key generator."""

    def _maintainKeyQueue(self):  # noqa: N802 - emulator's name
        return None

    def tries_left(self) -> int:
        return self._OpenPGP__reference_data_counter_list[PW1_INDEX]

    def lock_user_pin(self) -> None:
        self._OpenPGP__reference_data_counter_list[PW1_INDEX] = 0


def _algorithm_attributes(key) -> bytes:
    tag = AlgorithmAttributesAuthentication
    if isinstance(key, rsa.RSAPrivateKey):
        value = {
            "algorithm": tag.RSA,
            "parameter_dict": {
                "public_exponent_bit_length": 32,
                "modulus_bit_length": key.key_size,
                "import_format": tag.RSA.IMPORT_FORMAT_STANDARD,
            },
        }
        return tag.encode(value=value, codec=CodecBER)
    oids = {"secp256r1": "2a8648ce3d030107", "secp384r1": "2b81040022"}
    # ECDSA algorithm id 0x13 followed by the curve OID (RFC 4880bis / OpenPGP card 3.4).
    return bytes([0x13]) + bytes.fromhex(oids[key.curve.name])


def _fingerprint(key, timestamp: int) -> bytes:
    """A v4-style fingerprint over the public key; OpenSC only needs it non-zero and stable."""
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha1(struct.pack(">I", timestamp) + public, usedforsecurity=False).digest()


def build_card(personal: dict) -> tuple[Card, QuietOpenPGP]:
    key = serialization.load_pem_private_key(personal["key_pem"].encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SystemExit("unsupported key type")
    cert = bytes.fromhex(personal["cert_der"])
    timestamp = int(personal.get("timestamp", 1_700_000_000))
    card = Card(name=b"sandbox-nhs")
    app = QuietOpenPGP(identifier=OPENPGP_FILE_IDENTIFIER)
    app.activateSelf()
    card.createFile(card.traverse((MASTER_FILE_IDENTIFIER,)), app)
    app.putData(tag=AlgorithmAttributesAuthentication, value=_algorithm_attributes(key))
    app._storePrivateKey(
        role=pgp.KEY_ROLE_AUTHENTICATE, key=key, information=pgp.KEY_INFORMATION_IMPORTED_TO_CARD
    )
    app.putData(tag=AuthenticationKeyFingerprint, value=_fingerprint(key, timestamp))
    app.putData(tag=AuthenticationKeyTimestamp, value=struct.pack(">I", timestamp))
    app.putData(tag=CardholderCertificate, value=cert)
    if personal.get("locked"):
        app.lock_user_pin()
    return card, app


class Bridge:
    """Answers vpcd's requests with the emulated card, patching the emulator's gaps."""

    def __init__(self, card: Card, app: QuietOpenPGP) -> None:
        self.card = card
        self.app = app
        self.atr = bytes(card.getATR())

    def control(self, code: int) -> bytes | None:
        if code == CTRL_ATR:
            return self.atr
        if code in (CTRL_OFF, CTRL_ON, CTRL_RESET):
            self.card.clearVolatile()  # a power cycle forgets the PIN, as a real card does
        return None

    def apdu(self, command: bytes) -> bytes:
        ins = command[1] if len(command) > 1 else 0
        p1p2 = command[2:4]
        if ins == 0xA5:  # SELECT DATA: one certificate only, always index 0
            return SW_OK
        if ins == 0xCA and p1p2 == b"\x00\xfa":  # GET DATA algorithm information
            return SW_NOT_FOUND
        result = bytes(self.card.runAPDU(bytearray(command)))
        if ins == 0x88 and len(result) > 2:  # INTERNAL AUTHENTICATE: signature, no SW
            return result + SW_OK
        if ins == 0x20 and len(command) > 5 and result == SW_SECURITY:
            left = self.app.tries_left()
            return SW_BLOCKED if left == 0 else bytes([0x63, 0xC0 | left])
        return result


def _read_exact(sock: socket.socket, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def serve(bridge: Bridge, host: str, port: int) -> None:
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
        answer = bridge.control(payload[0]) if len(payload) == 1 else bridge.apdu(payload)
        if answer is not None:
            sock.sendall(struct.pack(">H", len(answer)) + answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True, help="the vpcd reader's port")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    personal = json.loads(sys.stdin.readline())
    card, app = build_card(personal)
    with contextlib.suppress(ConnectionError, OSError):  # reader gone: the card is out
        serve(Bridge(card, app), args.host, args.port)


if __name__ == "__main__":
    main()
