"""The whole link journey in the real wizard (offscreen Qt) against the sandbox.

Each sample is a fresh app process (``bench_journey.py --one``) that opens the real
window, signs in, takes the card, PIN, review and Confirm, and reports:

- PIN submitted → review page painted (goal ≤ 40 ms) and Confirm → done page
  painted (goal ≤ 25 ms), with the time the card and the portal took inside them
  (the floor: our adapters' calls, timed around the real objects);
- the GUI thread's longest stall: a 5 ms precise QTimer on the GUI thread records
  the largest gap between its ticks from the first page to the done page (goal ≤ 50 ms);
- resident memory (VmRSS) after the journey (goal ≤ 120 MB);
- the sign-in step and card insert → card page, for reference.

The sandbox (identity provider, portal, private pcscd, virtual cards) runs in this
parent process and its children, never in the app's process, so the app's memory and
GUI thread hold only the app. The parent plays the person's browser (the scripted
browser, on a thread here) and inserts the card when the app asks for it. One
sandbox serves every sample; the link is removed between samples. A first journey
warms the portal and the OS file cache and is not counted.

The wizard is driven by objectName like ``linker_sandbox.drivers.wizard_driver``, but with
waits that run Qt's real event loop (QTest.qWait sleeps up to 10 ms between event
batches, which would show up as stalls) and without importing the sandbox into the
app's process (it would count in the app's memory).
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import proc_status_kb, say

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PREFIX = "@bench "
PERSON = "ready"
CHILD_TIMEOUT_S = 120.0
MAX_RETRIES = 2
PROFILE_ENV = "BENCH_JOURNEY_PROFILE"  # a path: profile the GUI thread of each journey there
STALL_GOAL_MS = 50.0
# with the portal answering kept-alive calls at once (its sockets set TCP_NODELAY)
PIN_TO_REVIEW_GOAL_MS = 40.0
CONFIRM_TO_DONE_GOAL_MS = 25.0
TICK_MS = 5


# ====================================================================== the app process
class _Timed:
    """Times every method call on a real adapter (the card, the portal); no behaviour changes."""

    def __init__(self, target: Any, tag: str, calls: list[tuple[str, float, float]]) -> None:
        self._target = target
        self._tag = tag
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.monotonic()
            try:
                result = value(*args, **kwargs)
            finally:
                self._calls.append((f"{self._tag}.{name}", start, time.monotonic()))
            if name == "open_token":
                return _Timed(result, "token", self._calls)
            return result

        return timed


def run_one(settings_values: dict[str, Any]) -> dict[str, Any]:
    """One journey in this (fresh) process; returns the measurements."""
    launched = time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget

    from smartcard_linker.adapters import LazyServices, build_services
    from smartcard_linker.config import Settings
    from smartcard_linker.ui.app import show_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = Settings(**settings_values)
    calls: list[tuple[str, float, float]] = []

    def browse(url: str) -> bool:
        say(PREFIX, "browse", url)  # the parent's scripted browser signs the person in
        return True

    real = build_services(settings, open_browser=browse)

    def built(name: str, build: Callable[[], Any], tag: str | None) -> Callable[[], Any]:
        """The real builder (imports + adapter construction), timed; its product timed too."""

        def run() -> Any:
            start = time.monotonic()
            try:
                product = build()
            finally:
                calls.append((f"build {name}", start, time.monotonic()))
            return product if tag is None else _Timed(product, tag, calls)

        return run

    services = LazyServices(
        card_monitor=built("card monitor", real.card_monitor, "monitor"),
        card_access=built("card access", real.card_access, "card"),
        sign_in=built("sign-in", real.sign_in, "signin"),
        portal=built("portal client", real.portal, "portal"),
    )
    window = show_main_window(app, settings, services, None, open_url=lambda _url: None)
    window.resize(900, 760)
    shown_at = time.monotonic()

    phase = ["start"]
    painted: list[tuple[float, str]] = []  # (when, page) each paint of the current page

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            if event.type() == QEvent.Type.Paint and watched is window.stack.currentWidget():
                painted.append((time.monotonic(), watched.objectName()))
            return False

    watch = PaintWatch()
    for page in window.pages.values():
        page.installEventFilter(watch)

    # (gap ms, phase, GUI thread's own CPU ms in the gap) for gaps over 20 ms: a gap with
    # little CPU of its own was the GUI thread waiting (for the GIL, held by a worker).
    gaps: list[tuple[float, str, float, float]] = []  # ... and when the gap ended
    longest: list[Any] = [0.0, "", 0.0]
    last_tick = [time.monotonic(), time.thread_time()]

    def tick() -> None:
        now, cpu = time.monotonic(), time.thread_time()
        gap = (now - last_tick[0]) * 1000
        own = (cpu - last_tick[1]) * 1000
        last_tick[0], last_tick[1] = now, cpu
        if gap > longest[0]:
            longest[:] = [gap, phase[0], own]
        if gap > 20:
            gaps.append((gap, phase[0], own, now))

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)

    def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = 30) -> None:
        """Run the real event loop until ``condition`` holds (checked every 2 ms)."""
        if condition():
            return
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(2)
        check.timeout.connect(lambda: loop.quit() if condition() else None)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        check.start()
        loop.exec()
        check.stop()
        if not condition():
            raise TimeoutError(f"timed out waiting for {what} (on {window.stack.currentWidget()})")

    def page_name() -> str:
        widget = window.stack.currentWidget()
        return widget.objectName() if widget is not None else ""

    def shown(name: str, since: float) -> float | None:
        """When page ``name`` was first painted after ``since``."""
        return next((t for t, p in painted if p == name and t >= since), None)

    def wait_shown(names: tuple[str, ...], since: float) -> tuple[str, float]:
        wait_until(
            lambda: any(shown(n, since) is not None for n in names), f"page {' or '.join(names)}"
        )
        name = page_name()
        at = shown(name, since)
        if name not in names or at is None:
            raise AssertionError(f"journey ended on {name}")
        return name, at

    def click(name: str, root: QWidget | None = None) -> float:
        widget = (root or window).findChild(QPushButton, name)
        assert widget is not None, name
        wait_until(lambda: widget.isVisible() and widget.isEnabled(), f"button {name}")
        started = time.monotonic()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        return started

    def require(name: str, since: float) -> float:
        got, at = wait_shown((name, "errorPage", "blockedPage"), since)
        if got != name:
            raise AssertionError(f"expected {name}, the app shows {got}")
        return at

    marks: dict[str, float] = {"launched": launched, "window_shown": shown_at}
    try:
        # Stalls count from the first page on screen (before it: the start-up figure).
        marks["first_paint"] = require("startPage", launched)
        ticker.start()
        last_tick[:] = [time.monotonic(), time.thread_time()]
        phase[0] = "readiness check"
        try:
            wait_until(lambda: window.journey.state.ready, "the readiness check")
        except TimeoutError as exc:
            checks = [(c.key, c.status.value, c.code) for c in window.journey.state.readiness]
            raise TimeoutError(f"{exc}; checks: {checks}") from None
        marks["ready"] = time.monotonic()
        phase[0] = "sign-in"
        marks["signin_click"] = click("startButton")
        marks["account_shown"] = require("accountPage", marks["signin_click"])
        phase[0] = "account → insert card"
        since = click("accountContinueButton")
        require("insertCardPage", since)
        phase[0] = "card inserted"
        marks["insert_asked"] = time.monotonic()
        say(PREFIX, "insert")
        marks["card_shown"] = require("cardPage", marks["insert_asked"])
        phase[0] = "PIN dialog"
        click("cardContinueButton")
        wait_until(
            lambda: window.pin_dialog is not None and window.pin_dialog.isVisible(), "PIN dialog"
        )
        dialog = window.pin_dialog
        assert dialog is not None
        QTest.keyClicks(dialog.field, "123456")
        phase[0] = "PIN → review"
        marks["pin_click"] = click("pinContinueButton", dialog)
        marks["review_shown"] = require("reviewPage", marks["pin_click"])
        phase[0] = "Confirm → done"
        marks["confirm_click"] = click("confirmButton")
        marks["done_shown"] = require("donePage", marks["confirm_click"])
        phase[0] = "done"
        wait_until(lambda: time.monotonic() - marks["done_shown"] >= 0.2, "the done page to settle")
        ticker.stop()
        tick()
        status = proc_status_kb("VmRSS", "VmHWM")
        rss, hwm = status["VmRSS"] / 1024, status["VmHWM"] / 1024
    finally:
        ticker.stop()
        window.close()
        window.shutdown()

    def overlapping(start: float, end: float) -> list[str]:
        """The adapter calls (and adapter builds) that were running during a stall."""
        return sorted({name for name, a, b in calls if a < end and b > start})

    def spent(prefix: str, start: float, end: float) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, a, b in calls:
            if name.startswith(prefix) and start <= a and b <= end:
                out[name] = out.get(name, 0.0) + (b - a) * 1000
        return out

    def around(start: float, end: float) -> dict[str, float]:
        """Our time outside the adapter calls: before the first, between, after the last."""
        inside = sorted((a, b) for _n, a, b in calls if start <= a and b <= end)
        if not inside:
            return {"before": (end - start) * 1000, "between": 0.0, "after": 0.0}
        between = sum(max(0.0, a2 - b1) for (_a1, b1), (a2, _b2) in itertools.pairwise(inside))
        return {
            "before": (inside[0][0] - start) * 1000,
            "between": between * 1000,
            "after": (end - max(b for _a, b in inside)) * 1000,
        }

    pin_parts = spent("", marks["pin_click"], marks["review_shown"])
    confirm_parts = spent("portal.confirm", marks["confirm_click"], marks["done_shown"])
    signin_parts = spent("signin.", marks["signin_click"], marks["account_shown"])
    return {
        "marks": marks,
        "pin_to_review_ms": (marks["review_shown"] - marks["pin_click"]) * 1000,
        "confirm_to_done_ms": (marks["done_shown"] - marks["confirm_click"]) * 1000,
        "signin_ms": (marks["account_shown"] - marks["signin_click"]) * 1000,
        "pin_parts_ms": pin_parts,
        "pin_ours_ms": around(marks["pin_click"], marks["review_shown"]),
        "confirm_ours_ms": around(marks["confirm_click"], marks["done_shown"]),
        "confirm_parts_ms": confirm_parts,
        "signin_parts_ms": signin_parts,
        "longest_stall_ms": longest[0],
        "longest_stall_phase": longest[1],
        "longest_stall_own_cpu_ms": longest[2],
        "stalls_over_goal": sum(1 for g in gaps if g[0] > STALL_GOAL_MS),
        "gaps_over_20ms": [g[:3] for g in sorted(gaps, reverse=True)[:8]],
        "stall_overlaps": [overlapping(g[3] - g[0] / 1000, g[3]) for g in gaps if g[0] > 50],
        "rss_mb": rss,
        "hwm_mb": hwm,
    }


def child_main(settings_json: str) -> int:
    profile_to = os.environ.get(PROFILE_ENV)
    if profile_to:  # diagnosis only: cProfile of the GUI thread (slows it; figures not valid)
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(run_one, json.loads(settings_json))
        profiler.dump_stats(profile_to)
    else:
        result = run_one(json.loads(settings_json))
    say(PREFIX, "result", json.dumps(result))
    return 0


# ====================================================================== the sandbox side
def _sample(world: Any, index: int, src: Path | None = None) -> dict[str, Any]:
    """Run one app process through the journey; answer its browser and card requests.
    With ``src``, the app comes from that source tree (``--compare-src``)."""
    from linker_sandbox.drivers.browser import ScriptedBrowser

    assert world.pki is not None and world.rig is not None
    env = world.app_environment()
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join([*([str(src)] if src else []), str(BENCH_DIR), str(ROOT)])
    env.pop("PYTHONDEVMODE", None)
    settings = json.dumps(world.app_settings())
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--one", settings],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        killer = threading.Timer(CHILD_TIMEOUT_S, child.kill)
        killer.start()
        browser = ScriptedBrowser(world.pki.tls_ca_file, user=PERSON)
        result: dict[str, Any] | None = None
        inserted_at = 0.0
        try:
            assert child.stdout is not None
            for line in child.stdout:
                if not line.startswith(PREFIX):
                    continue
                kind, _, payload = line[len(PREFIX) :].rstrip("\n").partition(" ")
                if kind == "browse":
                    browser(payload)
                elif kind == "insert":
                    inserted_at = time.monotonic()
                    world.rig.insert(PERSON, 0, wait=False)
                elif kind == "result":
                    result = json.loads(payload)
            code = child.wait(30)
        finally:
            killer.cancel()
            if child.poll() is None:
                child.kill()
                child.wait()
            browser.join(5)
        if result is None or code != 0:
            errors.seek(0)
            raise RuntimeError(
                f"journey sample {index} failed (exit {child.returncode}):\n{errors.read()[-4000:]}"
            )
    result["insert_to_card_ms"] = (result["marks"]["card_shown"] - inserted_at) * 1000
    return result


def _reset(world: Any) -> None:
    """Take the card out and remove the person's link, so the next sample can link again."""
    from link_portal.admin import AdminError, remove_link
    from link_portal.db import make_engine
    from linker_sandbox.testdata.people import person

    world.rig.remove(0)
    engine = make_engine(world.database_url)
    try:
        remove_link(engine, person(PERSON).oid, reason="benchmark")
    except AdminError:
        pass
    finally:
        engine.dispose()


