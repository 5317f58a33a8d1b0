"""The meeting lock: atomic takeover of a stale lock, process-id reuse, another computer's lock.

The races here run 400 times with threads and 400 times with processes (800 races, a few seconds);
``scripts/lock_race.py`` runs the full 1000 and more and prints the count of races with more than
one winner (docs/RELIABILITY.md).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

import pytest

from homeroom_tui.store.lock import (
    Holder,
    LockHeld,
    MeetingLock,
    boot_id,
    format_holder,
    lock_path,
    process_start,
    read_holder,
    this_host,
)
from tests.lock_race import race_processes, race_threads

LINUX_PROC = Path("/proc/self/stat").exists() and bool(boot_id())


def write_lock(meeting_file: Path, holder: Holder) -> Path:
    path = lock_path(meeting_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(format_holder(holder))
    return path


def test_a_lock_file_appears_whole_and_names_this_process(tmp_path: Path) -> None:
    lock = MeetingLock(tmp_path / "meeting-01.toml")
    lock.acquire()
    holder = read_holder(lock.path)
    assert holder is not None and holder.pid == os.getpid() and holder.host == this_host()
    assert holder.token == lock.token and holder.since is not None
    assert oct(lock.path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == [lock.path.name]  # no temp file left beside it
    with pytest.raises(LockHeld):  # a second lock in the same process is refused too
        MeetingLock(tmp_path / "meeting-01.toml").acquire()
    lock.release()
    assert not lock.path.exists()


def test_a_lock_left_by_this_process_is_stale_once_its_lock_is_gone(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting-01.toml"
    write_lock(meeting, Holder(os.getpid(), this_host(), boot_id(), process_start(os.getpid()), None, "gone"))
    lock = MeetingLock(meeting)
    lock.acquire()
    assert lock.took_over is not None and lock.took_over.token == "gone"
    lock.release()


@pytest.mark.skipif(not LINUX_PROC, reason="needs /proc (Linux)")
def test_a_reused_process_id_is_not_mistaken_for_the_holder(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting-01.toml"
    start = process_start(1)
    assert start is not None
    # pid 1 is alive, but started at another time: the homeroom that wrote this is gone
    write_lock(meeting, Holder(1, this_host(), boot_id(), start + 12345, None, "x"))
    lock = MeetingLock(meeting)
    lock.acquire()
    assert lock.took_over is not None and lock.took_over.pid == 1
    lock.release()
    # the same live pid and start time, but written before the last reboot
    write_lock(meeting, Holder(1, this_host(), "00000000-0000-0000-0000-000000000000", start, None, "x"))
    lock = MeetingLock(meeting)
    lock.acquire()
    assert lock.took_over is not None
    lock.release()
    # the same pid, start time and boot: really alive
    write_lock(meeting, Holder(1, this_host(), boot_id(), start, None, "x"))
    with pytest.raises(LockHeld):
        MeetingLock(meeting).acquire()


def test_without_proc_the_process_id_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import homeroom_tui.store.lock as lock_module

    monkeypatch.setattr(lock_module, "boot_id", lambda: "")
    monkeypatch.setattr(lock_module, "process_start", lambda pid: None)
    meeting = tmp_path / "meeting-01.toml"
    write_lock(meeting, Holder(1, this_host(), "", None, None, "x"))  # old format, pid 1 alive
    with pytest.raises(LockHeld):
        MeetingLock(meeting).acquire()
    write_lock(meeting, Holder(999_999_999, this_host()))
    lock = MeetingLock(meeting)
    lock.acquire()
    assert lock.took_over is not None and lock.took_over.pid == 999_999_999
    lock.release()


def test_an_older_homerooms_lock_file_is_still_understood(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting-01.toml"
    lock_path(meeting).write_text(f"1 {this_host()}\n")
    with pytest.raises(LockHeld) as info:
        MeetingLock(meeting).acquire()
    assert info.value.holder.pid == 1 and info.value.holder.since is not None  # its age: the file's time


def test_another_computers_lock_is_never_judged_by_local_process_ids(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting-01.toml"
    since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=95)
    foreign = Holder(999_999_999, "laptop-at-school", "other-boot", 1, since.replace(microsecond=0), "t")
    write_lock(meeting, foreign)
    with pytest.raises(LockHeld) as info:
        MeetingLock(meeting).acquire()
    held = info.value.holder
    assert held.foreign and held.host == "laptop-at-school" and held.age_minutes() == 95
    # taken over only when the counselor agreed to exactly that holder
    other = Holder(5, "another-laptop", "", None, since, "u")
    with pytest.raises(LockHeld):
        MeetingLock(meeting).acquire(take_over=other)
    lock = MeetingLock(meeting)
    lock.acquire(take_over=held)
    assert lock.took_over == held
    mine = read_holder(lock.path)
    assert mine is not None and mine.host == this_host() and mine.token == lock.token
    lock.release()
    assert not lock.path.exists()


def test_release_leaves_a_lock_that_is_no_longer_ours(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting-01.toml"
    lock = MeetingLock(meeting)
    lock.acquire()
    taken = Holder(4242, "laptop-at-school", "", None, None, "theirs")
    lock.path.write_bytes(format_holder(taken))  # taken over from another computer meanwhile
    lock.release()
    assert read_holder(lock.path) == parse_written(lock.path, taken)


def parse_written(path: Path, holder: Holder) -> Holder:
    return Holder(holder.pid, holder.host, holder.boot_id, holder.start, read_holder(path).since, holder.token)  # type: ignore[union-attr]


def test_stale_lock_race_with_threads_has_one_winner(tmp_path: Path) -> None:
    assert set(race_threads(tmp_path, races=400, racers=4)) == {1}


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_stale_lock_race_with_processes_has_one_winner(tmp_path: Path) -> None:
    assert set(race_processes(tmp_path, races=400, racers=4)) == {1}


def test_the_race_helpers_would_notice_two_winners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import homeroom_tui.store.lock as lock_module

    monkeypatch.setattr(lock_module, "alive", lambda holder: False)  # everybody thinks everybody is gone
    assert set(race_threads(tmp_path, races=20, racers=3)) == {3}


def test_finishing_a_meeting_leaves_a_next_meeting_another_copy_holds(tmp_path: Path) -> None:
    from homeroom_tui.program.agenda import load_agenda
    from homeroom_tui.program.meetings import open_meeting
    from homeroom_tui.program.session import MeetingSession
    from homeroom_tui.program.timer import FakeClock
    from homeroom_tui.store import Store

    store = Store(tmp_path / "data")
    group = store.create_group("G", ["A", "B"], first_meeting=dt.date(2024, 1, 15), today=dt.date(2024, 1, 8))
    second = store.meeting_path(group.id, 2)
    from homeroom_tui.model import Meeting

    store.save_meeting(Meeting.new(group, 2, date=dt.date(2024, 1, 22)))
    before = second.read_bytes()
    lock_path(second).write_text(f"1 {this_host()}\n")  # another copy has meeting 2 open
    meeting, meetings = open_meeting(store, group, 1)
    session = MeetingSession(store, group, meeting, meetings, load_agenda(store.root), FakeClock())
    session.start()
    assert session.finish(dt.date(2024, 1, 29))
    assert second.read_bytes() == before  # its date was left to the copy that has it open
    assert store.load_meeting(group, 1).status == "completed"
