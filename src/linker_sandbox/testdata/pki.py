"""A test PKI shaped like the NHS one, plus a TLS CA for the sandbox's loopback servers.

NHS root → SubCA → card certificate ``O=nhs, OU=people, CN=<12-digit UUID>``
(KeyUsage digitalSignature only, no EKU, NHS policy OID, two-year validity).
Never used outside the sandbox and tests.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import NameOID

NHS_CARD_POLICY_OID = x509.ObjectIdentifier("1.2.826.0.1275.101.0.3.1.1")

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_key(key_type: str = "rsa2048") -> PrivateKey:
    """``rsa2048`` | ``rsa3072`` | ``ec-p256`` | ``ec-p384``."""
    if key_type.startswith("rsa"):
        return rsa.generate_private_key(public_exponent=65537, key_size=int(key_type[3:]))
    curve = {"ec-p256": ec.SECP256R1(), "ec-p384": ec.SECP384R1()}[key_type]
    return ec.generate_private_key(curve)


def key_usage(
    *,
    digital_signature: bool = False,
    key_encipherment: bool = False,
    key_cert_sign: bool = False,
    crl_sign: bool = False,
) -> x509.KeyUsage:
    """A KeyUsage with only the named bits set (the rest of x509.KeyUsage's nine are off)."""
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=False,
        key_encipherment=key_encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _name(*parts: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts])


@dataclass
class Issued:
    key: PrivateKey
    cert: x509.Certificate

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def write(self, directory: Path, stem: str) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        cert_path, key_path = directory / f"{stem}.pem", directory / f"{stem}.key"
        cert_path.write_bytes(self.cert_pem)
        key_path.write_bytes(self.key_pem)
        key_path.chmod(0o600)
        return cert_path, key_path


def make_ca(
    subject: x509.Name,
    *,
    issuer: Issued | None = None,
    key_type: str = "ec-p256",
    days: int = 3650,
    path_length: int | None = None,
) -> Issued:
    key = new_key(key_type)
    now = _now()
    signer_key: CertificateIssuerPrivateKeyTypes = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # CAs predate the cards they issue (an expired card's chain is checked as of
        # its last valid day)
        .not_valid_before(now - dt.timedelta(days=5 * 365))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            key_usage(key_cert_sign=True, crl_sign=True),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    return Issued(key, builder.sign(signer_key, hashes.SHA256()))


def nhs_root(name: str = "NHS Sandbox Root CA") -> Issued:
    return make_ca(
        _name(
            (NameOID.ORGANIZATION_NAME, "nhs"),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, "CA"),
            (NameOID.COMMON_NAME, name),
        )
    )


def nhs_subca(root: Issued, name: str = "SubCA Sandbox") -> Issued:
    return make_ca(
        _name(
            (NameOID.ORGANIZATION_NAME, "nhs"),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, "CA"),
            (NameOID.COMMON_NAME, name),
        ),
        issuer=root,
        path_length=0,
    )


def issue_card_certificate(
    subca: Issued,
    uuid: str,
    *,
    key: PrivateKey | None = None,
    key_type: str = "rsa2048",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    digital_signature: bool = True,
    key_encipherment: bool = False,
    extended_key_usage: list[x509.ObjectIdentifier] | None = None,
) -> Issued:
    """An NHS-shaped card certificate; defaults make a good card valid for two years."""
    key = key or new_key(key_type)
    not_before = not_before or _now() - dt.timedelta(days=1)
    not_after = not_after or not_before + dt.timedelta(days=730)
    builder = (
        x509.CertificateBuilder()
        .subject_name(
            _name(
                (NameOID.ORGANIZATION_NAME, "nhs"),
                (NameOID.ORGANIZATIONAL_UNIT_NAME, "people"),
                (NameOID.COMMON_NAME, uuid),
            )
        )
        .issuer_name(subca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(
            key_usage(digital_signature=digital_signature, key_encipherment=key_encipherment),
            critical=True,
        )
        .add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(NHS_CARD_POLICY_OID, None)]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(subca.key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if extended_key_usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended_key_usage), critical=False)
    return Issued(key, builder.sign(subca.key, hashes.SHA256()))


def tls_ca(name: str = "Smartcard Linker Sandbox TLS CA") -> Issued:
    return make_ca(
        _name((NameOID.ORGANIZATION_NAME, "Smartcard Linker Sandbox"), (NameOID.COMMON_NAME, name))
    )


def issue_tls_server_certificate(
    ca: Issued, hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
) -> Issued:
    """A loopback server certificate (SANs for each host) that truststore/OpenSSL accept."""
    key = new_key("ec-p256")
    now = _now()
    sans: list[x509.GeneralName] = []
    for host in hosts:
        try:
            sans.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            sans.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name((NameOID.COMMON_NAME, hosts[0])))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            key_usage(digital_signature=True),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(key, cert)


@dataclass
class SandboxPKI:
    """The sandbox's CAs written to one directory.

    Files: ``nhs-root.pem``, ``nhs-subca.pem`` (+ .key), ``nhs-trust.pem`` (both,
    what the portal trusts), ``tls-ca.pem`` (+ .key), ``tls-server.pem`` (+ .key).
    """

    directory: Path
    nhs_root: Issued
    nhs_subca: Issued
    tls_ca: Issued
    tls_server: Issued

    @classmethod
    def create(cls, directory: Path) -> SandboxPKI:
        root = nhs_root()
        sub = nhs_subca(root)
        ca = tls_ca()
        server = issue_tls_server_certificate(ca)
        pki = cls(directory, root, sub, ca, server)
        root.write(directory, "nhs-root")
        sub.write(directory, "nhs-subca")
        ca.write(directory, "tls-ca")
        server.write(directory, "tls-server")
        (directory / "nhs-trust.pem").write_bytes(root.cert_pem + sub.cert_pem)
        return pki

    @property
    def nhs_trust_file(self) -> Path:
        return self.directory / "nhs-trust.pem"

    @property
    def tls_ca_file(self) -> Path:
        return self.directory / "tls-ca.pem"

    @property
    def tls_cert_file(self) -> Path:
        return self.directory / "tls-server.pem"

    @property
    def tls_key_file(self) -> Path:
        return self.directory / "tls-server.key"

    def card(self, uuid: str, **kwargs: object) -> Issued:
        """A card certificate from this sandbox's SubCA (see issue_card_certificate)."""
        return issue_card_certificate(self.nhs_subca, uuid, **kwargs)  # type: ignore[arg-type]