def _parts_note(samples: list[dict[str, Any]], key: str, total_key: str) -> tuple[str, float]:
    """'login 40 ms, …' medians of the timed adapter calls, and the median remainder."""
    names = sorted({n for s in samples for n in s[key]})
    med = statistics.median
    parts = [f"{n} {med([s[key].get(n, 0.0) for s in samples]):.0f} ms" for n in names]
    rest = med([s[total_key] - sum(s[key].values()) for s in samples])
    return ", ".join(parts), rest


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "--one":
        return child_main(sys.argv[2])
    sys.path.insert(0, str(BENCH_DIR))
    from benchlib import arg_parser, report

    parser = arg_parser(__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument(
        "--compare-src",
        type=Path,
        help="also run the app of this source tree (e.g. an earlier commit from git archive), "
        "alternating journey by journey with this one, in the same sandbox",
    )
    args = parser.parse_args()
    runs = 4 if args.quick else 15
    trees: dict[str, Path | None] = {"": None}
    if args.compare_src:
        other = args.compare_src.resolve()
        trees[f" ({other.name})"] = other / "src" if (other / "src").is_dir() else other

    from linker_sandbox.world import SandboxWorld

    by_tree: dict[str, list[dict[str, Any]]] = {label: [] for label in trees}
    retries = 0
    tmp = tempfile.TemporaryDirectory(prefix="bench-journey-")
    with tmp, SandboxWorld(Path(tmp.name) / "world") as world:
        for index in range(runs + 1):
            for tree, src in trees.items():
                started = time.monotonic()
                try:
                    sample = _sample(world, index, src)
                except RuntimeError as exc:
                    _reset(world)
                    if retries >= MAX_RETRIES:
                        raise
                    retries += 1  # reported in the figures' note: a sandbox hiccup
                    print(f"journey {index} did not finish, trying again: {exc}", flush=True)
                    sample = _sample(world, index, src)
                _reset(world)
                label = "warm-up, not counted" if index == 0 else f"{index}/{runs}"
                print(
                    f"journey {label}{tree}: PIN→review {sample['pin_to_review_ms']:.0f} ms, "
                    f"Confirm→done {sample['confirm_to_done_ms']:.0f} ms, longest stall "
                    f"{sample['longest_stall_ms']:.0f} ms ({sample['longest_stall_phase']}), "
                    f"RSS {sample['rss_mb']:.0f} MB; {time.monotonic() - started:.1f} s",
                    flush=True,
                )
                if index > 0:
                    by_tree[tree].append(sample)
    figures = [f for tree, samples in by_tree.items() for f in _figures(samples, retries, tree)]
    if args.json:
        raw = args.json.with_name(args.json.stem + "-journey-samples.json")
        raw.write_text(json.dumps(by_tree[""], indent=1))
    report(figures, args.json)
    return 0


def _figures(samples: list[dict[str, Any]], retries: int, tree: str) -> list[Any]:
    """The journey's figures from ``samples``; ``tree`` names another source tree."""
    from benchlib import Figure

    def col(key: str) -> list[float]:
        return [float(s[key]) for s in samples]

    med = statistics.median
    pin_parts, pin_rest = _parts_note(samples, "pin_parts_ms", "pin_to_review_ms")
    confirm_parts, confirm_rest = _parts_note(samples, "confirm_parts_ms", "confirm_to_done_ms")
    signin_parts, signin_rest = _parts_note(samples, "signin_parts_ms", "signin_ms")

    def ours(key: str) -> str:
        parts = ("before", "between", "after")
        values = {p: med([s[key][p] for s in samples]) for p in parts}
        return (
            f"{values['before']:.0f} ms before the first call (dialog, busy page, worker "
            f"start), {values['between']:.0f} ms between calls (GUI-thread hops), "
            f"{values['after']:.0f} ms after the last (result hop, render, paint)"
        )

    phases: dict[str, int] = {}
    for s in samples:
        phases[s["longest_stall_phase"]] = phases.get(s["longest_stall_phase"], 0) + 1
    where = ", ".join(f"{p} ×{n}" for p, n in sorted(phases.items(), key=lambda kv: -kv[1]))
    running: dict[str, int] = {}
    stalls = 0
    for s in samples:
        for names in s["stall_overlaps"]:
            stalls += 1
            for name in names:
                running[name] = running.get(name, 0) + 1
    ranked = sorted(running.items(), key=lambda kv: -kv[1])
    during = ", ".join(f"{n} {c}/{stalls}" for n, c in ranked)
    own = med(col("longest_stall_own_cpu_ms"))
    figures = [
        Figure.from_samples(
            "PIN submitted → review page shown",
            "ms",
            PIN_TO_REVIEW_GOAL_MS,
            col("pin_to_review_ms"),
            note=(
                f"card and portal calls (medians): {pin_parts}; ours (thread hops, "
                f"rendering, paint) {pin_rest:.0f} ms = {ours('pin_ours_ms')}; journeys that "
                f"failed and were run again: {retries}"
            ),
        ),
        Figure.from_samples(
            "Confirm clicked → done page shown",
            "ms",
            CONFIRM_TO_DONE_GOAL_MS,
            col("confirm_to_done_ms"),
            note=(
                f"portal call (median): {confirm_parts}; ours {confirm_rest:.0f} ms = "
                f"{ours('confirm_ours_ms')}"
            ),
        ),
        Figure.from_samples(
            "longest GUI-thread stall in a journey",
            "ms",
            STALL_GOAL_MS,
            col("longest_stall_ms"),
            note=(
                f"largest gap between {TICK_MS} ms timer ticks, first page to done page "
                f"(window construction is the start-up figure); longest during: {where}; "
                f"the GUI thread's own CPU in the longest gap {own:.0f} ms (median; the rest it "
                f"waited for the GIL); worker calls running during the {stalls} stalls > "
                f"{STALL_GOAL_MS:g} ms: {during or 'none'}"
            ),
        ),
        Figure.from_samples(
            f"GUI-thread stalls > {STALL_GOAL_MS:g} ms per journey",
            "",
            0,
            col("stalls_over_goal"),
        ),
        Figure.from_samples(
            "resident memory after one journey (VmRSS)",
            "MB",
            120,
            col("rss_mb"),
            note=f"peak (VmHWM) median {med(col('hwm_mb')):.0f} MB; fresh process per journey",
        ),
        Figure.from_samples(
            "sign-in step (Start → account page)",
            "ms",
            None,
            col("signin_ms"),
            note=(
                f"calls: {signin_parts} (includes the scripted browser in another process); "
                f"then the portal's account check and rendering {signin_rest:.0f} ms"
            ),
        ),
        Figure.from_samples(
            "card inserted → card page shown",
            "ms",
            None,
            col("insert_to_card_ms"),
            note=(
                "from spawning the virtual card: card emulator start, pcscd's presence "
                "poll (~400 ms), our monitor, certificate read"
            ),
        ),
    ]
    for figure in figures:
        figure.name += tree
    return figures


if __name__ == "__main__":
    sys.exit(main())
