"""Is this an NHS Smartcard? Decided by who issued its authentication certificate.

A card is an NHS Smartcard when its authentication certificate was issued by one
of the configured NHS issuing CAs (setting ``nhs_card_issuers``, plus
``extra_nhs_card_issuers`` for a test PKI). An issuer rule is a distinguished name
in RFC 4514 form; every attribute it names must be in the certificate's issuer
(order and case ignored, so ``CN=NHS Level 1C`` alone is a rule). A rule may add
``|keyid=<hex>``: then the certificate's authority key identifier must match too.
Cards carry no intermediate certificates, so this is the most the app can check;
the portal verifies the chain and stays the real decision.

The ATR adds a maker hint or stops a retired series (``atr.py``). Qt-free: the
flow and the diagnostics read ``CardRecognition``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography import x509

from smartcard_linker.card import atr as atr_table
from smartcard_linker.card.model import CardRecognition, Verdict
from smartcard_linker.card.nhs_issuers import DEFAULT_NHS_CARD_ISSUERS


@dataclass(frozen=True)
class IssuerRule:
    """One entry of the NHS issuer setting, parsed."""

    text: str
    attributes: frozenset[tuple[str, str]]  # (OID dotted string, value folded to lower case)
    key_id: bytes | None = None

    @classmethod
    def parse(cls, text: str) -> IssuerRule:
        """Raises ValueError naming the problem (shown as a configuration problem)."""
        name_part, _, key_part = text.partition("|")
        try:
            name = x509.Name.from_rfc4514_string(name_part.strip())
        except ValueError as exc:
            raise ValueError(f"not an RFC 4514 name: {name_part.strip()!r} ({exc})") from None
        if not list(name):
            raise ValueError("an issuer rule names at least one attribute, e.g. CN=...")
        key_id: bytes | None = None
        if key_part:
            label, _, value = key_part.partition("=")
            if label.strip().lower() != "keyid":
                raise ValueError(f"unknown issuer rule option {label.strip()!r} (use keyid=HEX)")
            try:
                key_id = bytes.fromhex(value.replace(":", "").strip())
            except ValueError:
                raise ValueError(f"keyid is not hexadecimal: {value.strip()!r}") from None
            if not key_id:
                raise ValueError("keyid is empty")
        return cls(text.strip(), _attributes(name), key_id)

    def matches(self, certificate: x509.Certificate) -> bool:
        if not self.attributes <= _attributes(certificate.issuer):
            return False
        if self.key_id is None:
            return True
        return authority_key_id(certificate) == self.key_id


def _attributes(name: x509.Name) -> frozenset[tuple[str, str]]:
    return frozenset((a.oid.dotted_string, str(a.value).casefold()) for a in name)


def authority_key_id(certificate: x509.Certificate) -> bytes | None:
    try:
        value = certificate.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    except x509.ExtensionNotFound:
        return None
    return value.key_identifier


def parse_rules(entries: Iterable[str]) -> tuple[IssuerRule, ...]:
    return tuple(IssuerRule.parse(e) for e in entries if e.strip())


class NhsCardRecogniser:
    """Applies the issuer setting and the ATR table to one card."""

    def __init__(self, rules: Sequence[IssuerRule] | None = None) -> None:
        self.rules = tuple(parse_rules(DEFAULT_NHS_CARD_ISSUERS) if rules is None else rules)

    @staticmethod
    def default_rule_texts() -> tuple[str, ...]:
        return DEFAULT_NHS_CARD_ISSUERS

    @classmethod
    def from_settings(cls, issuers: Iterable[str], extra: Iterable[str] = ()) -> NhsCardRecogniser:
        return cls(parse_rules([*issuers, *extra]))

    def by_atr(self, atr: bytes | None) -> CardRecognition | None:
        """A verdict from the ATR alone, only for a retired series; None otherwise."""
        kind = atr_table.lookup(atr)
        if kind.retired:
            return CardRecognition(
                Verdict.RETIRED_SERIES,
                f"the ATR is that of a retired NHS card series ({kind.label})",
                kind,
            )
        return None

    def is_nhs(self, der: bytes) -> bool:
        return self.matching_rule(x509.load_der_x509_certificate(der)) is not None

    def by_der(self, der: bytes, atr: bytes | None = None) -> CardRecognition:
        return self.by_certificate(x509.load_der_x509_certificate(der), atr)

    def matching_rule(self, certificate: x509.Certificate) -> IssuerRule | None:
        return next((r for r in self.rules if r.matches(certificate)), None)

    def by_certificate(
        self, certificate: x509.Certificate | None, atr: bytes | None = None
    ) -> CardRecognition:
        hint = atr_table.lookup(atr)
        if certificate is None:
            return CardRecognition(
                Verdict.NOT_NHS, "the card holds no certificate with a Care Identity", hint
            )
        issuer = certificate.issuer.rfc4514_string()
        rule = self.matching_rule(certificate)
        if rule is None:
            return CardRecognition(
                Verdict.NOT_NHS,
                f"its certificate was issued by {issuer}, which is not an NHS issuer "
                "in the nhs_card_issuers setting",
                hint,
                issuer=issuer,
            )
        return CardRecognition(
            Verdict.NHS,
            f"its certificate was issued by {issuer} (setting entry {rule.text!r})",
            hint,
            issuer=issuer,
            matched_rule=rule.text,
        )
