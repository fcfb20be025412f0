"""The one adapter between diagnostics and the card layer (PC/SC, ATR table, PKCS#11).

Everything diagnostics asks of readers, cards, modules and tokens goes through
these functions, so a richer card API (series from the certificate, module
discovery, tries left) replaces them here and nowhere else. Read-only: no PIN,
no login, no exclusive access.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from smartcard_linker.card import atr as atr_table
from smartcard_linker.card.model import CareIdentityCertificate, PinPolicy

# PC/SC Part 10 (v2.02.09) feature tags a PIN pad reader lists in CM_IOCTL_GET_FEATURE_REQUEST.
FEATURE_VERIFY_PIN_START = 0x01
FEATURE_VERIFY_PIN_DIRECT = 0x06
_PIN_PAD_FEATURES = {FEATURE_VERIFY_PIN_START, FEATURE_VERIFY_PIN_DIRECT}


@dataclass(frozen=True)
class ReaderFacts:
    name: str
    state: str  # "card present" | "empty" | "in use by another program" | "unavailable"
    atr: bytes | None
    pin_pad: bool | None  # None: the reader did not answer the feature request
    features: tuple[int, ...] = ()


@dataclass(frozen=True)
class ServiceFacts:
    running: bool
    detail: str
    readers: tuple[ReaderFacts, ...] = ()


@dataclass(frozen=True)
class AtrFacts:
    series_hint: str
    nhs: bool
    known: bool
    confirmed: bool


@dataclass(frozen=True)
class ModuleFacts:
    path: str
    source: str  # "configured" | "known location"
    exists: bool
    loaded: bool = False
    description: str | None = None
    version: str | None = None
    manufacturer: str | None = None
    cryptoki_version: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class TokenFacts:
    reader: str
    label: str = ""
    manufacturer: str = ""
    pin: PinPolicy | None = None
    certificates: tuple[CareIdentityCertificate, ...] = field(default=(), repr=False)
    error_code: str | None = None
    error: str | None = None


def _scard() -> Any:
    from smartcard import scard

    return scard


def read_service() -> ServiceFacts:
    """Is the smart card service up, which readers does it list, with what in them?"""
    try:
        scard = _scard()
    except ImportError as exc:
        return ServiceFacts(False, f"PC/SC library not available: {exc}")
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return ServiceFacts(False, scard.SCardGetErrorMessage(hresult))
    try:
        hresult, names = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return ServiceFacts(True, "running, no reader connected")
        if hresult != scard.SCARD_S_SUCCESS:
            return ServiceFacts(
                True, f"running; readers not listed: {scard.SCardGetErrorMessage(hresult)}"
            )
        readers = tuple(_reader(scard, context, str(name)) for name in names)
        return ServiceFacts(True, f"running, {len(readers)} reader(s)", readers)
    finally:
        scard.SCardReleaseContext(context)


def _reader(scard: Any, context: Any, name: str) -> ReaderFacts:
    hresult, states = scard.SCardGetStatusChange(context, 0, [(name, scard.SCARD_STATE_UNAWARE)])
    if hresult != scard.SCARD_S_SUCCESS:
        return ReaderFacts(name, "unavailable", None, None)
    _, flags, atr = states[0]
    if flags & scard.SCARD_STATE_PRESENT:
        state = (
            "in use by another program" if flags & scard.SCARD_STATE_EXCLUSIVE else "card present"
        )
    else:
        state = "empty"
    features = _features(scard, context, name, bool(flags & scard.SCARD_STATE_PRESENT))
    pin_pad = None if features is None else bool(_PIN_PAD_FEATURES & set(features))
    return ReaderFacts(
        name,
        state,
        bytes(atr) if atr and flags & scard.SCARD_STATE_PRESENT else None,
        pin_pad,
        tuple(features or ()),
    )


def _features(scard: Any, context: Any, name: str, card_present: bool) -> list[int] | None:
    """The reader's PC/SC Part 10 feature tags (TLV: tag, length 4, control code).

    With a card in the reader the connection is shared (another program, or the journey,
    may be using the card); only an empty reader is opened in direct mode.
    """
    if card_present:
        mode, protocols = (
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
    else:
        mode, protocols = scard.SCARD_SHARE_DIRECT, 0
    hresult, card, _protocol = scard.SCardConnect(context, name, mode, protocols)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, response = scard.SCardControl(card, scard.SCARD_CTL_CODE(3400), [])
        if hresult != scard.SCARD_S_SUCCESS:
            return None
        tags: list[int] = []
        i = 0
        while i + 2 <= len(response):
            tags.append(int(response[i]))
            i += 2 + int(response[i + 1])
        return tags
    finally:
        scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)


def describe_atr(atr: bytes) -> AtrFacts:
    kind = atr_table.lookup(atr)
    confirmed = atr_table.entry_for(atr) is not None  # every table entry cites its source
    return AtrFacts(kind.label, kind.nhs, kind.known, confirmed)


def format_atr(atr: bytes) -> str:
    return atr_table.format_atr(atr)


def read_modules(configured: tuple[str, ...]) -> list[ModuleFacts]:
    """Every module location looked at; the first that exists is loaded and described."""
    from smartcard_linker.card.modules import default_module_paths

    found: list[ModuleFacts] = []
    loaded_one = False
    candidates = [(p, "configured") for p in configured]
    candidates += [(p, "known location") for p in default_module_paths()]
    seen: set[str] = set()
    for candidate, source in candidates:
        path = os.path.expandvars(os.path.expanduser(candidate))
        if os.path.realpath(path) in seen:
            continue  # the same file by another name (Debian's pkcs11/ symlinks)
        seen.add(os.path.realpath(path))
        exists = os.path.isfile(path)
        if not exists or loaded_one:
            found.append(ModuleFacts(path, source, exists))
            continue
        loaded_one = True
        found.append(_load(path, source))
    return found


def _load(path: str, source: str) -> ModuleFacts:
    from smartcard_linker.card.errors import CardError
    from smartcard_linker.card.pkcs11_access import load_module

    try:
        module = load_module(path)
    except CardError as exc:
        return ModuleFacts(path, source, True, error=str(exc))
    lib = module.lib

    def version(value: Any) -> str | None:
        return ".".join(str(v) for v in value) if value else None

    return ModuleFacts(
        path,
        source,
        True,
        loaded=True,
        description=str(getattr(lib, "library_description", "") or "").strip() or None,
        version=version(getattr(lib, "library_version", None)),
        manufacturer=str(getattr(lib, "manufacturer_id", "") or "").strip() or None,
        cryptoki_version=version(getattr(lib, "cryptoki_version", None)),
    )


def read_token(
    module_paths: tuple[str, ...],
    reader: str,
    issuers: tuple[str, ...] | None = None,
    extra_issuers: tuple[str, ...] = (),
) -> TokenFacts:
    """The token in ``reader`` as the journey would open it (read-only session, no login),
    with the same NHS issuer settings (``None``: the shipped ones)."""
    from smartcard_linker.card.errors import CardError
    from smartcard_linker.card.pkcs11_access import Pkcs11CardAccess
    from smartcard_linker.card.recognition import NhsCardRecogniser

    recogniser = NhsCardRecogniser.from_settings(
        NhsCardRecogniser.default_rule_texts() if issuers is None else issuers, extra_issuers
    )
    try:
        with Pkcs11CardAccess(module_paths, recogniser=recogniser).open_token(reader) as session:
            info = session.info
            return TokenFacts(
                reader,
                label=info.label,
                manufacturer=info.manufacturer,
                pin=info.pin_policy,
                certificates=info.certificates,
            )
    except CardError as exc:
        return TokenFacts(reader, error_code=getattr(exc, "code", "card_error"), error=str(exc))


def tries_left(policy: PinPolicy) -> int | None:
    """The card's counter where it was read (PIV cards), else what PKCS#11 flags tell: 0
    locked, 1 final try; otherwise not known."""
    if policy.tries_left is not None:
        return policy.tries_left
    if policy.locked:
        return 0
    if policy.final_try:
        return 1
    return None
