"""A kiosk station's day: many people in a row in one running kiosk app, and no growth.

One kiosk app process (``bench_kiosk_soak.py --app``, offscreen Qt, the real window,
adapters and kiosk browser launcher) takes ``--people`` people (200; 30 with
``--quick``) through the whole journey: Start, sign-in in the throwaway browser the
app starts itself (the scripted browser as its own process, on a fresh profile),
account, card, PIN, review, Confirm, done, and the reset for the next person. The
sandbox (identity provider, portal, private pcscd, virtual cards) runs in this parent
process, never in the app's, so the figures are the app's own. Three test people take
turns; between people the parent takes the card out and removes the link, so each can
link again on their next turn.

After each reset, back on the start page (after a garbage collection), the app records
its resident memory (VmRSS), Python objects (and weakrefs among them), threads (from
/proc, so Qt's and the pool's count too), open file descriptors and that person's
journey time (Start clicked → done page shown). Reported: the least-squares slope of
each per person over the people after the first ``WARM_UP`` (goal: no growth), and
the app's CPU while it sits on an empty start page afterwards (``IDLE_S`` seconds; an
idle timer still running there is set to a short interval, so its firing would show).
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import proc_status_kb, say

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PREFIX = "@soak "
# People taken in turn: the portal limits link requests per account (20 a minute), and
# one person every two seconds would reach it. All three link; mfa adds its second step.
PEOPLE = ("ready", "mfa", "mismatch")
PIN = "123456"
WARM_UP = 10  # people not in the slopes: caches, pools and imports fill up first
IDLE_S = 20.0
IDLE_TIMEOUT_S = 5  # kiosk_idle_timeout_s during the idle measurement window
STEP_TIMEOUT_S = 60.0
MAX_FAILURES = 5  # journeys that end on an error page before the run counts as failed


# ====================================================================== the app process
def _sample() -> dict[str, float]:
    gc.collect()
    objects = gc.get_objects()
    import weakref

    weakrefs = sum(1 for o in objects if type(o) is weakref.ReferenceType)
    status = proc_status_kb("VmRSS", "Threads")
    return {
        "rss_kb": float(status["VmRSS"]),
        "objects": float(len(objects)),
        "weakrefs": float(weakrefs),
        "threads": float(status["Threads"]),
        "fds": float(len(os.listdir("/proc/self/fd"))),
    }


def _type_counts() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def run_app(settings_values: dict[str, Any], people: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QWidget

    from smartcard_linker.adapters import build_services
    from smartcard_linker.config import Settings
    from smartcard_linker.ui.app import show_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = Settings(**settings_values)
    window = show_main_window(app, settings, build_services(settings), None, open_url=print)

    # One event loop and two timers for the whole run, connected once: a connection made
    # per wait left a little of PySide6's bookkeeping behind each time (tracemalloc), which
    # counted as the app's growth. (A pending singleShot per wait did so before that.)
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(5)
    deadline = QTimer()
    deadline.setSingleShot(True)
    awaited: list[Callable[[], bool]] = []  # the condition of the wait in progress
    check.timeout.connect(lambda: loop.quit() if awaited and awaited[0]() else None)
    deadline.timeout.connect(loop.quit)

    def wait_until(condition: Callable[[], bool], what: str) -> None:
        if condition():
            return
        awaited[:] = [condition]
        deadline.start(int(STEP_TIMEOUT_S * 1000))
        check.start()
        loop.exec()
        check.stop()
        deadline.stop()
        awaited.clear()
        if not condition():
            raise TimeoutError(f"timed out waiting for {what} (on {page()})")

    def page() -> str:
        widget = window.stack.currentWidget()
        return widget.objectName() if widget is not None else ""

    def on(name: str) -> None:
        wait_until(lambda: page() in (name, "errorPage", "blockedPage"), name)
        if page() != name:
            raise AssertionError(f"expected {name}, the app shows {page()}")

    def click(name: str, root: QWidget | None = None) -> None:
        widget = (root or window).findChild(QPushButton, name)
        assert widget is not None, name
        wait_until(lambda: widget.isVisible() and widget.isEnabled(), f"button {name}")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def between_people() -> None:
        """The parent takes the card out and removes the link; wait until it has."""
        say(PREFIX, "next")
        if sys.stdin.readline().strip() != "ok":
            raise RuntimeError("the sandbox side stopped")

    def one_person() -> None:
        click("startButton")
        on("accountPage")
        click("accountContinueButton")
        on("insertCardPage")
        say(PREFIX, "insert")
        on("cardPage")
        click("cardContinueButton")
        wait_until(lambda: window.pin_dialog is not None and window.pin_dialog.isVisible(), "PIN")
        dialog = window.pin_dialog
        assert dialog is not None
        QTest.keyClicks(dialog.field, PIN)
        click("pinContinueButton", dialog)
        on("reviewPage")
        names_differ = window.findChild(QCheckBox, "namesDifferConfirm")
        if names_differ is not None and names_differ.isVisible():
            names_differ.click()  # "both accounts are mine" (its box, not its wide label)
        click("confirmButton")
        on("donePage")

    samples: list[dict[str, float]] = []
    failures: list[str] = []
    types_after_warm_up: Counter[str] = Counter()
    try:
        wait_until(lambda: window.journey.state.ready, "the readiness check")
        for index in range(people):
            on("startPage")
            started = time.monotonic()
            try:
                one_person()
            except AssertionError as exc:  # a sandbox hiccup: counted, reported, not a figure
                error = window.journey.state.error
                failures.append(error.code if error is not None else str(exc))
                say(PREFIX, "failed", failures[-1])
                if len(failures) > MAX_FAILURES:
                    raise
                window.journey.reset()
                between_people()
                continue
            journey_ms = (time.monotonic() - started) * 1000
            click("finishButton")
            between_people()
            on("startPage")
            wait_until(lambda: window.journey.state.account is None, "the reset")
            sample = _sample() | {"journey_ms": journey_ms}
            samples.append(sample)
            if len(samples) == (WARM_UP if people > 2 * WARM_UP else 1):
                types_after_warm_up = _type_counts()
            say(PREFIX, "person", json.dumps({"index": index, **sample}))
        grown = _type_counts()
        grown.subtract(types_after_warm_up)
        growing = [(name, n) for name, n in grown.most_common(6) if n > 0]
        # Idle on the empty start page: the app's own CPU over IDLE_S seconds.
        # The app decides whether its idle timer runs here; a short interval makes one
        # that does fire several times in the window (older builds had it on the window).
        holder: Any = getattr(window, "kiosk_timers", None) or window
        idle_timer = holder.idle_timer
        if idle_timer.isActive():
            idle_timer.start(IDLE_TIMEOUT_S * 1000)
        idle_timer_running = idle_timer.isActive()
        before_cpu, before_wall = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        idle_loop = QEventLoop()
        QTimer.singleShot(int(IDLE_S * 1000), idle_loop.quit)
        idle_loop.exec()
        after_cpu, wall = resource.getrusage(resource.RUSAGE_SELF), time.monotonic() - before_wall
        cpu = (after_cpu.ru_utime - before_cpu.ru_utime) + (
            after_cpu.ru_stime - before_cpu.ru_stime
        )
    finally:
        window.shutdown()
        window.deleteLater()
    return {
        "samples": samples,
        "failures": failures,
        "growing_types": growing,
        "idle_cpu_percent": 100 * cpu / wall,
        "idle_timer_running": idle_timer_running,
        "idle_wall_s": wall,
    }


# ====================================================================== the sandbox side
def _slope(values: list[float]) -> float:
    xs = [float(i) for i in range(len(values))]
    return statistics.linear_regression(xs, values).slope


def _forget_link(world: Any, key: str) -> None:
    from link_portal.admin import AdminError, remove_link
    from link_portal.db import make_engine
    from linker_sandbox.testdata.people import person

    engine = make_engine(world.database_url)
    try:
        remove_link(engine, person(key).oid, reason="soak benchmark")
    except AdminError:
        pass
    finally:
        engine.dispose()


def run_station(world: Any, people: int, directory: Path) -> dict[str, Any]:
    assert world.rig is not None and world.pki is not None
    who = directory / "next-person"
    turn = 0
    who.write_text(PEOPLE[turn], encoding="utf-8")
    settings = world.app_settings() | {
        "kiosk_mode": True,
        "kiosk_browser": str(world.kiosk_browser(who)),
    }
    env = world.app_environment()
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join([str(BENCH_DIR), str(ROOT / "src"), str(ROOT)])
    env["XDG_DATA_HOME"] = str(directory / "data")  # the station's counters file
    env.pop("PYTHONDEVMODE", None)
    result: dict[str, Any] | None = None
    with tempfile.TemporaryFile("w+") as errors:
        app = subprocess.Popen(
            [sys.executable, __file__, "--app", json.dumps(settings), str(people)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        killer = threading.Timer(people * STEP_TIMEOUT_S, app.kill)
        killer.start()
        try:
            assert app.stdout is not None and app.stdin is not None
            for line in app.stdout:
                if not line.startswith(PREFIX):
                    continue
                kind, _, payload = line[len(PREFIX) :].rstrip("\n").partition(" ")
                if kind == "insert":
                    world.rig.insert(PEOPLE[turn % len(PEOPLE)], 0, wait=False)
                elif kind == "next":
                    world.rig.remove(0)
                    _forget_link(world, PEOPLE[turn % len(PEOPLE)])
                    turn += 1
                    who.write_text(PEOPLE[turn % len(PEOPLE)], encoding="utf-8")
                    app.stdin.write("ok\n")
                    app.stdin.flush()
                elif kind == "person":
                    sample = json.loads(payload)
                    if sample["index"] % 20 == 0:
                        print(
                            f"person {sample['index'] + 1}/{people}: RSS "
                            f"{sample['rss_kb'] / 1024:.1f} MB, {sample['objects']:.0f} objects, "
                            f"{sample['threads']:.0f} threads, {sample['fds']:.0f} fds, "
                            f"journey {sample['journey_ms'] / 1000:.2f} s",
                            flush=True,
                        )
                elif kind == "failed":
                    print(f"a journey ended on the error page ({payload}); next person", flush=True)
                elif kind == "result":
                    result = json.loads(payload)
            code = app.wait(30)
        finally:
            killer.cancel()
            if app.poll() is None:
                app.kill()
                app.wait()
        if result is None or code != 0:
            errors.seek(0)
            raise RuntimeError(
                f"the kiosk app failed (exit {app.returncode}):\n{errors.read()[-4000:]}"
            )
    return result


def main() -> int:
    if len(sys.argv) >= 4 and sys.argv[1] == "--app":
        say(PREFIX, "result", json.dumps(run_app(json.loads(sys.argv[2]), int(sys.argv[3]))))
        return 0
    sys.path.insert(0, str(BENCH_DIR))
    from benchlib import Figure, arg_parser, report

    parser = arg_parser(__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--people", type=int, help="people in a row (default 200, --quick 30)")
    args = parser.parse_args()
    people = args.people or (30 if args.quick else 200)

    from linker_sandbox.world import SandboxWorld

    with (
        tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp,
        SandboxWorld(Path(tmp) / "world") as world,
    ):
        started = time.monotonic()
        result = run_station(world, people, Path(tmp))
        took = time.monotonic() - started
    counted = result["samples"][WARM_UP:] if people > WARM_UP * 2 else result["samples"]

    def col(key: str) -> list[float]:
        return [s[key] for s in counted]

    first, last = result["samples"][0], result["samples"][-1]
    skipped = len(result["samples"]) - len(counted)
    failed = ", ".join(result["failures"]) or "none"
    note = (
        f"{people} people in {took:.0f} s (journeys that failed, not counted: {failed}); "
        f"slope over people {skipped + 1}–{len(result['samples'])}; "
    )

    def growth(key: str, unit: str, scale: float = 1.0) -> str:
        return f"{first[key] / scale:.1f} → {last[key] / scale:.1f} {unit}"

    def slope_figure(name: str, key: str, unit: str, goal: float, note_text: str) -> Figure:
        value = _slope(col(key))
        return Figure(name, unit, goal, True, value, value, value, len(counted), note_text)

    figures = [
        slope_figure(
            "kiosk soak: RSS growth per person",
            "rss_kb",
            "KB",
            1.0,
            note + "first → last person " + growth("rss_kb", "MB", 1024),
        ),
        slope_figure(
            "kiosk soak: Python objects per person",
            "objects",
            "objects",
            1.0,
            growth("objects", "objects") + f"; weakrefs slope {_slope(col('weakrefs')):.2f}/person "
            f"({growth('weakrefs', 'weakrefs')}); types that grew after the warm-up: "
            + (", ".join(f"{name} +{n}" for name, n in result["growing_types"]) or "none"),
        ),
        slope_figure(
            "kiosk soak: threads per person",
            "threads",
            "threads",
            0.01,
            growth("threads", "threads"),
        ),
        slope_figure(
            "kiosk soak: file descriptors per person", "fds", "fds", 0.01, growth("fds", "fds")
        ),
        slope_figure(
            "kiosk soak: journey time change per person",
            "journey_ms",
            "ms",
            1.0,
            f"median journey {statistics.median(col('journey_ms')) / 1000:.2f} s",
        ),
        Figure(
            "kiosk idle CPU on the empty start page",
            "%",
            1.0,
            True,
            result["idle_cpu_percent"],
            result["idle_cpu_percent"],
            result["idle_cpu_percent"],
            1,
            f"the app's own CPU over {result['idle_wall_s']:.0f} s after the last person; kiosk "
            "idle timer on the empty start page: "
            + (f"running ({IDLE_TIMEOUT_S} s here)" if result["idle_timer_running"] else "off"),
        ),
    ]
    report(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
