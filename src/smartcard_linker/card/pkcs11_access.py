"""The card through PKCS#11: find the token in a reader, log in, read the identity, sign.

Implements the CardAccess and TokenSession ports with python-pkcs11 (plus the two
ctypes calls in ``p11raw``). Import this module only when a card is first needed:
it loads ``pkcs11`` at import time.

Every call into the module is serialised by one lock per loaded module: modules
are initialised without OS locking arguments, so the app promises one caller at a
time. A card removed at any moment surfaces as CardRemoved, never a hang.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pkcs11
from pkcs11 import Attribute, Mechanism, ObjectClass
from pkcs11 import exceptions as p11x
from pkcs11.mechanisms import MGF

from link_protocol import SignatureAlgorithm
from smartcard_linker.card import p11raw
from smartcard_linker.card.errors import (
    CardBusy,
    CardError,
    CardRemoved,
    CertificateExpired,
    CertificateMissing,
    ModuleLoadFailed,
    NoCard,
    NotAnNhsCard,
    PinFormatRejected,
    PinLocked,
    PinPadTimeout,
    RetiredCardSeries,
    UnsupportedCard,
    WrongPin,
)
from smartcard_linker.card.identity import choose_authentication_certificate, parse_certificate
from smartcard_linker.card.model import (
    CardRecognition,
    CardSummary,
    CareIdentityCertificate,
    PinPolicy,
    TokenInfo,
)
from smartcard_linker.card.modules import find_module, find_modules
from smartcard_linker.card.pcsc_state import TOKEN_PREFIX, card_absent, reader_state
from smartcard_linker.card.pin_counter import read_piv_pin_counter
from smartcard_linker.card.recognition import NhsCardRecogniser
from smartcard_linker.pin_buffer import wipe

log = logging.getLogger(__name__)

PIV_MANUFACTURER = "piv_II"  # OpenSC's PIV emulation names itself so in CK_TOKEN_INFO

_REMOVED_RVS = {
    p11raw.CKR_DEVICE_REMOVED,
    p11raw.CKR_TOKEN_NOT_PRESENT,
    p11raw.CKR_SESSION_HANDLE_INVALID,
    p11raw.CKR_SESSION_CLOSED,
    p11raw.CKR_SLOT_ID_INVALID,
    p11raw.CKR_DEVICE_ERROR,
}
_REMOVED_EXC: tuple[type[Exception], ...] = (
    p11x.DeviceRemoved,
    p11x.TokenNotPresent,
    p11x.SessionHandleInvalid,
    p11x.SessionClosed,
    p11x.SlotIDInvalid,
    p11x.DeviceError,
)

# DER DigestInfo prefix for SHA-256 / SHA-384 (RFC 8017 §9.2 note 1), for modules
# that only offer raw CKM_RSA_PKCS.
_DIGEST_INFO = {
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
}


@dataclass
class LoadedModule:
    path: str
    lib: Any  # pkcs11.lib (a Cython class, not usable as a type)
    raw: p11raw.RawModule
    lock: threading.RLock = field(default_factory=threading.RLock)


_loaded: dict[str, LoadedModule] = {}
_load_lock = threading.Lock()


def load_module(path: str) -> LoadedModule:
    """Load and initialise a module once per process (a second C_Initialize would fail)."""
    key = os.path.realpath(path)
    with _load_lock:
        if key in _loaded:
            return _loaded[key]
        try:
            lib = pkcs11.lib(path)
            raw = p11raw.RawModule(path)
        except (p11x.PKCS11Error, OSError, AttributeError, p11raw.RawCallError) as exc:
            raise ModuleLoadFailed(f"PKCS#11 module {path} could not be loaded: {exc}") from None
        module = LoadedModule(path, lib, raw)
        _loaded[key] = module
        return module


def _handle(session: pkcs11.Session) -> int:
    """The raw session handle (python-pkcs11 exposes it, its type stubs do not)."""
    return int(getattr(session, "handle"))  # noqa: B009


class Pkcs11CardAccess:
    """CardAccess over a PKCS#11 module found from configuration or known paths.

    ``prefer_pss`` makes RSA keys sign with PS256 instead of RS256. ``recogniser``
    decides which certificates make an NHS Smartcard (default: the shipped NHS
    issuers); ``None`` for ``recognise=False`` tokens such as test HSMs.
    """

    def __init__(
        self,
        module_paths: Sequence[str] = (),
        *,
        use_default_paths: bool = True,
        prefer_pss: bool = False,
        recogniser: NhsCardRecogniser | None = None,
    ) -> None:
        self._configured = tuple(module_paths)
        self._use_defaults = use_default_paths
        self._prefer_pss = prefer_pss
        self._recogniser = recogniser or NhsCardRecogniser()

    def module_path(self) -> str:
        """The first module found (the readiness check names it); raises ModuleNotFound."""
        return find_module(self._configured, use_defaults=self._use_defaults)

    def module_paths(self) -> list[str]:
        """Every module found, in the order open_token() tries them."""
        return [m.path for m in find_modules(self._configured, use_defaults=self._use_defaults)]

    def module(self) -> LoadedModule:
        return load_module(self.module_path())

    def open_token(self, reader: str) -> Pkcs11TokenSession:
        """The token in ``reader``, once its card is known to be an NHS Smartcard.

        A retired NHS series is refused from its ATR before the middleware is asked;
        a card whose certificate has no NHS issuer raises NotAnNhsCard.
        """
        atr = None
        if not reader.startswith(TOKEN_PREFIX):
            state = reader_state(reader)
            atr = state.atr if state else None
            retired = self._recogniser.by_atr(atr)
            if retired is not None:
                raise RetiredCardSeries(
                    f"the card in {reader} is a retired NHS card series", recognition=retired
                )
        passed: list[CardError] = []
        paths = self.module_paths()
        for path in paths:
            try:
                module = load_module(path)
            except ModuleLoadFailed as exc:
                if len(paths) == 1:
                    raise
                log.warning("PKCS#11 module could not be loaded: %s", os.path.basename(path))
                passed.append(exc)
                continue
            with module.lock:
                try:
                    session = self._open(module, reader, atr)
                except (NoCard, UnsupportedCard, CertificateMissing) as exc:
                    passed.append(exc)  # this module does not serve the card: try the next
                    continue
                except _REMOVED_EXC:
                    passed.append(NoCard(f"no card in {reader}"))
                    continue
            log.info("card opened in reader %r with PKCS#11 module %s", reader, module.path)
            return session
        for preferred in (CertificateMissing, UnsupportedCard, ModuleLoadFailed):
            for failure in passed:
                if isinstance(failure, preferred):
                    raise failure
        raise NoCard(f"no card in {reader}")

    def summary(self, reader: str) -> CardSummary:
        """Who the card in ``reader`` belongs to and whether it is an NHS Smartcard; no PIN.

        Raises NoCard, CardBusy, UnsupportedCard... as open_token() does; a card that is
        not an NHS Smartcard, or a retired series, is a summary saying so.
        """
        try:
            with self.open_token(reader) as token:
                info = token.info
                assert info.recognition is not None
                return CardSummary(reader, info.recognition, info.certificates[0].uuid, info.serial)
        except (NotAnNhsCard, RetiredCardSeries) as refused:
            assert isinstance(refused.recognition, CardRecognition)
            return CardSummary(reader, refused.recognition)

    def _open(self, module: LoadedModule, reader: str, atr: bytes | None) -> Pkcs11TokenSession:
        slots = module.lib.get_slots(token_present=True)
        if reader.startswith(TOKEN_PREFIX):
            wanted = reader[len(TOKEN_PREFIX) :]
            slots = [s for s in slots if _safe_label(s) == wanted]
        else:
            slots = [s for s in slots if s.slot_description.strip() == reader.strip()]
        if not slots:
            if not reader.startswith(TOKEN_PREFIX):
                self._explain_missing_token(module, reader)
            raise NoCard(f"no card in {reader}")
        unrecognised = 0
        without_identity = 0
        not_nhs: NotAnNhsCard | None = None
        for slot in slots:
            try:
                token = slot.get_token()
            except p11x.TokenNotRecognised:
                unrecognised += 1
                continue
            except (p11x.TokenNotPresent, p11x.DeviceRemoved):
                continue
            except p11x.DeviceError:
                raise CardBusy(f"the card in {reader} is in use by another program") from None
            session = token.open(rw=False)
            try:
                certificates = self._certificates(session)
            except BaseException:
                session.close()
                raise
            if not certificates:
                without_identity += 1
                session.close()
                continue
            nhs = [(c, i) for c, i in certificates if self._recogniser.is_nhs(c.der)]
            if not nhs:
                not_nhs = self._not_nhs(reader, atr, certificates)
                session.close()
                continue
            chosen = choose_authentication_certificate(c for c, _ in nhs)
            ordered = (chosen, *(c for c, _ in nhs if c.der != chosen.der))
            ids = tuple(i for c, i in nhs if c.der == chosen.der)
            recognition = self._recogniser.by_der(chosen.der, atr)
            return Pkcs11TokenSession(
                module, slot, token, session, reader, ordered, ids, atr=atr, recognition=recognition
            )
        if not_nhs is not None:
            raise not_nhs
        if without_identity:
            raise CertificateMissing(f"the card in {reader} holds no NHS certificate")
        if unrecognised:
            raise UnsupportedCard(f"the card in {reader} is not supported by the middleware")
        raise NoCard(f"no card in {reader}")

    def _not_nhs(
        self,
        reader: str,
        atr: bytes | None,
        certificates: list[tuple[CareIdentityCertificate, bytes]],
    ) -> NotAnNhsCard:
        first = choose_authentication_certificate(c for c, _ in certificates)
        recognition = self._recogniser.by_der(first.der, atr)
        return NotAnNhsCard(
            f"the card in {reader} is not an NHS Smartcard: {recognition.reason}",
            recognition=recognition,
        )

    def _explain_missing_token(self, module: LoadedModule, reader: str) -> None:
        """PKCS#11 shows no token: ask PC/SC whether a card is there and why."""
        state = reader_state(reader)
        if state is None or not state.present:
            return  # NoCard
        if state.exclusive:
            raise CardBusy(f"the card in {reader} is in use by another program")
        again = [
            s
            for s in module.lib.get_slots(token_present=True)
            if s.slot_description.strip() == reader.strip()
        ]
        if not again:  # present for PC/SC, still unknown to the middleware
            raise UnsupportedCard(f"the card in {reader} is not supported by the middleware")
        raise CardBusy(f"the card in {reader} was busy; try again")

    def _certificates(self, session: pkcs11.Session) -> list[tuple[CareIdentityCertificate, bytes]]:
        found: list[tuple[CareIdentityCertificate, bytes]] = []
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            try:
                der = bytes(obj[Attribute.VALUE])
                key_id = bytes(obj[Attribute.ID])
            except (p11x.AttributeTypeInvalid, p11x.AttributeSensitive):
                continue
            parsed = parse_certificate(der, prefer_pss=self._prefer_pss)
            if parsed is not None:
                found.append((parsed, key_id))
        return found


