"""Card layer figures on the real stack: private pcscd, the virtual PIV card, OpenSC.

- monitor latency: how long after pcscd's own detection our monitor reports an
  insert/remove (a raw SCardGetStatusChange observer marks pcscd's moment);
- monitor CPU while waiting (whole process, only the monitor running);
- open (certificate read) + login + sign on the virtual PIV card through OpenSC's own
  PIV driver and opensc-pkcs11.so, module loaded; the PIN retry counter read (a
  data-less VERIFY over PC/SC) is part of open and of login, as in the app.

Run: ``.venv/bin/python bench/bench_card.py [--quick] [--json out.json]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import Figure, arg_parser, report
from linker_sandbox.cards.virtual_card import VirtualCardRig, nhs_issuer_rule
from linker_sandbox.processes.pcscd import PrivatePcscd
from linker_sandbox.testdata.pki import SandboxPKI


class RawObserver(threading.Thread):
    """The floor: a bare SCardGetStatusChange loop stamping each presence change."""

    def __init__(self, readers: list[str]) -> None:
        super().__init__(daemon=True)
        from smartcard import scard

        self.scard = scard
        self.readers = readers
        self.stamps: list[tuple[float, str, bool]] = []
        _, self.context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        self.stopping = False

    def run(self) -> None:
        scard = self.scard
        states = [(r, scard.SCARD_STATE_UNAWARE) for r in self.readers]
        present: dict[str, bool] = {}
        while not self.stopping:
            hresult, result = scard.SCardGetStatusChange(self.context, 0xFFFFFFFF, states)
            now = time.perf_counter()
            if hresult != scard.SCARD_S_SUCCESS:
                return
            states = []
            for name, event, _atr in result:
                is_present = bool(event & scard.SCARD_STATE_PRESENT)
                if name in present and present[name] != is_present:
                    self.stamps.append((now, name, is_present))
                present[name] = is_present
                states.append((name, event & ~scard.SCARD_STATE_CHANGED))

    def stop(self) -> None:
        self.stopping = True
        self.scard.SCardCancel(self.context)
        self.join(5)
        self.scard.SCardReleaseContext(self.context)


def _wait(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Bench-only: spin on a condition set by another thread (timestamps come from there)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("event not seen")
        time.sleep(0.005)


def main() -> None:
    parser = arg_parser(__doc__ or "")
    args = parser.parse_args()
    cycles = 4 if args.quick else 12
    idle_s = 5.0 if args.quick else 30.0
    sign_runs = 5 if args.quick else 20

    work = Path(tempfile.mkdtemp(prefix="bench-card-"))
    pcscd = PrivatePcscd(work / "pcscd", reader_count=2)
    os.environ["PCSCLITE_CSOCK_NAME"] = str(pcscd.socket_path)
    pki = SandboxPKI.create(work / "pki")
    pcscd.start()
    figures: list[Figure] = []
    try:
        with VirtualCardRig(work / "rig", pki.nhs_subca, pcscd=pcscd) as rig:
            figures += _latency_and_cpu(rig, cycles, idle_s)
            figures += _sign(rig, sign_runs, nhs_issuer_rule(pki.nhs_subca))
    finally:
        pcscd.stop()
    report(figures, args.json)


def _latency_and_cpu(rig: VirtualCardRig, cycles: int, idle_s: float) -> list[Figure]:
    from smartcard_linker.card.model import CardEvent, CardEventKind
    from smartcard_linker.card.monitor import PcscCardMonitor

    seen: list[tuple[float, CardEvent]] = []
    monitor = PcscCardMonitor()
    monitor.start(lambda e: seen.append((time.perf_counter(), e)))
    _wait(lambda: any(e.kind == CardEventKind.READERS_CHANGED for _, e in seen))
    # CPU while waiting: nothing else runs in this process now.
    cpu0, wall0 = time.process_time(), time.perf_counter()
    time.sleep(idle_s)
    cpu_pct = (time.process_time() - cpu0) / (time.perf_counter() - wall0) * 100

    reader = rig.readers[0].name
    raw = RawObserver([r.name for r in rig.readers])
    raw.start()
    delays: list[float] = []
    floors: list[float] = []  # card appears/disappears in vpcd → pcscd reports it
    for _ in range(cycles):
        for inserting in (True, False):
            kind = CardEventKind.CARD_INSERTED if inserting else CardEventKind.CARD_REMOVED
            before_raw, before_seen = len(raw.stamps), len(seen)
            changed_at = time.perf_counter()
            if inserting:
                rig.insert("ready", reader, wait=False)
            else:
                rig.remove(reader, wait=False)
            _wait(lambda n=before_raw: len(raw.stamps) > n)
            _wait(lambda k=kind, n=before_seen: any(e.kind == k for _, e in seen[n:]))
            raw_at = raw.stamps[before_raw][0]
            ours_at = next(t for t, e in seen[before_seen:] if e.kind == kind)
            delays.append((ours_at - raw_at) * 1000)
            floors.append((raw_at - changed_at) * 1000)
    raw.stop()
    monitor.stop()
    return [
        Figure.from_samples(
            "monitor insert/remove delay after pcscd",
            "ms",
            50,
            delays,
            note="pcscd itself polls vpcd presence about every 400 ms; that part is not ours",
        ),
        Figure.from_samples(
            "pcscd presence floor (insert/remove → pcscd reports)",
            "ms",
            None,
            floors,
            note="card emulator start or stop + pcscd's vpcd presence poll; not our code",
        ),
        Figure.from_samples(
            "monitor CPU while waiting",
            "%",
            0.5,
            [cpu_pct],
            note=f"whole process CPU over {idle_s:.0f} s idle, blocked in SCardGetStatusChange",
        ),
    ]


def _sign(rig: VirtualCardRig, runs: int, issuer_rule: str) -> list[Figure]:
    from link_protocol.message import build_link_message
    from smartcard_linker.card.pkcs11_access import Pkcs11CardAccess, authentication_certificate
    from smartcard_linker.card.recognition import NhsCardRecogniser

    reader = rig.readers[1].name
    rig.insert("ready", reader)
    recogniser = NhsCardRecogniser.from_settings(
        NhsCardRecogniser.default_rule_texts(), [issuer_rule]
    )
    access = Pkcs11CardAccess(recogniser=recogniser)
    access.module()  # loaded once, as in the app after the first card
    opens, logins, signs, totals = [], [], [], []
    for _ in range(runs):
        message = build_link_message("https://127.0.0.1:8443", os.urandom(32), "oid-bench")
        t0 = time.perf_counter()
        token = access.open_token(reader)
        cert = authentication_certificate(token.info)
        t1 = time.perf_counter()
        token.login(bytearray(b"123456"))
        t2 = time.perf_counter()
        token.sign(cert, message)
        t3 = time.perf_counter()
        token.close()
        opens.append((t1 - t0) * 1000)
        logins.append((t2 - t1) * 1000)
        signs.append((t3 - t2) * 1000)
        totals.append((t3 - t0) * 1000)
    rig.remove(reader)
    return [
        Figure.from_samples(
            "open + certificate + login + sign (virtual PIV card)",
            "ms",
            100,
            totals,
            note="OpenSC's PIV driver over vpcd; raw RSA-2048 (CRT) in the Python PIV card",
        ),
        Figure.from_samples("  open token + read certificate", "ms", None, opens),
        Figure.from_samples("  login", "ms", None, logins),
        Figure.from_samples("  sign (RS256)", "ms", None, signs),
    ]


if __name__ == "__main__":
    main()
