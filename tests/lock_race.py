"""Many homerooms taking over the same stale lock at once: how many win each race.

Used by ``tests/unit/test_lock.py`` and ``scripts/lock_race.py``. Every race has its own stale
lock (a crashed homeroom on this computer); the racers start it together behind a barrier, and
winners keep their lock (their process stays alive) until every racer has judged it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.synchronize
import threading
from pathlib import Path

from homeroom_tui.store.lock import Holder, LockHeld, MeetingLock, boot_id, format_holder, lock_path, this_host


def prepare(folder: Path, races: int) -> list[Path]:
    """One meeting file name per race, each with a stale lock beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    meetings = [folder / f"meeting-{n:04d}.toml" for n in range(races)]
    dead = format_holder(Holder(999_999_999, this_host(), boot_id(), None, None, "crashed"))
    for meeting in meetings:
        lock_path(meeting).write_bytes(dead)
    return meetings


def _try(meeting: Path, held: list[MeetingLock]) -> int:
    lock = MeetingLock(meeting)
    try:
        lock.acquire()
    except LockHeld:
        return 0
    held.append(lock)
    return 1


def race_threads(folder: Path, races: int, racers: int) -> list[int]:
    """Winners per race, ``racers`` threads of one process racing."""
    meetings = prepare(folder / "threads", races)
    wins = [0] * races
    count = threading.Lock()
    barrier = threading.Barrier(racers)
    held: list[MeetingLock] = []

    def run() -> None:
        for n, meeting in enumerate(meetings):
            barrier.wait()
            won = _try(meeting, held)
            with count:
                wins[n] += won

    threads = [threading.Thread(target=run) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for lock in held:
        lock.release()
    return wins


def _process(
    meetings: list[Path], barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue[list[int]]
) -> None:
    held: list[MeetingLock] = []
    won = []
    for meeting in meetings:
        barrier.wait()
        won.append(_try(meeting, held))
    barrier.wait()  # winners stay alive until every racer has judged every race
    out.put(won)


def race_processes(folder: Path, races: int, racers: int) -> list[int]:
    """Winners per race, ``racers`` processes racing."""
    meetings = prepare(folder / "processes", races)
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(racers)
    out: multiprocessing.Queue[list[int]] = context.Queue()
    workers = [context.Process(target=_process, args=(meetings, barrier, out)) for _ in range(racers)]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        with contextlib.suppress(Exception):
            worker.kill()
    return [sum(column) for column in zip(*results, strict=True)]
