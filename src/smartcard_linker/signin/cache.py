"""Where the msal token cache lives: encrypted on disk with a key in the OS keyring, or memory.

Never a plaintext token on disk. On a personal desktop the serialized cache is
encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under a random key held in the
OS keyring (Windows Credential Manager, macOS Keychain, Secret Service); only that
44-character key goes into the keyring, which suits Windows' small credential size.
Without a usable keyring (fail/null backend, locked or absent Secret Service) or
in kiosk mode the cache is memory-only and sign-in is not remembered.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors
from cryptography.fernet import Fernet, InvalidToken

from smartcard_linker.signin.errors import TokenCacheUnavailable

log = logging.getLogger(__name__)

KEYRING_SERVICE = "SmartcardLinker"
KEYRING_KEY_NAME = "token-cache-key"
CACHE_FILE_NAME = "token-cache.bin"

# Backends that protect nothing: the key would sit in plaintext beside the cache.
_UNPROTECTED_BACKENDS = ("PlaintextKeyring", "fail.Keyring", "null.Keyring")


class CacheStore(Protocol):
    @property
    def persistent(self) -> bool: ...
    def load(self) -> str | None: ...
    def save(self, data: str) -> None: ...
    def clear(self) -> None: ...


class MemoryCacheStore:
    """Nothing leaves the process: kiosk mode, or no protected store on this machine."""

    persistent = False

    def load(self) -> str | None:
        return None

    def save(self, data: str) -> None:
        return None

    def clear(self) -> None:
        return None


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def usable_backend(
    backend: keyring.backend.KeyringBackend, *, explicit: bool
) -> keyring.backend.KeyringBackend | None:
    """``backend`` if it can hold the key safely, else None.

    An auto-detected plaintext backend is refused; one configured explicitly (tests)
    is accepted. Fail/null backends are always refused. A chainer must have members.
    """
    name = _backend_name(backend)
    if name.endswith(("fail.Keyring", "null.Keyring")):
        return None
    if not explicit and "Plaintext" in name:
        return None
    backends = getattr(backend, "backends", None)
    if name.endswith("chainer.ChainerBackend") and not backends:
        return None
    return backend


class KeyringEncryptedFileStore:
    """The cache in ``path``, Fernet-encrypted with a random key kept in ``backend``."""

    persistent = True

    def __init__(
        self,
        path: Path,
        backend: keyring.backend.KeyringBackend,
        *,
        service: str = KEYRING_SERVICE,
        key_name: str = KEYRING_KEY_NAME,
    ) -> None:
        self.path = path
        self.backend = backend
        self.service = service
        self.key_name = key_name

    def _key(self, create: bool) -> bytes | None:
        try:
            key = self.backend.get_password(self.service, self.key_name)
            if key is None and create:
                key = Fernet.generate_key().decode("ascii")
                self.backend.set_password(self.service, self.key_name, key)
        except keyring.errors.KeyringError as exc:
            raise TokenCacheUnavailable(f"the keyring is not usable: {type(exc).__name__}") from exc
        return key.encode("ascii") if key else None

    def probe(self) -> None:
        """Raise TokenCacheUnavailable if the keyring cannot be read (locked, no D-Bus)."""
        self._key(create=False)

    def load(self) -> str | None:
        key = self._key(create=False)
        if key is None or not self.path.exists():
            return None
        try:
            return Fernet(key).decrypt(self.path.read_bytes()).decode("utf-8")
        except (InvalidToken, UnicodeDecodeError, OSError):
            log.warning("token cache unreadable; starting signed out")
            with contextlib.suppress(OSError):
                self.path.unlink()
            return None

    def save(self, data: str) -> None:
        key = self._key(create=True)
        assert key is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(Fernet(key).encrypt(data.encode("utf-8")))
        os.replace(tmp, self.path)

    def clear(self) -> None:
        for path in (self.path, self.path.with_suffix(".tmp")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        try:
            self.backend.delete_password(self.service, self.key_name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("could not remove the token cache key: %s", type(exc).__name__)


def choose_store(
    *,
    remember: bool,
    cache_path: Path,
    backend: keyring.backend.KeyringBackend | None = None,
) -> CacheStore:
    """The encrypted file store when a protected keyring works, otherwise memory."""
    if not remember:
        return MemoryCacheStore()
    explicit = backend is not None
    chosen = usable_backend(backend or keyring.get_keyring(), explicit=explicit)
    if chosen is None:
        log.info("no protected keyring: sign-in will not be remembered")
        return MemoryCacheStore()
    store = KeyringEncryptedFileStore(cache_path, chosen)
    try:
        store.probe()
    except TokenCacheUnavailable:
        log.warning("keyring %s not usable: sign-in will not be remembered", _backend_name(chosen))
        return MemoryCacheStore()
    return store
