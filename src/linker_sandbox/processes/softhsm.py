"""SoftHSM2 tokens: a real PKCS#11 backend for key types the virtual card lacks.

OpenSC's PIV layer signs RSA PKCS#1 v1.5 and ECDSA only; SoftHSM gives RSA-PSS (and
more key types) through the same PKCS#11 code path. It is not on PC/SC (no reader), so
tokens are found by label (``open_token("token:<label>")``). ``SOFTHSM2_CONF``
must be set before the module is loaded in a process: ``SoftHsm.activate()``.
A wrong PIN sets USER_PIN_COUNT_LOW but SoftHSM never locks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from linker_sandbox.testdata.pki import Issued

SOFTHSM_MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib64/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)
SO_PIN = "12345678"


class SoftHsmError(RuntimeError):
    pass


def softhsm_module() -> str:
    for path in SOFTHSM_MODULE_CANDIDATES:
        if Path(path).exists():
            return path
    raise SoftHsmError("SoftHSM2 module not found: install the softhsm2 package")


@dataclass
class SoftHsm:
    """A SoftHSM2 token directory of its own, with its own config file."""

    directory: Path

    @property
    def conf_path(self) -> Path:
        return self.directory / "softhsm2.conf"

    def prepare(self) -> None:
        tokens = self.directory / "tokens"
        tokens.mkdir(parents=True, exist_ok=True)
        self.conf_path.write_text(
            f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
        )

    def activate(self) -> None:
        """Set SOFTHSM2_CONF for this process (before the module is loaded)."""
        self.prepare()
        os.environ["SOFTHSM2_CONF"] = str(self.conf_path)

    def _run(self, *args: str) -> None:
        env = dict(os.environ, SOFTHSM2_CONF=str(self.conf_path))
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SoftHsmError(f"{args[0]} failed: {result.stderr.strip() or result.stdout}")

    def add_token(self, label: str, issued: Issued, pin: str, key_id: str = "01") -> None:
        """A token holding ``issued``'s private key and certificate under ``key_id``."""
        if shutil.which("softhsm2-util") is None or shutil.which("pkcs11-tool") is None:
            raise SoftHsmError("softhsm2-util and pkcs11-tool (opensc) are needed")
        self.prepare()
        self._run(
            "softhsm2-util", "--init-token", "--free", "--label", label,
            "--pin", pin, "--so-pin", SO_PIN,
        )  # fmt: skip
        with tempfile.TemporaryDirectory(dir=self.directory) as tmp:
            key_file, cert_file = Path(tmp) / "key.pem", Path(tmp) / "cert.der"
            key_file.write_bytes(issued.key_pem)
            cert_file.write_bytes(issued.cert_der)
            self._run(
                "softhsm2-util", "--import", str(key_file), "--token", label,
                "--label", "auth", "--id", key_id, "--pin", pin,
            )  # fmt: skip
            self._run(
                "pkcs11-tool", "--module", softhsm_module(), "--token-label", label,
                "--login", "--pin", pin, "--write-object", str(cert_file),
                "--type", "cert", "--id", key_id, "--label", "auth",
            )  # fmt: skip