def _safe_label(slot: pkcs11.Slot) -> str | None:
    try:
        return str(slot.get_token().label).strip()
    except p11x.PKCS11Error:
        return None


def authentication_certificate(
    info: TokenInfo, now: datetime | None = None
) -> CareIdentityCertificate:
    """The certificate to link with; raises CertificateMissing / CertificateExpired."""
    if not info.certificates:
        raise CertificateMissing("no NHS certificate on the card")
    chosen = info.certificates[0]
    if chosen.expired(now):
        raise CertificateExpired("the card's certificate has expired")
    return chosen


class Pkcs11TokenSession:
    """One read-only session on one token; logs in on demand. Blocking calls."""

    def __init__(
        self,
        module: LoadedModule,
        slot: pkcs11.Slot,
        token: pkcs11.Token,
        session: pkcs11.Session,
        reader: str,
        certificates: tuple[CareIdentityCertificate, ...],
        key_ids: tuple[bytes, ...],
        *,
        atr: bytes | None = None,
        recognition: CardRecognition | None = None,
    ) -> None:
        self._module = module
        self._slot = slot
        self._reader = reader
        self._session: pkcs11.Session | None = session
        self._key_ids = key_ids
        self._logged_in = False
        self._mechanisms: set[Mechanism] | None = None
        manufacturer = str(token.manufacturer_id).strip()
        # The card's own retry counter, where the middleware hides it (OpenSC's PIV layer).
        self._reads_counter = manufacturer == PIV_MANUFACTURER and not reader.startswith(
            TOKEN_PREFIX
        )
        policy = self.pin_policy()
        self._info = TokenInfo(
            reader=reader,
            label=str(token.label).strip(),
            serial=bytes(token.serial).decode("ascii", "replace").strip(),
            manufacturer=manufacturer,
            pin_policy=policy,
            certificates=certificates,
            module=module.path,
            atr=atr,
            recognition=recognition,
        )

    @property
    def info(self) -> TokenInfo:
        return self._info

    @contextmanager
    def _call(self) -> Iterator[pkcs11.Session]:
        """Hold the module lock; translate a vanished card into CardRemoved."""
        with self._module.lock:
            if self._session is None:
                raise CardRemoved("the session is closed")
            try:
                yield self._session
            except _REMOVED_EXC:
                raise CardRemoved("the card was removed") from None
            except p11x.PKCS11Error as exc:
                if card_absent(self._reader):
                    raise CardRemoved("the card was removed") from None
                raise CardError(f"card operation failed: {type(exc).__name__}") from None

    def pin_policy(self) -> PinPolicy:
        with self._module.lock:
            try:
                raw = self._module.raw.token_info(int(self._slot.slot_id))
            except p11raw.RawCallError as exc:
                if exc.rv in _REMOVED_RVS:
                    raise CardRemoved("the card was removed") from None
                raise CardError(f"token information unavailable: {exc}") from None
            counter = read_piv_pin_counter(self._reader) if self._reads_counter else None
        tries = counter.tries_left if counter else None
        return PinPolicy(
            min_length=raw.min_pin,
            max_length=raw.max_pin,
            count_low=bool(raw.flags & p11raw.CKF_USER_PIN_COUNT_LOW),
            final_try=bool(raw.flags & p11raw.CKF_USER_PIN_FINAL_TRY) or tries == 1,
            locked=bool(raw.flags & p11raw.CKF_USER_PIN_LOCKED) or tries == 0,
            pin_pad=bool(raw.flags & p11raw.CKF_PROTECTED_AUTHENTICATION_PATH),
            tries_left=tries,
        )

    def login(self, pin: bytearray | None) -> None:
        try:
            self._login(pin)
        finally:
            wipe(pin)

    def _login(self, pin: bytearray | None) -> None:
        policy = self.pin_policy()
        if policy.locked:
            raise PinLocked("the card's PIN is locked")
        if pin is None and not policy.pin_pad:
            raise PinFormatRejected(
                "a PIN is needed", min_length=policy.min_length, max_length=policy.max_length
            )
        if pin is not None:
            too_short = len(pin) < max(policy.min_length, 1)
            too_long = policy.max_length > 0 and len(pin) > policy.max_length
            if too_short or too_long:
                raise PinFormatRejected(
                    f"a PIN has {policy.min_length} to {policy.max_length} characters",
                    min_length=policy.min_length,
                    max_length=policy.max_length,
                )
        with self._call() as session:
            try:
                self._module.raw.login(_handle(session), pin)
            except p11raw.RawCallError as exc:
                self._raise_login_failure(exc.rv, policy)
        self._logged_in = True

    def _raise_login_failure(self, rv: int, before: PinPolicy) -> None:
        if rv in _REMOVED_RVS:
            raise CardRemoved("the card was removed")
        if rv == p11raw.CKR_PIN_LOCKED:
            raise PinLocked("the card's PIN is locked")
        if rv == p11raw.CKR_PIN_LEN_RANGE:
            raise PinFormatRejected(
                "the card refused the PIN's length",
                min_length=before.min_length,
                max_length=before.max_length,
            )
        if rv == p11raw.CKR_FUNCTION_CANCELED:
            raise PinPadTimeout("PIN entry on the reader was cancelled or timed out")
        if rv in (p11raw.CKR_PIN_INCORRECT, p11raw.CKR_USER_NOT_LOGGED_IN, p11raw.CKR_PIN_INVALID):
            # OpenPGP cards report a wrong PIN as "not logged in": both mean wrong PIN.
            after = self.pin_policy()
            if after.locked:
                raise PinLocked("the card's PIN is now locked")
            raise WrongPin(
                "the card refused the PIN",
                tries_left=after.tries_left
                if after.tries_left is not None
                else (1 if after.final_try else None),
                final_try=after.final_try,
            )
        if card_absent(self._reader):
            raise CardRemoved("the card was removed")
        raise CardError(f"login failed (PKCS#11 0x{rv:08X})")

    def _mechanism_set(self) -> set[Mechanism]:
        if self._mechanisms is None:
            self._mechanisms = set(self._slot.get_mechanisms())
        return self._mechanisms

    def sign(self, certificate: CareIdentityCertificate, message: bytes) -> bytes:
        with self._call() as session:
            key = self._private_key(session)
            return self._sign(key, certificate.algorithm, message)

    def _private_key(self, session: pkcs11.Session) -> Any:
        keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
        for key_id in self._key_ids:
            for key in keys:
                try:
                    if bytes(key[Attribute.ID]) == key_id:
                        return key
                except p11x.AttributeTypeInvalid:
                    continue
        if not self._logged_in:
            raise CardError("not logged in to the card")
        raise CertificateMissing("the card has no private key for its certificate")

    def _sign(self, key: Any, algorithm: SignatureAlgorithm, message: bytes) -> bytes:
        mechanisms = self._mechanism_set()
        digest = hashlib.new(algorithm.hash_name, message).digest()
        try:
            if algorithm is SignatureAlgorithm.RS256:
                if Mechanism.SHA256_RSA_PKCS in mechanisms:
                    return bytes(key.sign(message, mechanism=Mechanism.SHA256_RSA_PKCS))
                return bytes(
                    key.sign(_DIGEST_INFO["sha256"] + digest, mechanism=Mechanism.RSA_PKCS)
                )
            if algorithm is SignatureAlgorithm.PS256:
                params = (Mechanism.SHA256, MGF.SHA256, 32)
                if Mechanism.SHA256_RSA_PKCS_PSS in mechanisms:
                    return bytes(
                        key.sign(
                            message,
                            mechanism=Mechanism.SHA256_RSA_PKCS_PSS,
                            mechanism_param=params,
                        )
                    )
                if Mechanism.RSA_PKCS_PSS in mechanisms:
                    return bytes(
                        key.sign(digest, mechanism=Mechanism.RSA_PKCS_PSS, mechanism_param=params)
                    )
                raise UnsupportedCard("this card cannot sign with RSA-PSS")
            # ECDSA: PKCS#11 returns raw r||s, which is what ES256/ES384 want.
            return bytes(key.sign(digest, mechanism=Mechanism.ECDSA))
        except (p11x.UserNotLoggedIn, p11x.PinIncorrect):
            raise CardError("not logged in to the card") from None
        except (
            p11x.MechanismInvalid,
            p11x.MechanismParamInvalid,
            p11x.FunctionNotSupported,
            p11x.KeyTypeInconsistent,
        ) as exc:
            raise UnsupportedCard(f"the card cannot sign with {algorithm}: {exc}") from None

    def close(self) -> None:
        with self._module.lock:
            session, self._session = self._session, None
            if session is None:
                return
            try:
                if self._logged_in:
                    self._module.raw.logout(_handle(session))
                session.close()
            except (p11x.PKCS11Error, p11raw.RawCallError):
                pass  # the card may be gone; the module drops the session itself

    def __enter__(self) -> Pkcs11TokenSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
