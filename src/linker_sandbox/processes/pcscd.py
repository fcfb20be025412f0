"""A private pcscd with vpcd virtual readers, one per test session or sandbox run.

pcscd always creates its socket at ``/run/pcscd/pcscd.comm``; to run one next to
(or instead of) the system's, we start it inside ``unshare --mount`` with our own
directory bind-mounted over ``/run/pcscd``. Clients reach it through
``PCSCLITE_CSOCK_NAME`` (set it before a process loads pyscard or a PKCS#11 module).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

VPCD_DRIVER_CANDIDATES = (
    "/usr/lib/pcsc/drivers/serial/libifdvpcd.so",
    "/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so",
)


class PcscdError(RuntimeError):
    pass


def vpcd_driver() -> str:
    for path in VPCD_DRIVER_CANDIDATES:
        if Path(path).exists():
            return path
    raise PcscdError("vpcd driver not found: install the vsmartcard-vpcd package")


def _port_free(port: int) -> bool:
    # vpcd listens on all interfaces, so test the wildcard address.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("", port))
        except OSError:
            return False
    return True


def free_port_run(count: int) -> int:
    """A first port such that ``count`` consecutive ports are free right now."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            base = int(probe.getsockname()[1])
        if base + count < 65535 and all(_port_free(base + i) for i in range(count)):
            return base
    raise PcscdError("no run of free TCP ports found")


@dataclass(frozen=True)
class VirtualReader:
    """One vpcd slot: the PC/SC name clients see and the port a card process dials."""

    index: int
    name: str
    port: int


@dataclass
class PrivatePcscd:
    """pcscd in its own mount namespace with ``reader_count`` vpcd readers.

    Use as a context manager, or call start()/stop(). ``socket_path`` is what
    clients need in ``PCSCLITE_CSOCK_NAME``.
    """

    directory: Path
    reader_count: int = 2
    reader_prefix: str = "Sandbox Reader"
    readers: tuple[VirtualReader, ...] = ()
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def socket_path(self) -> Path:
        return self.directory / "run" / "pcscd.comm"

    @property
    def log_path(self) -> Path:
        return self.directory / "pcscd.log"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def _write_config(self) -> Path:
        conf_dir = self.directory / "reader.conf.d"
        if conf_dir.exists():
            shutil.rmtree(conf_dir)
        conf_dir.mkdir(parents=True)
        if not self.readers:
            pairs = (self.reader_count + 1) // 2
            base = free_port_run(pairs * 2)
            readers: list[VirtualReader] = []
            for pair in range(pairs):
                label = f"{self.reader_prefix} {chr(ord('A') + pair)}"
                for slot in range(2):
                    index = pair * 2 + slot
                    if index < self.reader_count:
                        name = f"{label} 00 {slot:02d}"
                        readers.append(VirtualReader(index, name, base + index))
            self.readers = tuple(readers)
        pairs_written: set[int] = set()
        for reader in self.readers:
            pair = reader.index // 2
            if pair in pairs_written:
                continue
            pairs_written.add(pair)
            port = reader.port - (reader.index % 2)
            label = reader.name.rsplit(" 00 ", 1)[0]
            (conf_dir / f"vpcd-{pair}").write_text(
                f'FRIENDLYNAME "{label}"\n'
                f"DEVICENAME   /dev/null:0x{port:04X}\n"
                f"LIBPATH      {vpcd_driver()}\n"
                f"CHANNELID    0x{port:04X}\n"
            )
        return conf_dir

    def start(self, timeout: float = 10.0) -> None:
        if self._process is not None:
            raise PcscdError("pcscd already running")
        for tool in ("unshare", "pcscd", "mount"):
            if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
                raise PcscdError(f"{tool} not found")
        self.directory.mkdir(parents=True, exist_ok=True)
        run_dir = self.directory / "run"
        run_dir.mkdir(exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        conf_dir = self._write_config()
        pcscd = shutil.which("pcscd") or "/usr/sbin/pcscd"
        script = (
            'mkdir -p /run/pcscd && mount --bind "$1" /run/pcscd && '
            'exec "$2" --foreground --error -c "$3"'
        )
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                "sh",
                str(run_dir),
                pcscd,
                str(conf_dir),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not self._socket_ready():
            if self._process.poll() is not None:
                self._process = None
                raise PcscdError(f"pcscd exited at start; see {self.log_path}")
            if time.monotonic() > deadline:
                self.stop()
                raise PcscdError("pcscd did not open its socket in time")
            time.sleep(0.02)  # waiting on an external daemon's socket: no event to wait on

    def _socket_ready(self) -> bool:
        if not self.socket_path.exists():
            return False
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(str(self.socket_path))
            except OSError:
                return False
        return True

    def wait_readers_listening(self, timeout: float = 10.0) -> None:
        """Wait until vpcd listens on every reader port (so a card can dial in)."""
        deadline = time.monotonic() + timeout
        for reader in self.readers:
            while _port_free(reader.port):
                if time.monotonic() > deadline:
                    raise PcscdError(f"vpcd not listening on {reader.port}")
                time.sleep(0.02)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM and reap: an unreaped pcscd would block the next start."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def client_env(self) -> dict[str, str]:
        return {"PCSCLITE_CSOCK_NAME": str(self.socket_path)}

    def __enter__(self) -> PrivatePcscd:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def wait_card_state(reader: str, present: bool, timeout: float = 5.0) -> bool:
    """Wait (event-driven) until pcscd reports ``reader`` with/without a card.

    Uses this process's PC/SC client (``PCSCLITE_CSOCK_NAME`` must already point
    at the right pcscd). Returns False on timeout.
    """
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return False
    try:
        deadline = time.monotonic() + timeout
        state = scard.SCARD_STATE_UNAWARE
        while True:
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            hresult, states = scard.SCardGetStatusChange(context, remaining, [(reader, state)])
            if hresult != scard.SCARD_S_SUCCESS:
                return False
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            if bool(state & scard.SCARD_STATE_PRESENT) == present:
                return True
            if remaining == 0:
                return False
    finally:
        scard.SCardReleaseContext(context)


def set_client_socket(pcscd: PrivatePcscd) -> None:
    """Point this process's PC/SC clients at ``pcscd`` (before pyscard/OpenSC load)."""
    os.environ["PCSCLITE_CSOCK_NAME"] = str(pcscd.socket_path)
