"""The exit machinery without a terminal: closing every open meeting, and the signal watchdog."""

from __future__ import annotations

import signal
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.agenda import load_agenda
from homeroom_tui.program.exits import Exits, SignalGuard
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from homeroom_tui.store.lock import MeetingLock, lock_path
from homeroom_tui.store.recovery import pending_copies


def open_meeting(store: Store, group: Group) -> tuple[MeetingSession, MeetingLock]:
    meeting = Meeting.new(group, 1)
    store.save_meeting(meeting)
    session = MeetingSession(store, group, meeting, [], load_agenda(store.root), FakeClock())
    session.start()
    lock = MeetingLock(store.meeting_path(group.id, 1))
    lock.acquire()
    return session, lock


def fail_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: Store, meeting: Meeting) -> Path:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Store, "save_meeting", read_only)


def test_close_all_saves_and_releases(store: Store, sample_group: Group) -> None:
    session, lock = open_meeting(store, sample_group)
    exits = Exits()
    exits.add(session, lock)
    session.set_stage_notes("typed")
    assert exits.close_all() == []
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "typed"
    assert not lock_path(store.meeting_path(sample_group.id, 1)).exists()
    assert exits.sessions() == [] and exits.closed.is_set()
    assert exits.close_all() == []  # twice is harmless


def test_close_all_saves_the_notes_line_being_typed(store: Store, sample_group: Group) -> None:
    """The watchdog's path (the UI loop is stuck): the session already holds the line, no widget is asked."""
    session, lock = open_meeting(store, sample_group)
    session.set_stage_notes("earlier")
    session.save()
    exits = Exits()
    exits.add(session, lock)
    session.type_notes_line("typed, no Enter")
    exits.close_all()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "earlier\ntyped, no Enter"


def test_close_all_keeps_a_private_recovery_copy_of_what_cannot_be_saved(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, recovery_dir: Path
) -> None:
    session, lock = open_meeting(store, sample_group)
    exits = Exits()
    exits.add(session, lock)
    fail_saves(monkeypatch)
    session.set_stage_notes("not in the data folder")
    [copy] = exits.close_all(recover=True)
    assert copy.parent == recovery_dir and pending_copies() == [copy]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and stat.S_IMODE(recovery_dir.stat().st_mode) == 0o700
    assert "not in the data folder" in copy.read_text()
    assert not copy.is_relative_to(store.root)
    assert not lock_path(store.meeting_path(sample_group.id, 1)).exists()


def test_leaving_one_meeting_releases_only_its_lock(store: Store, sample_group: Group) -> None:
    session, lock = open_meeting(store, sample_group)
    exits = Exits()
    exits.add(session, lock)
    exits.close(session)
    assert not lock_path(store.meeting_path(sample_group.id, 1)).exists() and exits.sessions() == []


def guard_with(exits: Exits, call_soon: Callable[..., object]) -> tuple[SignalGuard, list[int], threading.Event]:
    ended: list[int] = []
    done = threading.Event()

    def exit_process(code: int) -> None:
        ended.append(code)
        done.set()

    return SignalGuard(exits, call_soon, lambda signum: None, exit_process=exit_process), ended, done


def test_watchdog_saves_releases_and_ends_when_the_ui_loop_is_stuck(store: Store, sample_group: Group) -> None:
    session, lock = open_meeting(store, sample_group)
    exits = Exits()
    exits.add(session, lock)
    session.set_stage_notes("the loop never ran")
    guard, ended, done = guard_with(exits, lambda *args: None)  # the UI loop never gets the call
    guard._handler(signal.SIGHUP, None)
    assert done.wait(timeout=30), "the watchdog did not end the process"
    assert ended == [0]
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "the loop never ran"
    assert not lock_path(store.meeting_path(sample_group.id, 1)).exists()


def test_watchdog_leaves_the_saving_to_the_ui_loop_when_it_runs(store: Store, sample_group: Group) -> None:
    session, lock = open_meeting(store, sample_group)
    exits = Exits()
    exits.add(session, lock)
    calls: list[int] = []

    def loop_runs(callback: Callable[[int], None], signum: int) -> None:
        calls.append(signum)
        exits.close_all()

    guard, ended, done = guard_with(exits, loop_runs)
    guard._handler(signal.SIGTERM, None)
    guard._handler(signal.SIGTERM, None)  # a second signal starts nothing new
    assert done.wait(timeout=30) and ended == [0]
    assert calls == [signal.SIGTERM]


def test_install_and_uninstall_restore_the_previous_handlers() -> None:
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    guard = SignalGuard(Exits(), lambda *args: None, lambda signum: None, exit_process=lambda code: None)
    assert guard.install()
    assert signal.getsignal(signal.SIGTERM) == guard._handler
    guard.uninstall()
    assert {sig: signal.getsignal(sig) for sig in before} == before
