"""Virtual NHS-shaped smartcards on a private pcscd: insert, remove, list.

A card is a process (``python -m linker_sandbox.cards.piv_card``, a PIV card that OpenSC's
own PIV driver reads) dialled into a vpcd reader: starting it inserts the card,
stopping it removes it. Every card carries a certificate from the sandbox PKI for
one test person (``people.py``) in slot 9A: ``ok``, ``expired``, ``wrong-ca``
(issued by a CA neither the app's NHS issuer setting nor the portal trusts) or
``locked`` (starts with the PIN blocked). ``atr`` gives a card another ATR (an old
NHS series, say) with the same PIV application behind it.

``VirtualCardRig`` is the Python API (tests, the sandbox command); it keeps its
state in ``<directory>/card-rig.json`` so ``linker-sandbox card ...`` in another
process can insert and remove cards in a running sandbox.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from linker_sandbox.processes.pcscd import PcscdError, PrivatePcscd, VirtualReader, wait_card_state
from linker_sandbox.testdata import pki
from linker_sandbox.testdata.people import TestPerson, person

CARD_MODULE = "linker_sandbox.cards.piv_card"
SANDBOX_DIR_ENV = "LINKER_SANDBOX_DIR"
STATE_FILE = "card-rig.json"


class VirtualCardError(RuntimeError):
    pass


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "smartcard-linker-sandbox"


def default_sandbox_dir() -> Path:
    return Path(os.environ.get(SANDBOX_DIR_ENV) or cache_dir() / "sandbox")


def card_python() -> Path:
    """The Python that runs card processes: this one (the card needs only ``cryptography``)."""
    return Path(sys.executable)


@dataclass(frozen=True)
class CardSpec:
    """What goes on one virtual card."""

    name: str  # person key or a free label; shown by ``card list``
    uuid: str
    issued: pki.Issued
    locked: bool = False
    atr: bytes | None = None  # None: the PIV card's default (IDEMIA PIV family) ATR

    @property
    def certificate(self) -> x509.Certificate:
        return self.issued.cert

    @property
    def guid(self) -> bytes:
        """The CHUID GUID (OpenSC's token serial): stable for a certificate, never zero."""
        digest = hashlib.sha256(b"sandbox PIV GUID" + self.issued.cert_der).digest()
        return digest[:15] + b"\x01"

    def with_atr(self, atr: bytes) -> CardSpec:
        return dataclasses.replace(self, atr=atr)


def nhs_issuer_rule(subca: pki.Issued) -> str:
    """The app's ``extra_nhs_card_issuers`` entry that makes this SubCA's cards NHS
    Smartcards: its name and key identifier (the shipped defaults never name it)."""
    ski = subca.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return f"{subca.cert.subject.rfc4514_string()}|keyid={ski.digest.hex()}"


def _untrusted_subca() -> pki.Issued:
    root = pki.nhs_root("Not The NHS Root CA")
    return pki.nhs_subca(root, "SubCA Not Trusted")


def card_identity(
    who: TestPerson | str, state: str | None = None, key_type: str | None = None
) -> tuple[str, str, str, str]:
    """(name, uuid, state, key_type) for a sandbox person or a bare 12-digit UUID."""
    p = person(who) if isinstance(who, str) and not who.isdigit() else who
    if isinstance(p, TestPerson):
        return p.key, p.care_identity_uuid, state or p.card, key_type or p.key_type
    return str(who), str(who), state or "ok", key_type or "rsa2048"


def make_card(
    subca: pki.Issued,
    who: TestPerson | str,
    *,
    state: str | None = None,
    key_type: str | None = None,
) -> CardSpec:
    """A card for a sandbox person (or a bare 12-digit UUID) in the given state."""
    name, uuid, state, key_type = card_identity(who, state, key_type)
    now = dt.datetime.now(dt.UTC)
    if state == "expired":
        issued = pki.issue_card_certificate(
            subca,
            uuid,
            key_type=key_type,
            not_before=now - dt.timedelta(days=760),
            not_after=now - dt.timedelta(days=30),
        )
    elif state == "wrong-ca":
        issued = pki.issue_card_certificate(_untrusted_subca(), uuid, key_type=key_type)
    elif state in ("ok", "locked"):
        issued = pki.issue_card_certificate(subca, uuid, key_type=key_type)
    else:
        raise VirtualCardError(f"no card for state {state!r}")
    return CardSpec(name, uuid, issued, locked=state == "locked")


class CardProcess:
    """One running card: started = inserted, stopped = removed."""

    def __init__(self, spec: CardSpec, reader: VirtualReader, python: Path) -> None:
        self.spec = spec
        self.reader = reader
        self._process = subprocess.Popen(
            [str(python), "-m", CARD_MODULE, "--port", str(reader.port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # Ctrl-C on a test run must not remove cards half-way
        )
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(json.dumps(personalisation(spec)) + "\n")
        self._process.stdin.close()
        line = self._process.stdout.readline()
        if line.strip() != "ready":
            self.stop()
            raise VirtualCardError(f"card process for {spec.name} failed to start")

    @property
    def pid(self) -> int:
        return self._process.pid

    def alive(self) -> bool:
        return self._process.poll() is None

    def detach(self) -> None:
        """Leave the card running after this process exits (``linker-sandbox card``)."""
        if self._process.stdout:
            self._process.stdout.close()
        self._process.returncode = 0  # not ours to reap any more: no warning at exit

    def stop(self, timeout: float = 5.0) -> None:
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout)
        if self._process.stdout:
            self._process.stdout.close()


def personalisation(spec: CardSpec) -> dict[str, object]:
    key_pem = spec.issued.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return {
        "key_pem": key_pem,
        "cert_der": spec.issued.cert_der.hex(),
        "guid": spec.guid.hex(),
        "expiry": spec.certificate.not_valid_after_utc.strftime("%Y%m%d"),
        "locked": spec.locked,
        "atr": spec.atr.hex() if spec.atr else None,
    }


def _is_card_process(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return CARD_MODULE.encode() in cmdline


class VirtualCardRig:
    """Readers on a private pcscd and the cards in them.

    ``VirtualCardRig(directory, subca)`` starts its own pcscd (``reader_count``
    readers) unless given one. ``insert(person_or_spec, reader)`` starts a card;
    ``remove(reader)`` stops it. ``close()`` removes every card (also ones
    inserted by ``linker-sandbox card``) and stops an owned pcscd.
    """

    def __init__(
        self,
        directory: Path,
        subca: pki.Issued,
        *,
        pcscd: PrivatePcscd | None = None,
        reader_count: int = 2,
        python: Path | None = None,
        pki_dir: Path | None = None,
    ) -> None:
        self.directory = directory
        self.subca = subca
        self.python = python or card_python()
        self._owns_pcscd = pcscd is None
        self.pcscd = pcscd or PrivatePcscd(directory / "pcscd", reader_count=reader_count)
        self._cards: dict[int, CardProcess] = {}
        self._specs: dict[str, CardSpec] = {}
        self._pki_dir = pki_dir
        if self._owns_pcscd:
            self.pcscd.start()
        try:
            self.pcscd.wait_readers_listening()
        except PcscdError:
            self.close()
            raise
        self._write_state()

    # -- readers -------------------------------------------------------------
    @property
    def readers(self) -> tuple[VirtualReader, ...]:
        return self.pcscd.readers

    @property
    def socket_path(self) -> Path:
        return self.pcscd.socket_path

    def reader(self, which: int | str | VirtualReader) -> VirtualReader:
        if isinstance(which, VirtualReader):
            return which
        for r in self.readers:
            if which in (r.index, r.name):
                return r
        raise VirtualCardError(f"no reader {which!r}")

    # -- cards ---------------------------------------------------------------
    def card_for(self, who: TestPerson | str, **kwargs: str) -> CardSpec:
        """The (cached) card of a person: the same key and certificate each insertion."""
        key = (who.key if isinstance(who, TestPerson) else who) + repr(sorted(kwargs.items()))
        if key not in self._specs:
            self._specs[key] = make_card(self.subca, who, **kwargs)
        return self._specs[key]

    def insert(
        self,
        card: CardSpec | TestPerson | str,
        reader: int | str | VirtualReader = 0,
        *,
        wait: bool = True,
    ) -> CardSpec:
        """Insert a card; a card already in that reader is removed first.

        With ``wait`` it returns once pcscd reports the card (needs this process's
        ``PCSCLITE_CSOCK_NAME`` to name the rig's pcscd).
        """
        spec = card if isinstance(card, CardSpec) else self.card_for(card)
        target = self.reader(reader)
        self.remove(target, wait=wait)
        self._cards[target.index] = CardProcess(spec, target, self.python)
        self._write_state()
        if wait and not wait_card_state(target.name, present=True):
            raise VirtualCardError(f"pcscd did not see the card in {target.name}")
        return spec

    def remove(self, reader: int | str | VirtualReader = 0, *, wait: bool = True) -> None:
        """Remove the card from a reader (if any); with ``wait``, until pcscd sees it gone."""
        target = self.reader(reader)
        process = self._cards.pop(target.index, None)
        if process is not None:
            process.stop()
        else:
            _stop_foreign(self._read_state().get("cards", {}).get(str(target.index)))
        self._write_state()
        if wait and self.pcscd.running and not wait_card_state(target.name, present=False):
            raise VirtualCardError(f"pcscd still reports a card in {target.name}")

    def card_in(self, reader: int | str | VirtualReader) -> CardSpec | None:
        process = self._cards.get(self.reader(reader).index)
        return process.spec if process and process.alive() else None

    def close(self) -> None:
        for index in list(self._cards):
            self._cards.pop(index).stop()  # no wait: pcscd may be stopping too
        for entry in self._read_state().get("cards", {}).values():
            _stop_foreign(entry)
        if self._owns_pcscd:
            self.pcscd.stop()
        with contextlib.suppress(FileNotFoundError):
            (self.directory / STATE_FILE).unlink()

    def __enter__(self) -> VirtualCardRig:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- state shared with ``linker-sandbox card`` ---------------------------
    def _read_state(self) -> dict[str, Any]:
        return read_state(self.directory)

    def _write_state(self) -> None:
        with state_lock(self.directory):
            old = read_state(self.directory).get("cards", {})
            cards: dict[str, object] = {}
            for r in self.readers:
                process = self._cards.get(r.index)
                if process is not None and process.alive():
                    cards[str(r.index)] = {
                        "pid": process.pid,
                        "name": process.spec.name,
                        "uuid": process.spec.uuid,
                    }
                elif str(r.index) in old and _entry_alive(old[str(r.index)]):
                    cards[str(r.index)] = old[str(r.index)]
            write_state(
                self.directory,
                {
                    "socket": str(self.socket_path),
                    "python": str(self.python),
                    "pki_dir": str(self._pki_dir) if self._pki_dir else None,
                    "readers": [
                        {"index": r.index, "name": r.name, "port": r.port} for r in self.readers
                    ],
                    "cards": cards,
                },
            )


# -- state file helpers (also used by card_cli) ------------------------------
@contextlib.contextmanager
def state_lock(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f".{STATE_FILE}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def read_state(directory: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((directory / STATE_FILE).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data


def write_state(directory: Path, state: dict[str, Any]) -> None:
    tmp = directory / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(state, indent=2))
    tmp.replace(directory / STATE_FILE)


def _entry_alive(entry: object) -> bool:
    return isinstance(entry, dict) and _is_card_process(int(entry.get("pid", 0)))


def _stop_foreign(entry: object, timeout: float = 5.0) -> None:
    """Stop a card process another process started (found through the state file)."""
    if not _entry_alive(entry):
        return
    assert isinstance(entry, dict)
    pid = int(entry["pid"])
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _is_card_process(pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.01)  # not our child: no handle to wait on


# -- operating a rig that runs in another process (``linker-sandbox card``) ----
def find_state_dir(sandbox_dir: Path) -> Path:
    """The rig directory under a sandbox dir: itself or one level down."""
    if (sandbox_dir / STATE_FILE).exists():
        return sandbox_dir
    for child in sorted(sandbox_dir.glob(f"*/{STATE_FILE}")):
        return child.parent
    raise VirtualCardError(
        f"no running card rig under {sandbox_dir} (start the sandbox or `linker-sandbox card up`)"
    )


def _load_issued(cert_file: Path, key_file: Path) -> pki.Issued:
    key = serialization.load_pem_private_key(key_file.read_bytes(), None)
    assert isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
    return pki.Issued(key, x509.load_pem_x509_certificate(cert_file.read_bytes()))


def _stored_card(rig_dir: Path, pki_dir: Path, who: str, state: str | None) -> CardSpec:
    """A person's card issued once and kept, so each insertion is the same card."""
    name, uuid, state, _ = card_identity(who, state)
    store = rig_dir / "cards"
    cert_file, key_file = store / f"{name}-{state}.pem", store / f"{name}-{state}.key"
    if cert_file.exists() and key_file.exists():
        return CardSpec(name, uuid, _load_issued(cert_file, key_file), state == "locked")
    if not (pki_dir / "nhs-subca.key").exists():
        raise VirtualCardError(f"no sandbox SubCA key in {pki_dir}")
    subca = _load_issued(pki_dir / "nhs-subca.pem", pki_dir / "nhs-subca.key")
    spec = make_card(subca, who, state=state)
    spec.issued.write(store, f"{name}-{state}")
    return spec


def _reader_from_state(state: dict[str, Any], which: str) -> VirtualReader:
    readers = state.get("readers")
    assert isinstance(readers, list)
    for entry in readers:
        if which in (str(entry["index"]), entry["name"]):
            return VirtualReader(int(entry["index"]), str(entry["name"]), int(entry["port"]))
    names = ", ".join(f"{e['index']}: {e['name']}" for e in readers)
    raise VirtualCardError(f"no reader {which!r}; readers are {names}")


def _use_rig_socket(state: dict[str, Any]) -> None:
    socket_path = str(state.get("socket", ""))
    current = os.environ.get("PCSCLITE_CSOCK_NAME")
    if current and current != socket_path and "smartcard.scard" in sys.modules:
        raise VirtualCardError("this process already talks to another pcscd")
    os.environ["PCSCLITE_CSOCK_NAME"] = socket_path


def insert_into_running(
    sandbox_dir: Path, who: str, reader: str = "0", state: str | None = None
) -> tuple[CardSpec, VirtualReader]:
    """Insert a person's card into a reader of a rig another process runs."""
    rig_dir = find_state_dir(sandbox_dir)
    current = read_state(rig_dir)
    target = _reader_from_state(current, reader)
    _use_rig_socket(current)
    remove_from_running(sandbox_dir, str(target.index))
    pki_dir = current.get("pki_dir")
    if not pki_dir:
        raise VirtualCardError("the running rig did not record its PKI directory")
    spec = _stored_card(rig_dir, Path(str(pki_dir)), who, state)
    process = CardProcess(spec, target, Path(str(current["python"])))
    with state_lock(rig_dir):
        fresh = read_state(rig_dir)
        fresh.setdefault("cards", {})[str(target.index)] = {
            "pid": process.pid,
            "name": spec.name,
            "uuid": spec.uuid,
        }
        write_state(rig_dir, fresh)
    process.detach()
    if not wait_card_state(target.name, present=True):
        raise VirtualCardError(f"pcscd did not see the card in {target.name}")
    return spec, target


def remove_from_running(sandbox_dir: Path, reader: str = "0") -> VirtualReader:
    rig_dir = find_state_dir(sandbox_dir)
    current = read_state(rig_dir)
    target = _reader_from_state(current, reader)
    _use_rig_socket(current)
    with state_lock(rig_dir):
        fresh = read_state(rig_dir)
        entry = fresh.get("cards", {}).pop(str(target.index), None)
        write_state(rig_dir, fresh)
    if entry is not None:
        _stop_foreign(entry)
        wait_card_state(target.name, present=False)
    return target


def describe_running(sandbox_dir: Path) -> list[tuple[VirtualReader, dict[str, object] | None]]:
    rig_dir = find_state_dir(sandbox_dir)
    current = read_state(rig_dir)
    rows: list[tuple[VirtualReader, dict[str, object] | None]] = []
    for entry in current.get("readers", []):
        reader = _reader_from_state(current, str(entry["index"]))
        card = current.get("cards", {}).get(str(reader.index))
        rows.append((reader, card if _entry_alive(card) else None))
    return rows
