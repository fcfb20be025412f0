"""The published OpenAPI document (docs/openapi.json), independent of any deployment."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _throwaway_ca_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "openapi placeholder")])
    moment = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(moment)
        .not_valid_after(moment + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def openapi_document() -> dict[str, Any]:
    """Build the app with a throwaway config and return its OpenAPI document."""
    from link_portal.app import create_app
    from link_portal.config import PortalConfig

    with tempfile.TemporaryDirectory() as tmp:
        trust = Path(tmp) / "trust.pem"
        trust.write_bytes(_throwaway_ca_pem())
        config = PortalConfig(
            database_url=f"sqlite:///{Path(tmp) / 'openapi.db'}",
            issuer="https://login.example.invalid/tenant/v2.0",
            jwks_url="https://login.example.invalid/keys",
            tenant_id="tenant",
            nhs_trust=str(trust),
        )
        return create_app(config).openapi()


def openapi_text() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
