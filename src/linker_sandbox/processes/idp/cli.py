"""``linker-sandbox idp serve``: run the sandbox identity provider until Ctrl-C.

``add_idp_commands(subparsers)`` plugs into the lead's ``linker-sandbox`` parser;
``python -m linker_sandbox.processes.idp serve`` works on its own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from linker_sandbox.processes.idp.server import SANDBOX_API_AUDIENCE, SANDBOX_CLIENT_ID, SandboxIdP
from linker_sandbox.testdata.people import MFA_CODE, PEOPLE, SANDBOX_PASSWORD
from linker_sandbox.testdata.pki import Issued, PrivateKey, SandboxPKI


def _load(directory: Path, stem: str) -> Issued:
    cert = x509.load_pem_x509_certificate((directory / f"{stem}.pem").read_bytes())
    key = serialization.load_pem_private_key((directory / f"{stem}.key").read_bytes(), None)
    assert isinstance(key, PrivateKey)
    return Issued(key, cert)


def load_or_create_pki(directory: Path) -> SandboxPKI:
    """Reuse the sandbox PKI in ``directory`` (so trusted CA files stay valid), or make one."""
    stems = ("nhs-root", "nhs-subca", "tls-ca", "tls-server")
    if all((directory / f"{s}.pem").exists() and (directory / f"{s}.key").exists() for s in stems):
        return SandboxPKI(directory, *(_load(directory, s) for s in stems))
    return SandboxPKI.create(directory)


def serve(args: argparse.Namespace) -> int:
    directory = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="linker-idp-"))
    pki = load_or_create_pki(directory)
    client_ids = [args.client_id] if args.client_id else None
    idp = SandboxIdP(pki, args.port, client_ids=client_ids, api_audience=args.audience)
    authority = idp.start()
    print(f"Sandbox identity provider: {authority}")
    print(f"  issuer     {idp.issuer}")
    print(f"  TLS CA     {pki.tls_ca_file}")
    print("App settings:")
    print(f"  SMARTCARD_LINKER_AUTHORITY={authority}")
    print(f"  SMARTCARD_LINKER_CLIENT_ID={args.client_id or SANDBOX_CLIENT_ID}")
    print(f"  SMARTCARD_LINKER_API_SCOPE={idp.api_scope}")
    print(f"  SMARTCARD_LINKER_EXTRA_CA_FILE={pki.tls_ca_file}")
    print(f"Test people (password {SANDBOX_PASSWORD}, MFA code {MFA_CODE}):")
    for p in PEOPLE:
        print(f"  {p.username:<24} {p.demonstrates}")
    print("Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        idp.stop()
    return 0


def add_idp_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    idp = subparsers.add_parser("idp", help="the sandbox NHSmail identity provider")
    commands = idp.add_subparsers(dest="idp_command", required=True)
    run = commands.add_parser("serve", help="serve on loopback HTTPS until Ctrl-C")
    run.add_argument("--port", type=int, default=0, help="TCP port (0: any free port)")
    run.add_argument("--dir", help="PKI directory to reuse or create (default: a temp dir)")
    run.add_argument(
        "--client-id",
        help=f"accept only this client id (default: any; the sandbox app uses {SANDBOX_CLIENT_ID})",
    )
    run.add_argument("--audience", default=SANDBOX_API_AUDIENCE, help="the portal API audience")
    run.set_defaults(func=serve)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linker_sandbox.processes.idp")
    add_idp_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["idp", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))
