"""A minimal HTTPS issuer on loopback publishing a SigningKeySet's JWKS in Entra's
layout (``/<tenant>/v2.0/.well-known/openid-configuration`` and
``/<tenant>/discovery/v2.0/keys``): for portal tests and benchmarks that need token
validation without the full sandbox identity provider."""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from linker_sandbox.testdata.pki import SandboxPKI
from linker_sandbox.testdata.token_keys import SigningKeySet


class JwksServer:
    """HTTPS on loopback: ``/<tenant>/v2.0/.well-known/openid-configuration`` and
    ``/<tenant>/discovery/v2.0/keys``; counts key fetches."""

    def __init__(self, keys: SigningKeySet, pki: SandboxPKI, tenant_id: str) -> None:
        self.keys = keys
        self.tenant_id = tenant_id
        self.key_fetches = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the portal's key fetches use
            disable_nagle_algorithm = True  # TCP_NODELAY: no ~40 ms wait per answer

            def do_GET(self) -> None:
                if self.path == f"/{tenant_id}/discovery/v2.0/keys":
                    server.key_fetches += 1
                    body: dict[str, Any] = server.keys.jwks()
                elif self.path == f"/{tenant_id}/v2.0/.well-known/openid-configuration":
                    body = {"issuer": server.issuer, "jwks_uri": server.jwks_url}
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(pki.tls_cert_file, pki.tls_key_file)
        self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.base_url = f"https://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/{self.tenant_id}/v2.0"

    @property
    def jwks_url(self) -> str:
        return f"{self.base_url}/{self.tenant_id}/discovery/v2.0/keys"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
