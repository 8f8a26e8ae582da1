"""CPU time of the PostgreSQL server on this machine during a run, from /proc (Linux).

Two numbers:
- `all_s`: every `postgres` process — the live ones' user + system time after minus before, plus the postmaster's
  children's time (cutime + cstime, after minus before), which is where the kernel books a backend or parallel
  worker that exited during the run; a process that existed before and exited during the run is booked there with
  its whole life, so its time before the run is taken off again. Exact for the server, but it includes whatever
  other databases on the same server did meanwhile.
- `own_s`: only the processes whose title names the measured database (its backends, its autovacuum workers, and
  parallel workers serving those backends), sampled a few times a second: a process that lived between two samples
  is missed, so this is a lower bound of the database's own share.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_EVERY_S = 0.2


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    cpu: float        # own user + system seconds
    children: float   # waited-for children's user + system seconds
    title: str


def postgres_processes(proc: Path = Path("/proc")) -> dict[int, Proc]:
    found = {}
    for entry in proc.glob("[0-9]*"):
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:  # gone, or not ours to read
            continue
        # After the name: state ppid …; utime stime cutime cstime are fields 14–17 of stat (11–14 here)
        found[int(entry.name)] = Proc(int(entry.name), int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS,
                                      (int(fields[13]) + int(fields[14])) / _TICKS, title)
    return found


def serves(title: str, database: str, pids: set[int]) -> bool:
    """'postgres: 15/main: user db 127.0.0.1(5432) idle', 'postgres: 15/main: autovacuum worker db',
    'postgres: 15/main: parallel worker for PID 123' (123 being one of `pids`)."""
    words = title.split(": ")[-1].split()
    if words[:2] == ["autovacuum", "worker"]:
        return words[2:3] == [database]
    if words[:4] == ["parallel", "worker", "for", "PID"] and len(words) > 4:
        return words[4].isdigit() and int(words[4]) in pids
    return len(words) > 1 and words[1] == database


@dataclass
class DatabaseCpu:
    """Started before the run, stopped after it; a thread samples the processes meanwhile."""
    database: str
    _before: dict[int, Proc] = field(default_factory=dict)
    _own_first: dict[int, float] = field(default_factory=dict)
    _own_last: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    all_s: float = 0.0
    own_s: float = 0.0

    def start(self) -> "DatabaseCpu":
        self._before = postgres_processes()
        self._sample(self._before, first=True)
        self._thread = threading.Thread(target=self._run, name="db-cpu", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            self._sample(postgres_processes())

    def _sample(self, procs: dict[int, Proc], first: bool = False) -> None:
        own = {p.pid for p in procs.values() if serves(p.title, self.database, set())}
        for p in procs.values():
            if p.pid in own or serves(p.title, self.database, own):
                self._own_first.setdefault(p.pid, p.cpu if first else 0.0)
                self._own_last[p.pid] = p.cpu

    def stop(self) -> "DatabaseCpu":
        self._stop.set()
        if self._thread:
            self._thread.join()
        after = postgres_processes()
        self._sample(after)
        self.all_s = total_change(self._before, after)
        self.own_s = sum(self._own_last[pid] - self._own_first[pid] for pid in self._own_last)
        return self


def total_change(before: dict[int, Proc], after: dict[int, Proc]) -> float:
    """CPU seconds all the server's processes used between the two readings (see the module's note)."""
    live = sum(p.cpu - (before[p.pid].cpu if p.pid in before else 0.0) for p in after.values())
    parents = [p for p in after.values() if p.ppid not in after]  # the postmaster(s): their children were reaped
    reaped = sum(p.children - (before[p.pid].children if p.pid in before else 0.0) for p in parents)
    gone_before = sum(p.cpu for pid, p in before.items() if pid not in after)  # booked in `reaped` with their whole life
    return max(live + reaped - gone_before, 0.0)
