"""What /proc says about processes the sandbox starts (Linux): command lines, parents,
CPU time and which process holds which TCP connections. Tests and benchmarks use it to see how a
multi-worker portal spreads its connections."""

from __future__ import annotations

import os
from pathlib import Path


def cmdline(pid: int) -> str:
    """The process's command line ('' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def stat_fields(pid: int) -> list[str] | None:
    """``/proc/<pid>/stat`` after the command name: [0] state, [1] parent pid, [11] user
    and [12] system CPU in clock ticks (see proc(5)); None once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = stat_fields(int(entry.name))
            if fields is not None and fields[1] == str(pid):
                found.append(int(entry.name))
    return found


def spawned_workers(pids: list[int]) -> list[int]:
    """Those of ``pids`` that are multiprocessing workers (spawned, not forked)."""
    return [pid for pid in pids if "spawn_main" in cmdline(pid)]


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def connections_per_process(pids: list[int], port: int) -> list[int]:
    """Established TCP connections to local ``port`` that each of ``pids`` holds."""
    established: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                established.add(fields[9])
    return [len(_socket_inodes(pid) & established) for pid in pids]
