"""The smart card stack: service, readers (PIN pad), cards (ATR, NHS or not), modules, token.

Each fact comes from ``card_facts`` (the adapter over the card layer); this
module turns facts into report sections and checks.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from smartcard_linker.card.model import CareIdentityCertificate, PinPolicy
from smartcard_linker.diagnostics import card_facts
from smartcard_linker.diagnostics.chain import verify_chain
from smartcard_linker.diagnostics.context import DiagnosticsContext
from smartcard_linker.diagnostics.model import SectionResult, Status

RENEW_SOON_DAYS = 90  # NHS certificates can be renewed in the 90 days before expiry


def collect(context: DiagnosticsContext) -> SectionResult:
    result = SectionResult()
    service = card_facts.read_service()
    readers = _service_section(service, result)
    loaded = _modules_section(card_facts.read_modules(context.settings.pkcs11_modules), result)
    tokens: list[dict[str, Any]] = []
    if loaded:
        for reader in service.readers:
            if reader.state == "empty" or reader.atr is None:
                continue
            settings = context.settings
            token = card_facts.read_token(
                settings.pkcs11_modules,
                reader.name,
                settings.nhs_card_issuers,
                settings.extra_nhs_card_issuers,
            )
            tokens.append(_token_json(token, context, result))
            _mark_nhs(readers, reader.name, token)
    result.data["tokens"] = tokens
    return result


def _service_section(
    service: card_facts.ServiceFacts, result: SectionResult
) -> list[dict[str, Any]]:
    result.data["service"] = {
        "state": "running" if service.running else "not running",
        "detail": service.detail,
    }
    if service.running:
        result.check("card.service", Status.OK, "The smart card service is running")
    else:
        result.check(
            "card.service", Status.PROBLEM, "The smart card service is not running", service.detail
        )
    readers = [_reader_json(reader) for reader in service.readers]
    result.data["readers"] = readers
    if service.running and not service.readers:
        result.check("card.reader", Status.PROBLEM, "No smart card reader is connected")
    elif service.readers:
        result.check("card.reader", Status.OK, f"{len(service.readers)} reader(s) connected")
        if all(r.atr is None for r in service.readers):
            result.check("card.card", Status.WARNING, "No card is in any reader")
    return readers


def _modules_section(
    modules: list[card_facts.ModuleFacts], result: SectionResult
) -> card_facts.ModuleFacts | None:
    result.data["modules"] = [asdict(m) for m in modules]
    loaded = next((m for m in modules if m.loaded), None)
    failed = next((m for m in modules if m.error), None)
    if loaded:
        result.check(
            "card.middleware",
            Status.OK,
            f"Card middleware loaded: {loaded.description or loaded.path} "
            f"{loaded.version or ''}".rstrip(),
            loaded.path,
        )
    elif failed:
        result.check(
            "card.middleware",
            Status.PROBLEM,
            "The card middleware failed to load",
            failed.error or "",
        )
    else:
        result.check(
            "card.middleware",
            Status.PROBLEM,
            "No card middleware (PKCS#11 module) found",
            "Looked in: " + ", ".join(m.path for m in modules),
        )
    return loaded


def _reader_json(reader: card_facts.ReaderFacts) -> dict[str, Any]:
    card: dict[str, Any] | None = None
    if reader.atr is not None:
        facts = card_facts.describe_atr(reader.atr)
        why = (
            f"ATR matches {facts.series_hint} in the ATR table"
            + ("" if facts.confirmed else " (a public ATR, not confirmed on NHS cards)")
            if facts.known
            else "ATR is not in the ATR table of NHS cards"
        )
        card = {
            "atr": card_facts.format_atr(reader.atr),
            "series_hint": facts.series_hint,
            "atr_known": facts.known,
            "nhs_smartcard": facts.nhs,
            "why": why,
        }
    return {
        "name": reader.name,
        "state": reader.state,
        "pin_pad": reader.pin_pad,
        "features": [f"0x{tag:02X}" for tag in reader.features],
        "card": card,
    }


def _mark_nhs(readers: list[dict[str, Any]], name: str, token: card_facts.TokenFacts) -> None:
    """The certificate decides: an NHS Care Identity certificate makes it an NHS Smartcard."""
    for reader in readers:
        card = reader.get("card")
        if reader["name"] != name or card is None:
            continue
        cert = token.certificates[0] if token.certificates else None
        if cert is not None and "o=nhs" in cert.subject.lower():
            card["nhs_smartcard"] = True
            card["why"] += "; carries an NHS Care Identity certificate (O=nhs)"
        elif token.error_code:
            card["nhs_smartcard"] = False
            card["why"] += f"; the middleware says: {token.error}"
        else:
            card["nhs_smartcard"] = False
            card["why"] += "; no NHS Care Identity certificate on it"


def _token_json(
    token: card_facts.TokenFacts, context: DiagnosticsContext, result: SectionResult
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "reader": token.reader,
        "label": token.label,
        "manufacturer": token.manufacturer,
        "pin": None,
        "certificate": None,
        "error": {"code": token.error_code, "message": token.error} if token.error_code else None,
    }
    if token.error_code:
        status = Status.WARNING if token.error_code == "no_card" else Status.PROBLEM
        result.check(
            "card.token", status, f"The card in {token.reader} cannot be used", token.error or ""
        )
        return out
    if token.pin is not None:
        out["pin"] = _pin_json(token.reader, token.pin, result)
    if token.certificates:
        out["certificate"] = _certificate_json(token.certificates[0], context, result)
    else:
        result.check(
            "card.token", Status.PROBLEM, f"The card in {token.reader} has no NHS certificate"
        )
    return out


def _pin_json(reader: str, policy: PinPolicy, result: SectionResult) -> dict[str, Any]:
    if policy.locked:
        result.check("card.pin", Status.PROBLEM, f"The card in {reader} is locked (PIN blocked)")
    elif policy.final_try or policy.count_low:
        result.check(
            "card.pin",
            Status.WARNING,
            f"The card in {reader} has few PIN tries left" + (" (one)" if policy.final_try else ""),
        )
    else:
        result.check("card.pin", Status.OK, f"The card's PIN in {reader} is not locked")
    return {
        "min_length": policy.min_length,
        "max_length": policy.max_length,
        "pin_pad": policy.pin_pad,
        "count_low": policy.count_low,
        "final_try": policy.final_try,
        "locked": policy.locked,
        "tries_left": card_facts.tries_left(policy),
    }


def _certificate_json(
    cert: CareIdentityCertificate, context: DiagnosticsContext, result: SectionResult
) -> dict[str, Any]:
    now = datetime.now(UTC)
    days = cert.days_left(now)
    if cert.expired(now):
        result.check(
            "card.certificate",
            Status.PROBLEM,
            "The card's certificate has expired",
            cert.not_after.date().isoformat(),
        )
    elif days <= RENEW_SOON_DAYS:
        result.check(
            "card.certificate",
            Status.WARNING,
            f"The card's certificate expires in {days} days: renew it",
        )
    else:
        result.check(
            "card.certificate", Status.OK, f"The card's certificate is valid for {days} more days"
        )
    return {
        "subject": safe_subject(cert.der),
        "issuer": cert.issuer,
        "care_identity": cert.uuid,  # masked to its last 4 digits when the report leaves
        "not_before": cert.not_before.isoformat(),
        "not_after": cert.not_after.isoformat(),
        "days_left": days,
        "expired": cert.expired(now),
        "key_type": cert.key_type,
        "chain": _chain_json(cert, context, result),
    }


def _chain_json(
    cert: CareIdentityCertificate, context: DiagnosticsContext, result: SectionResult
) -> dict[str, Any]:
    chain = verify_chain(cert.der, context.settings.extra_ca_file)
    if chain.status == "verified":
        result.check(
            "card.chain",
            Status.OK,
            f"Certificate chain verified ({chain.source})",
            chain.root or "",
        )
    else:
        result.check(
            "card.chain",
            Status.WARNING,
            f"Certificate chain not verified on this computer: {chain.status}",
            "The portal checks the chain itself; install the NHS CA certificates "
            "(pki.nhs.uk) to check it here. Issuer: " + cert.issuer,
        )
    return {
        "status": chain.status,
        "trusted_root": chain.root,
        "trust_source": chain.source,
        "issuers": list(chain.path),
    }


_SHOWN_ATTRIBUTES = {"O", "OU", "C", "DC"}


def safe_subject(der: bytes) -> str:
    """The subject without names: O, OU, C and DC as they are; a CN only when it is a number."""
    from cryptography import x509

    parts: list[str] = []
    for rdn in x509.load_der_x509_certificate(der).subject.rdns:
        for attribute in rdn:
            text = attribute.rfc4514_string()
            key, _, value = text.partition("=")
            number = key in ("CN", "2.5.4.5") and value.replace(" ", "").isdigit()
            if key in _SHOWN_ATTRIBUTES or number:
                parts.append(text)
            else:
                parts.append(f"{key}=(not shown)")
    return ",".join(reversed(parts))
