"""NHS Smartcard recognition: the ATR table against the public ATR list, issuer rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from linker_sandbox.cards.piv_card import DEFAULT_ATR
from smartcard_linker.card import atr
from smartcard_linker.card.model import Verdict
from smartcard_linker.card.recognition import IssuerRule, NhsCardRecogniser
from smartcard_linker.config import Layer, resolve

SMARTCARD_LIST = Path("/usr/share/pcsc/smartcard_list.txt")


def _public_atrs() -> dict[bytes, str]:
    """Every fully specified ATR in pcsc-tools' list with its description lines."""
    if not SMARTCARD_LIST.exists():
        pytest.skip("pcsc-tools' smartcard_list.txt is not installed")
    atrs: dict[bytes, str] = {}
    current: bytes | None = None
    for line in SMARTCARD_LIST.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("3B") or line.startswith("3F"):
            try:
                current = bytes.fromhex(line.strip())
            except ValueError:  # a pattern with wildcards: not a card's ATR
                current = None
                continue
            atrs[current] = ""
        elif line.startswith("\t") and current is not None:
            atrs[current] += line.strip() + "\n"
    return atrs


def test_only_atrs_the_public_list_names_as_nhs_say_nhs() -> None:
    listed = _public_atrs()
    named_nhs = {a for a, text in listed.items() if "NHS" in text}
    assert len(named_nhs) == 2  # the JCOP41 lines: Series 5 and 6
    for value, text in listed.items():
        kind = atr.lookup(value)
        assert kind.nhs == (value in named_nhs), (atr.format_atr(value), text)
        assert kind.retired == (value in named_nhs)


def test_idemia_and_oberthur_families_give_a_maker_hint_only() -> None:
    listed = _public_atrs()
    piv = [a for a, text in listed.items() if "PIV" in text and atr.lookup(a).maker == "IDEMIA"]
    # NASA PIV, DOS PIV, ID-One PIV 2.4, Oberthur ID-One PIV/CIV: all IDEMIA, none NHS.
    assert len(piv) >= 4
    cosmo = bytes.fromhex("3BDB960080B1FE451F830031C064B0FC100007900005")  # Cosmo V7 debug card
    assert len(cosmo) == 22 and atr.lookup(cosmo).maker == "Oberthur"
    assert not any(atr.lookup(a).nhs for a in [*piv, cosmo])
    hint = atr.lookup(DEFAULT_ATR)  # the sandbox card wears a real IDEMIA PIV ATR
    assert hint.maker == "IDEMIA" and not hint.nhs and not hint.retired
    assert not any("sandbox" in e.source.lower() or "virtual" in e.source for e in atr.ATR_TABLE)
    assert atr.lookup(None) == atr.UNKNOWN and not atr.UNKNOWN.known


def _certificate(issuer: x509.Name, *, aki_key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "102048843983")]))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(aki_key.public_key()), critical=False
        )
        .sign(aki_key, hashes.SHA256())
    )


def test_issuer_rules_by_name_and_key_identifier() -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    g2 = x509.Name.from_rfc4514_string("CN=NHS Authentication G2,OU=CA,O=nhs,C=GB")
    level1c = x509.Name.from_rfc4514_string("CN=NHS Level 1C,OU=CA,O=nhs")
    other = x509.Name.from_rfc4514_string("CN=Some PIV Issuing CA,O=U.S. Government,C=US")
    shipped = NhsCardRecogniser()
    for issuer in (g2, level1c):
        verdict = shipped.by_certificate(_certificate(issuer, aki_key=ca_key))
        assert verdict.verdict is Verdict.NHS and verdict.matched_rule
    foreign = shipped.by_certificate(_certificate(other, aki_key=ca_key))
    assert foreign.verdict is Verdict.NOT_NHS and "not an NHS issuer" in foreign.reason
    retired = shipped.by_atr(bytes.fromhex("3BF91800008131FE454A434F503431563232AF"))
    assert retired is not None and retired.verdict is Verdict.RETIRED_SERIES

    key_id = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()).digest
    pinned = NhsCardRecogniser([IssuerRule.parse(f"CN=Some PIV Issuing CA|keyid={key_id.hex()}")])
    assert pinned.by_certificate(_certificate(other, aki_key=ca_key)).nhs
    impostor = ec.generate_private_key(ec.SECP256R1())
    assert not pinned.by_certificate(_certificate(other, aki_key=impostor)).nhs


@pytest.mark.parametrize("bad", ["not a name", "CN=X|colour=red", "CN=X|keyid=zz"])
def test_a_bad_issuer_setting_is_a_configuration_problem(bad: str) -> None:
    with pytest.raises(ValueError):
        IssuerRule.parse(bad)
    loaded = resolve([Layer("test file", {"extra_nhs_card_issuers": [bad]})])
    assert "extra_nhs_card_issuers" in [p.key for p in loaded.problems]
    assert loaded.settings.extra_nhs_card_issuers == ()
